export { fetchBytes } from './fetchBytes.js';
export { HlsStream } from './HlsStream.js';
export { parseMediaPlaylist, type ByteRange, type LiveSegment, type MediaPlaylist } from './parseMediaPlaylist.js';
export { hlsReaderDefaults, readHlsSegments, type HlsReaderOptions } from './readHlsSegments.js';
