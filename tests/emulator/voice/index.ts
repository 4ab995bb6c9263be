export * from './capturedAudio.js';
export * from './protocol.js';
export * from './receiveStats.js';
export * from './testAdapter.js';
export * from './tls.js';
export * from './voiceServer.js';
export * from './voiceSession.js';
export type { DaveFrame, DaveGroupSnapshot } from './dave/daveLayer.js';
export { EmulatedListener, hasDaveMagic } from './dave/emulatedListener.js';
