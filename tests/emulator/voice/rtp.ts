export const RTP_OPUS_PAYLOAD_TYPE = 120;

/** The parts of an `_rtpsize` voice packet: header (the AAD) | ciphertext | 16-byte tag | 4-byte nonce counter. */
export interface RtpPacket {
	sequence: number;
	timestamp: number;
	ssrc: number;
	/** Unencrypted header bytes: 12 fixed bytes, CSRCs and, if present, the 4-byte extension preamble (profile + length). */
	header: Buffer;
	/** Length in bytes of the extension body, which the rtpsize modes encrypt with the payload. */
	extensionBodyLength: number;
	hasPadding: boolean;
	ciphertext: Buffer;
	authTag: Buffer;
	nonceCounter: Buffer;
}

const AUTH_TAG_LENGTH = 16;
const NONCE_COUNTER_LENGTH = 4;

/** True for RTP version 2 packets carrying Opus (payload type 120). */
export function isRtpAudio(packet: Buffer): boolean {
	return packet.length >= 12 && packet[0]! >> 6 === 2 && (packet[1]! & 0x7f) === RTP_OPUS_PAYLOAD_TYPE;
}

export function parseRtpPacket(packet: Buffer): RtpPacket | null {
	if (!isRtpAudio(packet)) return null;
	const csrcCount = packet[0]! & 0x0f;
	const hasExtension = (packet[0]! & 0x10) !== 0;
	let headerLength = 12 + 4 * csrcCount;
	let extensionBodyLength = 0;
	if (hasExtension) {
		if (packet.length < headerLength + 4) return null;
		extensionBodyLength = 4 * packet.readUInt16BE(headerLength + 2);
		headerLength += 4;
	}
	const trailerStart = packet.length - AUTH_TAG_LENGTH - NONCE_COUNTER_LENGTH;
	if (trailerStart < headerLength) return null;
	return {
		sequence: packet.readUInt16BE(2),
		timestamp: packet.readUInt32BE(4),
		ssrc: packet.readUInt32BE(8),
		header: packet.subarray(0, headerLength),
		extensionBodyLength,
		hasPadding: (packet[0]! & 0x20) !== 0,
		ciphertext: packet.subarray(headerLength, trailerStart),
		authTag: packet.subarray(trailerStart, trailerStart + AUTH_TAG_LENGTH),
		nonceCounter: packet.subarray(packet.length - NONCE_COUNTER_LENGTH)
	};
}

/** Removes the encrypted extension body and RTP padding from a decrypted payload, leaving the Opus frame. */
export function stripDecryptedPayload(packet: RtpPacket, decrypted: Buffer): Buffer {
	let payload = decrypted.subarray(packet.extensionBodyLength);
	if (packet.hasPadding && payload.length > 0) {
		const paddingLength = payload[payload.length - 1]!;
		if (paddingLength <= payload.length) payload = payload.subarray(0, payload.length - paddingLength);
	}
	return payload;
}
