import { createCipheriv, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import { parseRtpPacket, stripDecryptedPayload } from '#emulator/voice/rtp';
import { decryptTransport } from '#emulator/voice/transportCrypto';
import type { EncryptionMode } from '#emulator/voice/protocol';

interface SodiumEncrypt {
	crypto_aead_xchacha20poly1305_ietf_encrypt(cipher: Buffer, message: Buffer, ad: Buffer, nsec: null, nonce: Buffer, key: Buffer): number;
}
const sodium = createRequire(import.meta.url)('sodium-native') as SodiumEncrypt;

const opusFrame = Buffer.from('fc ff fe 11 22 33 44 55', 'hex');

/** Builds a packet the way Discord clients do: the extension preamble is in the AAD, its body encrypted with the payload. */
function buildPacket(mode: EncryptionMode, key: Buffer, counter: number, extensionBody?: Buffer): Buffer {
	const fixed = Buffer.alloc(12);
	fixed[0] = extensionBody ? 0x90 : 0x80;
	fixed[1] = 120;
	fixed.writeUInt16BE(4242, 2);
	fixed.writeUInt32BE(960 * 7, 4);
	fixed.writeUInt32BE(0xabcdef, 8);
	const preamble = extensionBody ? Buffer.from([0xbe, 0xde, 0, extensionBody.length / 4]) : Buffer.alloc(0);
	const header = Buffer.concat([fixed, preamble]);
	const plaintext = Buffer.concat([extensionBody ?? Buffer.alloc(0), opusFrame]);
	const nonceCounter = Buffer.alloc(4);
	nonceCounter.writeUInt32BE(counter);
	if (mode === 'aead_aes256_gcm_rtpsize') {
		const cipher = createCipheriv('aes-256-gcm', key, Buffer.concat([nonceCounter, Buffer.alloc(8)]));
		cipher.setAAD(header);
		return Buffer.concat([header, cipher.update(plaintext), cipher.final(), cipher.getAuthTag(), nonceCounter]);
	}
	const sealed = Buffer.alloc(plaintext.length + 16);
	sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(sealed, plaintext, header, null, Buffer.concat([nonceCounter, Buffer.alloc(20)]), key);
	return Buffer.concat([header, sealed, nonceCounter]);
}

describe('voice emulator RTP decryption', () => {
	for (const mode of ['aead_aes256_gcm_rtpsize', 'aead_xchacha20_poly1305_rtpsize'] as const) {
		for (const extensionBody of [undefined, Buffer.from('0123456789abcdef', 'hex')]) {
			const shape = extensionBody ? 'with a header extension' : 'without a header extension';
			it(`GIVEN a ${mode} packet ${shape} WHEN parsed and decrypted THEN the Opus frame and header fields come out`, () => {
				const key = randomBytes(32);
				const packet = parseRtpPacket(buildPacket(mode, key, 77, extensionBody));
				expect(packet).to.include({ sequence: 4242, timestamp: 960 * 7, ssrc: 0xabcdef });
				expect(stripDecryptedPayload(packet!, decryptTransport(mode, key, packet!))).to.deep.equal(opusFrame);
			});
		}

		it(`GIVEN a ${mode} packet with a tampered header WHEN decrypted THEN authentication fails`, () => {
			const key = randomBytes(32);
			const datagram = buildPacket(mode, key, 1);
			datagram[3] ^= 1;
			expect(() => decryptTransport(mode, key, parseRtpPacket(datagram)!)).to.throw();
		});

		it(`GIVEN a ${mode} packet WHEN decrypted with another key THEN authentication fails`, () => {
			const datagram = buildPacket(mode, randomBytes(32), 1);
			expect(() => decryptTransport(mode, randomBytes(32), parseRtpPacket(datagram)!)).to.throw();
		});
	}

	it('GIVEN a datagram that is not RTP Opus WHEN parsed THEN it is rejected', () => {
		expect(parseRtpPacket(Buffer.alloc(8))).to.equal(null);
		const wrongPayloadType = buildPacket('aead_aes256_gcm_rtpsize', randomBytes(32), 1);
		wrongPayloadType[1] = 96;
		expect(parseRtpPacket(wrongPayloadType)).to.equal(null);
	});
});
