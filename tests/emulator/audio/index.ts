export * from './fft.js';
export * from './frequency.js';
export * from './ogg.js';
export * from './opus.js';
export * from './tone.js';
export * from './level.js';
