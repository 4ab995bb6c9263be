declare module 'sodium-native' {
	const sodium: {
		crypto_aead_xchacha20poly1305_ietf_ABYTES: number;
		crypto_aead_xchacha20poly1305_ietf_NPUBBYTES: number;
		crypto_aead_xchacha20poly1305_ietf_KEYBYTES: number;
		crypto_aead_xchacha20poly1305_ietf_encrypt: (
			ciphertext: Uint8Array,
			message: Uint8Array,
			additionalData: Uint8Array | null,
			nsec: null,
			nonce: Uint8Array,
			key: Uint8Array
		) => number;
		crypto_aead_xchacha20poly1305_ietf_decrypt: (
			message: Uint8Array,
			nsec: null,
			ciphertext: Uint8Array,
			additionalData: Uint8Array | null,
			nonce: Uint8Array,
			key: Uint8Array
		) => number;
		[name: string]: unknown;
	};
	export default sodium;
}
