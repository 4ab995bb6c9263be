import { createDecipheriv } from 'node:crypto';
import { createRequire } from 'node:module';
import type { EncryptionMode } from './protocol.js';
import type { RtpPacket } from './rtp.js';

interface SodiumAead {
	crypto_aead_xchacha20poly1305_ietf_ABYTES: number;
	crypto_aead_xchacha20poly1305_ietf_decrypt(message: Buffer, nsec: null, cipher: Buffer, ad: Buffer, nonce: Buffer, key: Buffer): number;
}

// The CommonJS export is sodium-native's default export, the one that carries the constants (its ESM namespace lacks them).
const sodium = createRequire(import.meta.url)('sodium-native') as SodiumAead;

/** Decrypts the transport layer of a voice packet; throws when authentication fails. */
export function decryptTransport(mode: EncryptionMode, secretKey: Buffer, packet: RtpPacket): Buffer {
	switch (mode) {
		case 'aead_aes256_gcm_rtpsize': {
			const nonce = Buffer.alloc(12);
			packet.nonceCounter.copy(nonce, 0);
			const decipher = createDecipheriv('aes-256-gcm', secretKey, nonce);
			decipher.setAAD(packet.header);
			decipher.setAuthTag(packet.authTag);
			return Buffer.concat([decipher.update(packet.ciphertext), decipher.final()]);
		}
		case 'aead_xchacha20_poly1305_rtpsize': {
			const nonce = Buffer.alloc(24);
			packet.nonceCounter.copy(nonce, 0);
			const message = Buffer.alloc(packet.ciphertext.length);
			sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
				message,
				null,
				Buffer.concat([packet.ciphertext, packet.authTag]),
				packet.header,
				nonce,
				secretKey
			);
			return message;
		}
	}
}
