import { CapturedAudio } from './capturedAudio.js';
import type { DaveFrame } from './dave/daveLayer.js';

/** Receives a session's audio events as they happen. */
export interface AudioObserver {
	onPacket(sequenceGap: number): void;
	/** Transport decryption failed. */
	onDecryptFailure(): void;
	/** A transport-decrypted, non-silent frame, after the DAVE layer. */
	onFrame(frame: DaveFrame): void;
}

export interface CaptureOptions {
	/** How long to wait for packets to start flowing; an empty capture results when none come. */
	waitForAudioMs: number;
	/** Decrypt DAVE frames as this emulated listener (user id); default: the first listener in the group. */
	listener?: string;
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

	public frame(frame: DaveFrame): void {
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
	public capture(ms: number, { waitForAudioMs, listener }: CaptureOptions): Promise<CapturedAudio> {
		return new Promise((resolve) => {
			const frames: Buffer[] = [];
			const e2eePayloads: Buffer[] = [];
			let packets = 0;
			let decryptFailures = 0;
			let sequenceGaps = 0;
			let passthroughFrames = 0;
			let windowOpen = false;
			let timer: NodeJS.Timeout;
			const finish = () => {
				this.observers.delete(observer);
				resolve(
					new CapturedAudio(frames, packets, decryptFailures, sequenceGaps, {
						daveFrames: e2eePayloads.length,
						passthroughFrames,
						e2eePayloads
					})
				);
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
				onFrame: (frame) => {
					if (frame.e2ee) e2eePayloads.push(frame.payload);
					else passthroughFrames++;
					const opus = frame.e2ee && listener !== undefined ? (frame.byListener.get(listener) ?? null) : frame.opus;
					if (opus) frames.push(opus);
					else decryptFailures++;
				}
			};
			this.observers.add(observer);
			if (this.flowing) openWindow();
			else timer = setTimeout(finish, waitForAudioMs);
		});
	}

	/** Resolves at the next non-silent Opus frame the default listener can read (see DaveFrame.opus). */
	public nextFrame(timeoutMs: number, accept: (frame: DaveFrame) => boolean = (frame) => frame.opus !== null): Promise<DaveFrame> {
		return new Promise((resolve, reject) => {
			const observer: AudioObserver = {
				onPacket: () => undefined,
				onDecryptFailure: () => undefined,
				onFrame: (frame) => {
					if (!accept(frame)) return;
					clearTimeout(timer);
					this.observers.delete(observer);
					resolve(frame);
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
