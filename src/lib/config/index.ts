export { ConfigError, isConfigError, type ConfigIssue } from './ConfigError.js';
export { formatConfigError } from './formatConfigError.js';
export { formatConfigIssue } from './formatConfigIssue.js';
export { loadConfig } from './loadConfig.js';
export { resolveConfigPath, type ConfigLocation } from './resolveConfigPath.js';
export { stationFormats } from './schema.js';
export { stationId } from './stationId.js';
export type { BotConfig, Config, Donation, Station, StationFormat, StreamConfig, VoiceConfig } from './types.js';
