export { IcyDemuxer } from './IcyDemuxer.js';
export { defaultIcyMetaint, encodeIcyMetadata, IcyInterleaver, parseIcyMetadata } from './icyMetadata.js';
export { defaultMountPath, TestStation, type MountOptions, type RecordedRequest, type StaticFile, type TestStationOptions } from './TestStation.js';
