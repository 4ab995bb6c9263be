import { expect } from 'chai';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import pino from 'pino';
import type { Station } from '#lib/config/types';
import { StationStreams } from '#lib/stations/StationStreams';
import { OggPacketCounter } from '#lib/stations/probe/OggPacketCounter';
import { sampleFfmpegOutput } from '#lib/stations/probe/sampleFfmpegOutput';
import { StreamResolver } from '#lib/stations/resolve/StreamResolver';
import type { StreamContainer } from '#lib/stations/resolve/types';
import { buildFfmpegArgs } from '#lib/ffmpeg/ffmpegArgs';
import { resolveFfmpeg } from '#lib/ffmpeg/resolveFfmpeg';
import { spawnFfmpeg } from '#lib/ffmpeg/spawnFfmpeg';
import { StationPipeline } from '#lib/voice/StationPipeline';
import { processesWithMarker, type ProcessInfo } from '#support/processes';
import { makeAudioFixtures, RouteServer, type AudioFixtures } from '#support/streamFixtures';
import { TestStation } from '#support/TestStation';
import { waitFor } from '#support/waitFor';

const secrets = { DISCORD_TOKEN: 'MTIz.secret-discord-token', REDIS_URL: 'redis://:secret-password@redis.internal:6379' };

/** Runs `fn` with the bot's secrets in process.env, as in production, and puts the environment back afterwards. */
async function withSecrets<T>(fn: () => Promise<T>): Promise<T> {
	const saved = Object.fromEntries(Object.keys(secrets).map((name) => [name, process.env[name]]));
	Object.assign(process.env, secrets);
	try {
		return await fn();
	} finally {
		for (const [name, value] of Object.entries(saved)) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	}
}

function environOf(pid: number): string[] {
	return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
}

async function oneProcessWithMarker(marker: string): Promise<ProcessInfo> {
	const [found] = await waitFor(() => {
		const processes = processesWithMarker(marker);
		return processes.length > 0 ? processes : null;
	}, `an ffmpeg with ${marker}`);
	return found;
}

/** The ffmpeg binaries to check: the system one and, when installed, the oldest fallback (ffmpeg 4.1). */
function ffmpegBinaries(): string[] {
	const binaries = [resolveFfmpeg().path];
	try {
		const fallback = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
		if (existsSync(fallback)) binaries.push(fallback);
	} catch {
		// Not installed: the system ffmpeg alone.
	}
	return binaries;
}

/** Feeds `bytes` to the pipeline's ffmpeg (as the bot does: on stdin) and counts the Opus frames it makes. */
async function playPiped(ffmpegPath: string, container: StreamContainer | undefined, bytes: Buffer | string) {
	const args = buildFfmpegArgs({ inputUrl: 'pipe:0', userAgent: 'test', bitrateKbps: 64, marker: 'alastor-format-test', container });
	const child = spawnFfmpeg(ffmpegPath, args, { feedStdin: true });
	const counter = new OggPacketCounter();
	let stderr = '';
	child.stdout!.on('data', (chunk: Buffer) => counter.push(chunk));
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
	child.stdin!.on('error', () => undefined);
	child.stdin!.end(bytes);
	const [code] = (await once(child, 'close')) as [number | null];
	return { frames: counter.packets, code, stderr };
}

describe('ffmpeg gets nothing it does not need', () => {
	let fixtures: AudioFixtures;
	let station: TestStation;
	before(async () => {
		[fixtures, station] = await Promise.all([makeAudioFixtures(), TestStation.start()]);
	});
	after(async () => {
		await station.stop();
		fixtures.remove();
	});

	describe('its environment', () => {
		it('GIVEN DISCORD_TOKEN and REDIS_URL in the bot environment WHEN a station pipeline starts ffmpeg THEN its environment (/proc/<pid>/environ) is empty, and it reads the sniffed MP3 as mp3', async () => {
			const streams = new StationStreams(new StreamResolver({ timeoutMs: 5_000 }), { timeoutMs: 5_000, userAgent: 'test' });
			const tone: Station = {
				id: 'env-check',
				name: 'Env check',
				url: station.url(),
				aliases: [],
				bitrate: 128,
				format: 'MP3',
				description: ''
			};
			const pipeline = new StationPipeline('env-check@100', 'env-check', 100, {
				ffmpegPath: resolveFfmpeg().path,
				userAgent: 'test',
				bitrateKbps: 64,
				resolveInput: (fresh) => streams.input(tone, fresh),
				restart: { baseDelayMs: 1_000, maxDelayMs: 1_000, maxAttempts: 1 },
				stallTimeoutMs: 10_000,
				healthyAfterMs: 60_000,
				connectTimeoutMs: 5_000,
				log: pino({ level: 'silent' })
			});
			try {
				const ffmpeg = await withSecrets(async () => {
					pipeline.start();
					return oneProcessWithMarker('alastor-station=env-check');
				});
				expect(environOf(ffmpeg.pid)).to.deep.equal([]);
				const input = ffmpeg.args.indexOf('-i');
				expect(ffmpeg.args.slice(input - 8, input + 2)).to.deep.equal([
					'-f',
					'mp3',
					'-format_whitelist',
					'mp3',
					'-codec_whitelist',
					'mp3float,mp3,mp2float,mp2,mp1float,mp1',
					'-protocol_whitelist',
					'pipe',
					'-i',
					'pipe:0'
				]);
				expect(await pipeline.whenAudible(10_000), 'the forced format still plays').to.equal(true);
			} finally {
				await pipeline.stop();
			}
		});

		it('GIVEN DISCORD_TOKEN and REDIS_URL in the environment WHEN the probe runs ffmpeg THEN its environment is empty too', async () => {
			const marker = 'alastor-probe-env-check';
			const sample = withSecrets(() =>
				sampleFfmpegOutput({
					ffmpegPath: resolveFfmpeg().path,
					args: [
						'-hide_banner',
						'-nostdin',
						'-re',
						'-f',
						'lavfi',
						'-i',
						'sine=duration=30',
						'-c:a',
						'libopus',
						'-metadata',
						`comment=${marker}`,
						'-f',
						'ogg',
						'pipe:1'
					],
					sampleMs: 1_000,
					startTimeoutMs: 10_000
				})
			);
			const ffmpeg = await oneProcessWithMarker(marker);
			const environment = environOf(ffmpeg.pid);
			expect((await sample).opusFrames).to.be.greaterThan(0);
			expect(environment).to.deep.equal([]);
		});
	});

	describe('the format of piped input', () => {
		for (const ffmpegPath of ffmpegBinaries()) {
			describe(`with ${ffmpegPath}`, () => {
				it('GIVEN the sniffed container WHEN its own bytes are piped THEN they play: mp3, aac, ogg (Vorbis), opus, and HLS segments', async () => {
					const segment = readFileSync(`${fixtures.hlsDirectory}/seg001.ts`);
					const played = await Promise.all([
						playPiped(ffmpegPath, 'mp3', fixtures.mp3),
						playPiped(ffmpegPath, 'aac', fixtures.aac),
						playPiped(ffmpegPath, 'ogg', fixtures.vorbis),
						playPiped(ffmpegPath, 'opus', fixtures.opus),
						playPiped(ffmpegPath, 'hls', segment),
						playPiped(ffmpegPath, 'unknown', fixtures.aac)
					]);
					for (const [index, result] of played.entries()) expect(result.frames, `input ${index}: ${result.stderr}`).to.be.greaterThan(10);
				});

				it('GIVEN a stream sniffed as MP3 WHEN it sends AAC, Ogg or an HLS playlist instead THEN ffmpeg does not play it as that', async () => {
					const playlist = `#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\n${station.url('/smuggled.aac')}\n#EXT-X-ENDLIST\n`;
					station.serve('/smuggled.aac', { contentType: 'audio/aac', body: fixtures.aac });
					const played = await Promise.all([
						playPiped(ffmpegPath, 'mp3', fixtures.aac),
						playPiped(ffmpegPath, 'mp3', fixtures.vorbis),
						playPiped(ffmpegPath, 'mp3', playlist),
						playPiped(ffmpegPath, 'aac', fixtures.mp3)
					]);
					expect(played.map((result) => result.frames)).to.deep.equal([0, 0, 0, 0]);
					expect(station.requests('/smuggled.aac')).to.have.length(0);
				});

				it('GIVEN piped bytes of no known container, or HLS segments, WHEN they are an HLS playlist or a non-segment container THEN ffmpeg refuses the format before reading it', async () => {
					const server = await RouteServer.start();
					try {
						const playlist = `#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\n${server.url('/segment.ts')}\n#EXT-X-ENDLIST\n`;
						const played = await Promise.all([
							playPiped(ffmpegPath, 'unknown', playlist),
							playPiped(ffmpegPath, 'hls', playlist),
							playPiped(ffmpegPath, 'hls', fixtures.vorbis),
							playPiped(ffmpegPath, undefined, playlist)
						]);
						for (const result of played) {
							expect([result.frames, result.code]).to.deep.equal([0, 1]);
							expect(result.stderr).to.contain('Format not on whitelist').and.not.contain('Opening');
						}
						expect(server.requests).to.equal(0);
					} finally {
						await server.stop();
					}
				});
			});
		}
	});
});
