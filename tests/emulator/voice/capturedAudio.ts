import { decodeOpusToMono, dominantFrequency, OPUS_SAMPLE_RATE } from '#emulator/audio/index';

/** Audio the emulator received from the bot during one capture window. */
export class CapturedAudio {
	private decoded: Int16Array | undefined;

	public constructor(
		/** Decrypted Opus frames in arrival order, silence frames left out. */
		public readonly opusFrames: Buffer[],
		/** RTP audio packets received in the window (silence frames and undecryptable packets included). */
		public readonly packets: number,
		public readonly decryptFailures: number,
		public readonly sequenceGaps: number
	) {}

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
