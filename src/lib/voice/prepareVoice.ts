// Side-effect module: imported first by the entry point, before anything loads @discordjs/voice.
import { installVoiceSodiumHook } from './installVoiceSodiumHook.js';

export const voiceSodiumHookInstalled = installVoiceSodiumHook();
