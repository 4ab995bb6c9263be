import * as nodeModule from 'node:module';

/**
 * Must run before @discordjs/voice is first imported (it loads its crypto library at import time).
 * Returns false where Node has no synchronous module hooks (< 22.15): voice then still works with
 * AES-256-GCM, the mode Discord offers first, but not with XChaCha20-Poly1305.
 */
export function installVoiceSodiumHook(): boolean {
	const { registerHooks } = nodeModule as { registerHooks?: typeof nodeModule.registerHooks };
	if (typeof registerHooks !== 'function') return false;
	const shimUrl = new URL('./sodiumForVoice.js', import.meta.url).href;
	registerHooks({
		resolve(specifier, context, nextResolve) {
			if (specifier === 'sodium-native' && context.parentURL?.includes('/@discordjs/voice/')) {
				return { url: shimUrl, format: 'module', shortCircuit: true };
			}
			return nextResolve(specifier, context);
		}
	});
	return true;
}
