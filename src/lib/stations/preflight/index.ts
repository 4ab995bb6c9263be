export { defaultPreflightTimeoutMs, preflight, type PreflightOptions, type PreflightResult } from './preflight.js';
