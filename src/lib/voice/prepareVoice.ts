// Side-effect module: imported first by the entry point, before anything loads @discordjs/voice.
import { installVoiceSodiumHook } from '#lib/voice/installVoiceSodiumHook';

export const voiceSodiumHookInstalled = installVoiceSodiumHook();
