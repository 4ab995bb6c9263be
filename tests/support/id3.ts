/** ID3v2 tags and MPEG-TS with timed ID3 metadata, built byte by byte for tests (as HLS stations send song titles). */

const encoders: Record<number, (text: string) => Buffer> = {
	0: (text) => Buffer.from(text, 'latin1'),
	1: (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
	2: (text) => Buffer.from(text, 'utf16le').swap16(),
	3: (text) => Buffer.from(text, 'utf8')
};

/** A text frame (TIT2, TPE1…; TT2, TP1 in v2.2) in `encoding` (0 Latin-1, 1 UTF-16 with BOM, 2 UTF-16BE, 3 UTF-8). */
export function textFrame(version: 2 | 3 | 4, id: string, text: string, encoding: 0 | 1 | 2 | 3): Buffer {
	const data = Buffer.concat([Buffer.from([encoding]), encoders[encoding]!(text)]);
	if (version === 2) {
		const header = Buffer.alloc(6);
		header.write(id, 0, 'latin1');
		header.writeUIntBE(data.length, 3, 3);
		return Buffer.concat([header, data]);
	}
	const header = Buffer.alloc(10);
	header.write(id, 0, 'latin1');
	if (version === 4) header.set(syncsafe(data.length), 4);
	else header.writeUInt32BE(data.length, 4);
	return Buffer.concat([header, data]);
}

export function id3Tag(version: 2 | 3 | 4, frames: Buffer[]): Buffer {
	const body = Buffer.concat(frames);
	return Buffer.concat([Buffer.from([0x49, 0x44, 0x33, version, 0, 0, ...syncsafe(body.length)]), body]);
}

function syncsafe(value: number): number[] {
	return [(value >> 21) & 0x7f, (value >> 14) & 0x7f, (value >> 7) & 0x7f, value & 0x7f];
}

const pmtPid = 0x1000;
const audioPid = 0x101;
const metadataPid = 0x102;

/** TS packets of `pid` carrying `payload` (the first with payload_unit_start), stuffed with an adaptation field at the end. */
function tsPackets(pid: number, payload: Buffer): Buffer[] {
	const packets: Buffer[] = [];
	for (let offset = 0, counter = 0; offset < payload.length || packets.length === 0; counter++) {
		const chunk = payload.subarray(offset, offset + 184);
		offset += chunk.length;
		const packet = Buffer.alloc(188, 0xff);
		packet[0] = 0x47;
		packet[1] = (packets.length === 0 ? 0x40 : 0) | ((pid >> 8) & 0x1f);
		packet[2] = pid & 0xff;
		if (chunk.length === 184) {
			packet[3] = 0x10 | (counter & 0xf);
			chunk.copy(packet, 4);
		} else {
			// Adaptation field stuffing fills the packet before the payload.
			const stuffing = 184 - chunk.length;
			packet[3] = 0x30 | (counter & 0xf);
			packet[4] = stuffing - 1;
			if (stuffing > 1) packet[5] = 0;
			chunk.copy(packet, 4 + stuffing);
		}
		packets.push(packet);
	}
	return packets;
}

/** A PSI section with its pointer field, table id and length filled in (CRC left 0: readers of titles do not check it). */
function psi(tableId: number, body: Buffer): Buffer {
	const length = body.length + 4;
	return Buffer.concat([Buffer.from([0, tableId, 0xb0 | ((length >> 8) & 0x0f), length & 0xff]), body, Buffer.alloc(4)]);
}

/**
 * An MPEG-TS segment as HLS packagers write it with timed metadata: PAT, a PMT listing an AAC stream and an ID3 metadata
 * stream (stream_type 0x15), a metadata PES carrying `tag`, and a few audio packets (random bytes: nothing decodes them).
 */
export function tsWithId3(tag: Buffer): Buffer {
	const pat = psi(0x00, Buffer.from([0x00, 0x01, 0xc1, 0x00, 0x00, 0x00, 0x01, 0xe0 | (pmtPid >> 8), pmtPid & 0xff]));
	const streams = Buffer.from([
		0x0f,
		0xe0 | (audioPid >> 8),
		audioPid & 0xff,
		0xf0,
		0x00,
		0x15,
		0xe0 | (metadataPid >> 8),
		metadataPid & 0xff,
		0xf0,
		0x00
	]);
	const pmt = psi(0x02, Buffer.concat([Buffer.from([0x00, 0x01, 0xc1, 0x00, 0x00, 0xe0 | (audioPid >> 8), audioPid & 0xff, 0xf0, 0x00]), streams]));
	const pesHeader = Buffer.from([0x00, 0x00, 0x01, 0xbd, 0, 0, 0x84, 0x80, 0x05, 0x21, 0x00, 0x01, 0x00, 0x01]);
	const pesLength = pesHeader.length - 6 + tag.length;
	if (pesLength <= 0xffff) pesHeader.writeUInt16BE(pesLength, 4);
	const audio = Buffer.alloc(184 * 3, 0x5a);
	return Buffer.concat([
		...tsPackets(0, pat),
		...tsPackets(pmtPid, pmt),
		...tsPackets(audioPid, audio),
		...tsPackets(metadataPid, Buffer.concat([pesHeader, tag])),
		...tsPackets(audioPid, audio)
	]);
}
