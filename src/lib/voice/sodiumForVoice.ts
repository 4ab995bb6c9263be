/**
 * What @discordjs/voice sees when it imports `sodium-native`. Voice reads the XChaCha constants and functions
 * off the ESM namespace, but sodium-native 5 is CommonJS whose constants Node cannot detect as named exports,
 * so the namespace lacks `crypto_aead_xchacha20poly1305_ietf_ABYTES` and XChaCha voice mode throws. Re-exporting
 * them by name fixes that; installVoiceSodiumHook points voice's import here.
 */
import sodium from 'sodium-native';

export const { crypto_aead_xchacha20poly1305_ietf_ABYTES, crypto_aead_xchacha20poly1305_ietf_encrypt, crypto_aead_xchacha20poly1305_ietf_decrypt } =
	sodium;
export default sodium;
