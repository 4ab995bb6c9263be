export { chooseHlsVariants, defaultHlsBandwidthFloor } from './chooseHlsVariants.js';
export { resolveDefaults, resolveStream } from './resolveStream.js';
export { StreamResolveError, type EntryFailure, type StreamResolveReason } from './StreamResolveError.js';
export { StreamResolver, type StreamResolverOptions } from './StreamResolver.js';
export type { IcyInfo, ResolvedStream, ResolveOptions, StreamContainer } from './types.js';
