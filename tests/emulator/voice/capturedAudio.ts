import { decodeOpusToMono, dominantFrequency, OPUS_SAMPLE_RATE } from '#emulator/audio/index';

/** How the frames of a capture were end-to-end encrypted. */
export interface DaveCaptureCounts {
	/** Frames that arrived DAVE-encrypted (0xFAFA trailer) and went through an emulated listener's davey session. */
	daveFrames: number;
	/** Frames that arrived as plain Opus inside the transport encryption (DAVE off, or before the group formed). */
	passthroughFrames: number;
	/** The DAVE-encrypted frames as they came out of transport decryption, before end-to-end decryption. */
	e2eePayloads: Buffer[];
}

/** Audio the emulator received from the bot during one capture window. */
export class CapturedAudio {
	public readonly daveFrames: number;
	public readonly passthroughFrames: number;
	public readonly e2eePayloads: readonly Buffer[];
	private decoded: Int16Array | undefined;

	public constructor(
		/** Decrypted Opus frames in arrival order, silence frames left out. */
		public readonly opusFrames: Buffer[],
		/** RTP audio packets received in the window (silence frames and undecryptable packets included). */
		public readonly packets: number,
		/** Packets that failed transport decryption, plus DAVE frames the capturing listener could not decrypt. */
		public readonly decryptFailures: number,
		public readonly sequenceGaps: number,
		dave: DaveCaptureCounts = { daveFrames: 0, passthroughFrames: opusFrames.length, e2eePayloads: [] }
	) {
		this.daveFrames = dave.daveFrames;
		this.passthroughFrames = dave.passthroughFrames;
		this.e2eePayloads = dave.e2eePayloads;
	}

	/** Seconds of audio: @discordjs/voice sends 20 ms Opus frames. */
	public get seconds(): number {
		return this.opusFrames.length * 0.02;
	}

	/** 48 kHz mono PCM, decoded on first use. */
	public get pcm(): Int16Array {
		this.decoded ??= decodeOpusToMono(this.opusFrames);
		return this.decoded;
	}

	/** The strongest frequency in Hz, NaN when nothing audible was captured. */
	public dominantFrequency(): number {
		return dominantFrequency(this.pcm, OPUS_SAMPLE_RATE);
	}
}
