import { maxId3Bytes } from '#lib/stations/nowPlaying/id3Title';

const packetLength = 188;
/** stream_type of "metadata carried in PES packets" (ISO 13818-1), which HLS timed ID3 metadata uses. */
const metadataStreamType = 0x15;

/**
 * Finds the ID3 tags of HLS timed metadata in MPEG-TS bytes as they pass: the program map (from the PAT) names the
 * elementary stream of type 0x15, whose PES packets each carry one ID3 tag, handed to `onTag`. Bounded whatever the bytes:
 * one partial packet (188 bytes) and one tag of at most {@link maxId3Bytes} are held; tables that span packets, and
 * anything that is not MPEG-TS, are ignored.
 */
export class MpegTsId3Reader {
	private readonly partial = Buffer.alloc(packetLength);
	private partialLength = 0;
	private pmtPid: number | undefined;
	private metadataPid: number | undefined;
	private pes: Buffer[] = [];
	private pesSize = 0;
	private collecting = false;
	/** PES_packet_length of the packet being collected; 0: it ends at the next unit start. */
	private declared = 0;

	public constructor(private readonly onTag: (tag: Buffer) => void) {}

	public push(chunk: Buffer): void {
		let offset = 0;
		if (this.partialLength > 0) {
			const take = Math.min(packetLength - this.partialLength, chunk.length);
			chunk.copy(this.partial, this.partialLength, 0, take);
			this.partialLength += take;
			offset = take;
			if (this.partialLength < packetLength) return;
			this.packet(this.partial);
			this.partialLength = 0;
		}
		for (; offset + packetLength <= chunk.length; offset += packetLength) this.packet(chunk.subarray(offset, offset + packetLength));
		chunk.copy(this.partial, 0, offset);
		this.partialLength = chunk.length - offset;
	}

	/** The segment ended: a tag still being collected is complete. */
	public end(): void {
		this.finishPes();
		this.partialLength = 0;
	}

	private packet(packet: Buffer): void {
		// Out of step (not TS, or a lost byte): nothing to read until the next segment.
		if (packet[0] !== 0x47) return;
		const pid = ((packet[1]! & 0x1f) << 8) | packet[2]!;
		const unitStart = (packet[1]! & 0x40) !== 0;
		const adaptation = (packet[3]! >> 4) & 0x3;
		if (!(adaptation & 0x1)) return;
		const payloadStart = adaptation & 0x2 ? 5 + packet[4]! : 4;
		if (payloadStart >= packetLength) return;
		const payload = packet.subarray(payloadStart);
		if (pid === 0 && unitStart) this.pmtPid = programMapPid(section(payload));
		else if (pid === this.pmtPid && unitStart) this.metadataPid = metadataPid(section(payload)) ?? this.metadataPid;
		else if (pid === this.metadataPid) this.pesPayload(payload, unitStart);
	}

	private pesPayload(payload: Buffer, unitStart: boolean): void {
		if (unitStart) {
			this.finishPes();
			this.collecting = true;
			this.declared = payload.length >= 6 ? payload.readUInt16BE(4) : 0;
		}
		if (!this.collecting) return;
		if (this.pesSize + payload.length > maxId3Bytes + 64) {
			// Too large for a title: drop it.
			this.collecting = false;
			this.pes = [];
			this.pesSize = 0;
			return;
		}
		this.pes.push(Buffer.from(payload));
		this.pesSize += payload.length;
		// A PES packet with a length is done once all of it is here; one without ends at the next unit start.
		if (this.declared > 0 && this.pesSize >= 6 + this.declared) this.finishPes();
	}

	private finishPes(): void {
		const pes = Buffer.concat(this.pes, this.pesSize);
		const wasCollecting = this.collecting;
		this.pes = [];
		this.pesSize = 0;
		this.collecting = false;
		if (!wasCollecting || pes.length < 9 || pes[0] !== 0 || pes[1] !== 0 || pes[2] !== 1) return;
		const declared = pes.readUInt16BE(4);
		const end = declared > 0 ? Math.min(pes.length, 6 + declared) : pes.length;
		const start = 9 + pes[8]!;
		if (start < end) this.onTag(pes.subarray(start, end));
	}
}

/** A PSI section from a payload that starts one (after its pointer field), or null if it does not fit this packet. */
function section(payload: Buffer): Buffer | null {
	const start = 1 + payload[0]!;
	if (start + 3 > payload.length) return null;
	const length = ((payload[start + 1]! & 0x0f) << 8) | payload[start + 2]!;
	const end = start + 3 + length;
	return end <= payload.length ? payload.subarray(start, end) : null;
}

/** The PMT PID of the first program in a PAT section. */
function programMapPid(pat: Buffer | null): number | undefined {
	if (!pat || pat[0] !== 0x00) return undefined;
	for (let offset = 8; offset + 4 <= pat.length - 4; offset += 4) {
		const program = pat.readUInt16BE(offset);
		if (program !== 0) return pat.readUInt16BE(offset + 2) & 0x1fff;
	}
	return undefined;
}

/** The PID of the timed metadata stream in a PMT section. */
function metadataPid(pmt: Buffer | null): number | undefined {
	if (!pmt || pmt[0] !== 0x02 || pmt.length < 12) return undefined;
	let offset = 12 + (pmt.readUInt16BE(10) & 0x0fff);
	while (offset + 5 <= pmt.length - 4) {
		const type = pmt[offset]!;
		const pid = pmt.readUInt16BE(offset + 1) & 0x1fff;
		if (type === metadataStreamType) return pid;
		offset += 5 + (pmt.readUInt16BE(offset + 3) & 0x0fff);
	}
	return undefined;
}
