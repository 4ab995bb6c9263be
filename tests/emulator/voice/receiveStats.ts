export interface InterPacketTiming {
	mean: number;
	p50: number;
	p99: number;
	max: number;
}

export interface VoiceReceiveStats {
	/** RTP audio packets received for this session (silence frames included). */
	packets: number;
	/** Sequence numbers skipped between consecutive packets. */
	sequenceGaps: number;
	decryptFailures: number;
	/** Packets that went through transport decryption: all of them, or a sample (VoiceServerOptions.decryptOneIn). */
	decrypted: number;
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
	public decrypted = 0;
	public daveFrames = 0;
	public passthroughFrames = 0;
	public bytes = 0;
	public droppedPackets = 0;
	/** performance.now() of the first packet ever received (a reset keeps it). */
	public firstArrivalMs: number | undefined;
	private lastSequence: number | undefined;
	private lastArrivalMs: number | undefined;
	private intervalsMs: number[] = [];

	/** Counts a packet; returns how many sequence numbers were missing before it. */
	public recordPacket(sequence: number, byteLength: number, arrivalMs: number): number {
		this.packets++;
		this.bytes += byteLength;
		this.firstArrivalMs ??= arrivalMs;
		if (this.lastArrivalMs !== undefined) this.intervalsMs.push(arrivalMs - this.lastArrivalMs);
		this.lastArrivalMs = arrivalMs;
		const gap = this.lastSequence === undefined ? 0 : missingBetween(this.lastSequence, sequence);
		this.sequenceGaps += gap;
		if (this.lastSequence === undefined || isNewer(sequence, this.lastSequence)) this.lastSequence = sequence;
		return gap;
	}

	/** Milliseconds between consecutive packets since the start or the last reset(), in arrival order (not copied). */
	public get intervals(): readonly number[] {
		return this.intervalsMs;
	}

	/**
	 * Starts a new measurement window: counts and intervals start again from zero. The last packet's sequence and arrival
	 * are kept, so a gap that spans the reset still counts in the new window.
	 */
	public reset(): void {
		this.packets = 0;
		this.sequenceGaps = 0;
		this.decryptFailures = 0;
		this.decrypted = 0;
		this.daveFrames = 0;
		this.passthroughFrames = 0;
		this.bytes = 0;
		this.droppedPackets = 0;
		this.intervalsMs = [];
	}

	public snapshot(): VoiceReceiveStats {
		return {
			packets: this.packets,
			sequenceGaps: this.sequenceGaps,
			decryptFailures: this.decryptFailures,
			decrypted: this.decrypted,
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
	if (intervals.length === 0) return { mean: 0, p50: 0, p99: 0, max: 0 };
	const sorted = [...intervals].sort((a, b) => a - b);
	const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
	return { mean, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1]! };
}

/** The nearest-rank percentile `q` (0–1) of ascending `sorted` values; 0 when empty. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
	if (sorted.length === 0) return 0;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
