import { randomFillSync } from 'node:crypto';

/**
 * Audio that looks right and is not: bytes a sniffer takes for audio that no decoder can play, a codec ffmpeg has no decoder
 * for in a valid container, and a stream that changes codec half-way. Built from real encoder output (AudioFixtures).
 */

/**
 * ADTS frames with their real headers (the frame chain sniffs as AAC) and payloads of 0x55 bytes: each payload opens with a
 * channel pair element tagged 10, which the stereo configuration does not allocate, so ffmpeg decodes no frame at all
 * (random payloads would now and then decode).
 */
export function undecodableAdts(aac: Buffer): Buffer {
	const out = Buffer.from(aac);
	let offset = 0;
	while (offset + 7 <= out.length && out[offset] === 0xff && (out[offset + 1]! & 0xf6) === 0xf0) {
		const length = ((out[offset + 3]! & 0x03) << 11) | (out[offset + 4]! << 3) | (out[offset + 5]! >> 5);
		// protection_absent = 1: a 7-byte header; otherwise 9 with the CRC.
		const header = out[offset + 1]! & 0x01 ? 7 : 9;
		if (length <= header || offset + length > out.length) break;
		out.fill(0x55, offset + header, offset + length);
		offset += length;
	}
	if (offset === 0) throw new Error('undecodableAdts: the input does not start with ADTS frames');
	return out.subarray(0, offset);
}

/**
 * A valid Ogg stream carrying CELT, a codec ffmpeg's Ogg demuxer identifies but ffmpeg (built without libcelt, as Debian's
 * and static builds are) has no decoder for: it fails with "Decoder (codec celt) not found". Sniffs as Ogg.
 */
export function celtOgg(packets = 200): Buffer {
	const serial = 0x414c4153;
	const header = Buffer.alloc(60);
	header.write('CELT    ', 0, 'latin1');
	header.write('0.11.1', 8, 'latin1');
	header.writeUInt32LE(0x80000009, 28); // version id
	header.writeUInt32LE(60, 32); // header size
	header.writeUInt32LE(48_000, 36); // sample rate
	header.writeUInt32LE(2, 40); // channels
	header.writeUInt32LE(256, 44); // frame size
	header.writeUInt32LE(128, 48); // overlap
	header.writeUInt32LE(0, 52); // bytes per packet (variable)
	header.writeUInt32LE(0, 56); // extra headers
	const comments = Buffer.alloc(8 + 'alastor'.length);
	comments.writeUInt32LE('alastor'.length, 0);
	comments.write('alastor', 4, 'latin1');
	comments.writeUInt32LE(0, 4 + 'alastor'.length);
	const pages = [
		oggPage({ serial, sequence: 0, granule: 0n, packets: [header], first: true }),
		oggPage({ serial, sequence: 1, granule: 0n, packets: [comments] })
	];
	for (let index = 0; index < packets; index += 10) {
		const data = Array.from({ length: 10 }, () => randomFillSync(Buffer.alloc(100)));
		pages.push(oggPage({ serial, sequence: pages.length, granule: BigInt((index + 10) * 256), packets: data, last: index + 10 >= packets }));
	}
	return Buffer.concat(pages);
}

/** `first`, then `second` in the same body: a stream whose codec changes mid-way (e.g. MP3, then AAC); `switchAt` is the byte offset. */
export function codecSwitch(first: Buffer, second: Buffer): { body: Buffer; switchAt: number } {
	return { body: Buffer.concat([first, second]), switchAt: first.length };
}

interface OggPageSpec {
	serial: number;
	sequence: number;
	granule: bigint;
	packets: Buffer[];
	first?: boolean;
	last?: boolean;
}

/** One Ogg page holding whole packets (each under 255 × 255 bytes in all), with its CRC. */
export function oggPage({ serial, sequence, granule, packets, first = false, last = false }: OggPageSpec): Buffer {
	const lacing: number[] = [];
	for (const packet of packets) {
		for (let left = packet.length; ; left -= 255) {
			lacing.push(Math.min(left, 255));
			if (left < 255) break;
		}
	}
	if (lacing.length > 255) throw new Error('oggPage: too many segments for one page');
	const head = Buffer.alloc(27 + lacing.length);
	head.write('OggS', 0, 'latin1');
	head[5] = (first ? 0x02 : 0) | (last ? 0x04 : 0);
	head.writeBigUInt64LE(granule, 6);
	head.writeUInt32LE(serial, 14);
	head.writeUInt32LE(sequence, 18);
	head[26] = lacing.length;
	Buffer.from(lacing).copy(head, 27);
	const page = Buffer.concat([head, ...packets]);
	page.writeUInt32LE(oggCrc(page), 22);
	return page;
}

const crcTable = Array.from({ length: 256 }, (_, index) => {
	let value = index << 24;
	for (let bit = 0; bit < 8; bit++) value = value & 0x80000000 ? (value << 1) ^ 0x04c11db7 : value << 1;
	return value >>> 0;
});

/** Ogg's CRC-32 (polynomial 0x04c11db7, no reflection, initial 0), over the page with its CRC field zeroed. */
export function oggCrc(page: Buffer): number {
	let crc = 0;
	for (const byte of page) crc = ((crc << 8) ^ crcTable[((crc >>> 24) ^ byte) & 0xff]!) >>> 0;
	return crc;
}
