import { CapturedAudio } from './capturedAudio.js';

/** Receives a session's audio events as they happen. */
export interface AudioObserver {
	onPacket(sequenceGap: number): void;
	onDecryptFailure(): void;
	onFrame(frame: Buffer): void;
}

/** Fans a session's audio events out to the captures and waiters currently listening. */
export class AudioTap {
	private readonly observers = new Set<AudioObserver>();
	private lastPacketAtMs = Number.NEGATIVE_INFINITY;

	public packet(sequenceGap: number): void {
		this.lastPacketAtMs = performance.now();
		for (const observer of this.observers) observer.onPacket(sequenceGap);
	}

	public decryptFailure(): void {
		for (const observer of this.observers) observer.onDecryptFailure();
	}

	public frame(frame: Buffer): void {
		for (const observer of this.observers) observer.onFrame(frame);
	}

	/** Packets arrive every 20 ms while the bot plays; 200 ms without one means it is not playing. */
	public get flowing(): boolean {
		return performance.now() - this.lastPacketAtMs < 200;
	}

	/**
	 * Collects `ms` milliseconds of audio from now; if no packets flow yet, the window opens at the first packet.
	 * When nothing arrives within `waitForAudioMs`, resolves with an empty capture.
	 */
	public capture(ms: number, waitForAudioMs: number): Promise<CapturedAudio> {
		return new Promise((resolve) => {
			const frames: Buffer[] = [];
			let packets = 0;
			let decryptFailures = 0;
			let sequenceGaps = 0;
			let windowOpen = false;
			let timer: NodeJS.Timeout;
			const finish = () => {
				this.observers.delete(observer);
				resolve(new CapturedAudio(frames, packets, decryptFailures, sequenceGaps));
			};
			const openWindow = () => {
				windowOpen = true;
				clearTimeout(timer);
				timer = setTimeout(finish, ms);
			};
			const observer: AudioObserver = {
				onPacket: (gap) => {
					if (windowOpen) sequenceGaps += gap;
					else openWindow();
					packets++;
				},
				onDecryptFailure: () => decryptFailures++,
				onFrame: (frame) => frames.push(frame)
			};
			this.observers.add(observer);
			if (this.flowing) openWindow();
			else timer = setTimeout(finish, waitForAudioMs);
		});
	}

	/** Resolves at the next decrypted, non-silent Opus frame. */
	public nextFrame(timeoutMs: number): Promise<void> {
		return new Promise((resolve, reject) => {
			const observer: AudioObserver = {
				onPacket: () => undefined,
				onDecryptFailure: () => undefined,
				onFrame: () => {
					clearTimeout(timer);
					this.observers.delete(observer);
					resolve();
				}
			};
			const timer = setTimeout(() => {
				this.observers.delete(observer);
				reject(new Error(`No audio from the bot within ${timeoutMs} ms`));
			}, timeoutMs);
			this.observers.add(observer);
		});
	}
}
