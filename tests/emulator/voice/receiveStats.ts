export interface InterPacketTiming {
	mean: number;
	p99: number;
	max: number;
}

export interface VoiceReceiveStats {
	/** RTP audio packets received for this session (silence frames included). */
	packets: number;
	/** Sequence numbers skipped between consecutive packets. */
	sequenceGaps: number;
	decryptFailures: number;
	/** Non-silent frames that arrived DAVE-encrypted, and those that arrived as plain Opus (passthrough). */
	daveFrames: number;
	passthroughFrames: number;
	/** UDP bytes of those packets. */
	bytes: number;
	/** RTP packets that arrived during a UDP outage (VoiceServer.dropUdp) and were thrown away unread. */
	droppedPackets: number;
	interPacketMs: InterPacketTiming;
}

/** Accumulates what arrives on a session's SSRC. */
export class ReceiveStatsRecorder {
	public packets = 0;
	public sequenceGaps = 0;
	public decryptFailures = 0;
	public daveFrames = 0;
	public passthroughFrames = 0;
	public bytes = 0;
	public droppedPackets = 0;
	private lastSequence: number | undefined;
	private lastArrivalMs: number | undefined;
	private readonly intervalsMs: number[] = [];

	/** Counts a packet; returns how many sequence numbers were missing before it. */
	public recordPacket(sequence: number, byteLength: number, arrivalMs: number): number {
		this.packets++;
		this.bytes += byteLength;
		if (this.lastArrivalMs !== undefined) this.intervalsMs.push(arrivalMs - this.lastArrivalMs);
		this.lastArrivalMs = arrivalMs;
		const gap = this.lastSequence === undefined ? 0 : missingBetween(this.lastSequence, sequence);
		this.sequenceGaps += gap;
		if (this.lastSequence === undefined || isNewer(sequence, this.lastSequence)) this.lastSequence = sequence;
		return gap;
	}

	public snapshot(): VoiceReceiveStats {
		return {
			packets: this.packets,
			sequenceGaps: this.sequenceGaps,
			decryptFailures: this.decryptFailures,
			daveFrames: this.daveFrames,
			passthroughFrames: this.passthroughFrames,
			bytes: this.bytes,
			droppedPackets: this.droppedPackets,
			interPacketMs: summarize(this.intervalsMs)
		};
	}
}

// 16-bit sequence numbers wrap; a packet is newer when it is less than half the range ahead.
function isNewer(sequence: number, previous: number): boolean {
	const delta = (sequence - previous + 0x10000) % 0x10000;
	return delta > 0 && delta < 0x8000;
}

function missingBetween(previous: number, sequence: number): number {
	return isNewer(sequence, previous) ? ((sequence - previous + 0x10000) % 0x10000) - 1 : 0;
}

function summarize(intervals: readonly number[]): InterPacketTiming {
	if (intervals.length === 0) return { mean: 0, p99: 0, max: 0 };
	const sorted = [...intervals].sort((a, b) => a - b);
	const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
	const p99 = sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)]!;
	return { mean, p99, max: sorted[sorted.length - 1]! };
}
