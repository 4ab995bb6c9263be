import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Davey from '@snazzah/davey';
import { EmulatedListener } from '#emulator/voice/dave/emulatedListener';
import { appendProposalsPayload, daveGroupId, ExternalSender } from '#emulator/voice/dave/externalSender';
import { splitCommitWelcome } from '#emulator/voice/dave/mlsMessages';
import type { BenchResult } from './run.js';

const davey = createRequire(import.meta.url)('@snazzah/davey') as typeof Davey;
const channelId = '300000000000000001';
const botId = '100000000000000001';
const listenerId = '200000000000000002';
/** 128 kb/s Opus in 20 ms frames: 320 bytes, 50 frames per second of audio. */
const frameBytes = 320;
const framesPerSecond = 50;
const secondsOfAudio = 120;

/** A bot davey session in a two-member group with one emulated listener, formed the way the voice emulator forms it. */
function formGroup(): { bot: Davey.DAVESession; listener: EmulatedListener } {
	const externalSender = new ExternalSender();
	const bot = new davey.DAVESession(1, botId, channelId);
	bot.getSerializedKeyPackage();
	bot.setExternalSender(externalSender.package());
	const listener = new EmulatedListener(listenerId, channelId, externalSender.package());
	const proposals = appendProposalsPayload([externalSender.addProposal(daveGroupId(channelId), 0n, listener.keyPackage())]);
	const { commit, welcome } = bot.processProposals(0 as Davey.ProposalsOperationType, proposals.subarray(1), [listenerId]);
	const parts = splitCommitWelcome(Buffer.concat([commit!, welcome!]));
	bot.processCommit(parts.commit);
	listener.welcome(parts.welcome!);
	return { bot, listener };
}

/** AES-256-GCM rtpsize, as @discordjs/voice encrypts and the voice server decrypts. */
function transportRoundTrip(key: Buffer, header: Buffer, payload: Buffer, counter: number): Buffer {
	const nonce = Buffer.alloc(12);
	nonce.writeUInt32BE(counter);
	const cipher = createCipheriv('aes-256-gcm', key, nonce);
	cipher.setAAD(header);
	const sealed = Buffer.concat([cipher.update(payload), cipher.final()]);
	const decipher = createDecipheriv('aes-256-gcm', key, nonce);
	decipher.setAAD(header);
	decipher.setAuthTag(cipher.getAuthTag());
	return Buffer.concat([decipher.update(sealed), decipher.final()]);
}

/** CPU milliseconds (user + system) that `work` takes. */
function cpuMs(work: () => void): number {
	const start = process.cpuUsage();
	work();
	const used = process.cpuUsage(start);
	return (used.user + used.system) / 1_000;
}

/** Synchronous measurements; the runner expects a promise. */
export default function daveBench(): Promise<BenchResult[]> {
	const frames = Array.from({ length: framesPerSecond }, () => randomBytes(frameBytes));
	const key = randomBytes(32);
	const header = randomBytes(12);
	const total = framesPerSecond * secondsOfAudio;
	const audio = `${secondsOfAudio} s of audio, ${framesPerSecond} frames/s of ${frameBytes} B`;

	const groups = 20;
	const formMs = cpuMs(() => {
		for (let i = 0; i < groups; i++) formGroup();
	});
	const { bot, listener } = formGroup();

	// Warm up both paths before measuring.
	for (let i = 0; i < 500; i++) listener.decrypt(botId, bot.encryptOpus(transportRoundTrip(key, header, frames[i % framesPerSecond]!, i)));

	const transportMs = cpuMs(() => {
		for (let i = 0; i < total; i++) transportRoundTrip(key, header, frames[i % framesPerSecond]!, i);
	});
	const encryptMs = cpuMs(() => {
		for (let i = 0; i < total; i++) bot.encryptOpus(frames[i % framesPerSecond]!);
	});
	const encrypted = frames.map((frame) => bot.encryptOpus(frame));
	let mismatches = 0;
	const fullMs = cpuMs(() => {
		for (let i = 0; i < total; i++) {
			const frame = frames[i % framesPerSecond]!;
			const opus = listener.decrypt(botId, transportRoundTrip(key, header, bot.encryptOpus(frame), i));
			if (!opus.equals(frame)) mismatches++;
		}
	});
	if (mismatches > 0) throw new Error(`DAVE round trip returned ${mismatches} wrong frames`);
	const overhead = encrypted[0]!.length - frameBytes;

	return Promise.resolve([
		{ name: 'transport only (AES-GCM encrypt + decrypt)', value: transportMs / secondsOfAudio, unit: 'ms CPU / s of audio', detail: audio },
		{ name: 'DAVE encrypt only (bot side, davey)', value: encryptMs / secondsOfAudio, unit: 'ms CPU / s of audio', detail: audio },
		{
			name: 'DAVE encrypt + transport + DAVE decrypt',
			value: fullMs / secondsOfAudio,
			unit: 'ms CPU / s of audio',
			detail: `${audio}; 1 listener`
		},
		{
			name: 'DAVE added per connection (bot encrypt)',
			value: (encryptMs / secondsOfAudio / 1_000) * 100,
			unit: '% of one core',
			detail: 'encrypt time / audio time'
		},
		{ name: 'DAVE frame overhead', value: overhead, unit: 'bytes / frame', detail: 'tag, nonce, supplemental size and 0xFAFA magic' },
		{
			name: 'group formation (external sender, key package, add, commit, welcome)',
			value: formMs / groups,
			unit: 'ms CPU / group',
			detail: `${groups} two-member groups`
		}
	]);
}
