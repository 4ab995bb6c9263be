import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { buffer } from 'node:stream/consumers';
import { networkGuard } from '#lib/net/safety/NetworkGuard';
import { UrlSafetyError } from '#lib/net/safety/UrlSafetyError';
import type { HostResolver } from '#lib/net/safety/safeLookup';
import { HlsStream } from '#lib/stations/hls/HlsStream';
import type { HlsReaderOptions } from '#lib/stations/hls/readHlsSegments';
import { preflight } from '#lib/stations/preflight/preflight';
import { StreamResolveError } from '#lib/stations/resolve/StreamResolveError';
import { dominantFrequency } from '#emulator/audio/index';
import { LiveHlsServer, recordHls, type HlsRecording } from '#support/liveHls';

const ffmpeg = process.env.FFMPEG_PATH ?? 'ffmpeg';

/** What ffmpeg decodes from `bytes` fed on a pipe: mono 48 kHz PCM. */
function decode(bytes: Buffer): Promise<Int16Array> {
	return new Promise((resolve, reject) => {
		const child = execFile(
			ffmpeg,
			[
				'-hide_banner',
				'-loglevel',
				'error',
				'-protocol_whitelist',
				'pipe',
				'-i',
				'pipe:0',
				'-ac',
				'1',
				'-ar',
				'48000',
				'-f',
				's16le',
				'pipe:1'
			],
			{ encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
			(error, stdout) => (error ? reject(error) : resolve(new Int16Array(stdout.buffer, stdout.byteOffset, stdout.length / 2)))
		);
		child.stdin!.end(bytes);
	});
}

function readAll(url: string, options: HlsReaderOptions = {}): Promise<Buffer> {
	return buffer(new HlsStream(url, { timeoutMs: 5_000, ...options }));
}

function failureOf(url: string, options: HlsReaderOptions = {}): Promise<StreamResolveError> {
	return readAll(url, options).then(
		() => expect.fail('the stream ended without an error'),
		(error: unknown) => {
			expect(error).to.be.instanceOf(StreamResolveError);
			return error as StreamResolveError;
		}
	);
}

/** A DNS stand-in for the guard: radio.example is the local server (exempt), everything else unknown. */
const localResolver: HostResolver = (hostname) => Promise.resolve(hostname === 'radio.example' ? [{ address: '127.0.0.1', family: 4 as const }] : []);
const guard = networkGuard({ allowPrivateAddresses: false, exemptAddresses: ['127.0.0.1'] }, localResolver);

describe('HlsStream: the bot reads HLS itself', () => {
	describe('GIVEN a live MPEG-TS playlist (a window of 3 one-second segments moving on with every reload)', () => {
		let recording: HlsRecording;
		let server: LiveHlsServer;

		before(async () => {
			recording = await recordHls({ seconds: 6, frequency: 440, segmentType: 'mpegts' });
			server = await LiveHlsServer.start(recording);
		});
		after(async () => {
			await server?.stop();
			recording?.remove();
		});

		it('WHEN read to its #EXT-X-ENDLIST THEN every segment is fetched once, in order, and the output (their concatenation) decodes to 440 Hz', async () => {
			const output = await readAll(server.url('/live.m3u8'));
			const segmentRequests = server.requested.filter((path) => path !== '/live.m3u8');
			expect(segmentRequests).to.deep.equal(recording.names.map((name) => `/${name}`));
			expect(server.requested.filter((path) => path === '/live.m3u8').length).to.be.greaterThan(1);
			expect(output.equals(Buffer.concat(recording.names.map((name) => recording.files.get(name)!)))).to.equal(true);
			const pcm = await decode(output);
			expect(pcm.length / 48_000).to.be.at.least(recording.names.length - 1);
			expect(dominantFrequency(pcm, 48_000)).to.be.closeTo(440, 440 * 0.02);
		});

		it('WHEN a segment points at a blocked address THEN the guard refuses it before connecting', async () => {
			server.playlist('/blocked.m3u8', server.mediaPlaylist([`http://127.0.0.2:${new URL(server.url('/')).port}/${recording.names[0]}`]));
			const before = server.requested.length;
			const error = await failureOf(server.url('/blocked.m3u8').replace('127.0.0.1', 'radio.example'), guard);
			expect(error.reason).to.equal('unsafe-url');
			expect((error.cause as UrlSafetyError).refusal).to.include({ code: 'blocked-address', range: 'loopback', address: '127.0.0.2' });
			expect(server.requested.slice(before)).to.deep.equal(['/blocked.m3u8']);
		});

		it('WHEN the same playlist is reached through an allowed name THEN the guard lets it play (it refuses only what it should)', async () => {
			server.playlist('/allowed.m3u8', server.mediaPlaylist(recording.names.slice(0, 2)));
			const output = await readAll(server.url('/allowed.m3u8').replace('127.0.0.1', 'radio.example'), guard);
			expect(output.length).to.equal(recording.files.get(recording.names[0]!)!.length + recording.files.get(recording.names[1]!)!.length);
		});

		it('WHEN the playlist is encrypted (#EXT-X-KEY AES-128) THEN it is refused as hls-encrypted, by the reader and the preflight', async () => {
			const encrypted = server
				.mediaPlaylist(recording.names)
				.replace('#EXT-X-MEDIA-SEQUENCE', '#EXT-X-KEY:METHOD=AES-128,URI="key.bin"\n#EXT-X-MEDIA-SEQUENCE');
			server.playlist('/encrypted.m3u8', encrypted);
			const before = server.requested.length;
			expect((await failureOf(server.url('/encrypted.m3u8'))).reason).to.equal('hls-encrypted');
			expect(server.requested.slice(before)).to.deep.equal(['/encrypted.m3u8']);
			const checked = await preflight(server.url('/encrypted.m3u8'), { refuseEncryptedHls: true, timeoutMs: 5_000 });
			expect(checked).to.include({ ok: false, reason: 'hls-encrypted' });
		});

		it('WHEN one segment of the playlist is missing (404) THEN it is skipped and the others still come, in order', async () => {
			const [first, second] = recording.names;
			server.playlist('/gap.m3u8', server.mediaPlaylist([first!, 'missing.ts', second!]));
			const output = await readAll(server.url('/gap.m3u8'));
			expect(output.equals(Buffer.concat([recording.files.get(first!)!, recording.files.get(second!)!]))).to.equal(true);
		});

		it('WHEN segments are byte ranges of one file (a server that ignores Range) THEN each range is cut out of it', async () => {
			const name = recording.names[0]!;
			const whole = recording.files.get(name)!;
			const ranges = `#EXT-X-BYTERANGE:1000@0\n#EXTINF:0.5,\n${name}\n#EXT-X-BYTERANGE:${whole.length - 1000}\n#EXTINF:0.5,\n${name}\n`;
			server.playlist('/ranges.m3u8', `#EXTM3U\n#EXT-X-VERSION:4\n#EXT-X-TARGETDURATION:1\n${ranges}#EXT-X-ENDLIST\n`);
			expect((await readAll(server.url('/ranges.m3u8'))).equals(whole)).to.equal(true);
		});

		it('WHEN a live playlist stops adding segments THEN the stream fails as stalled (the pipeline then restarts it)', async () => {
			server.playlist('/frozen.m3u8', server.mediaPlaylist(recording.names.slice(0, 1), { ended: false }));
			const error = await failureOf(server.url('/frozen.m3u8'), { maxStaleReloads: 1 });
			expect(error.reason).to.equal('timeout');
			expect(server.requested.filter((path) => path === `/${recording.names[0]}`)).to.have.length.at.least(1);
		});

		it('WHEN the stream is destroyed while it waits for the next reload THEN it stops asking the server', async () => {
			server.playlist('/stuck.m3u8', server.mediaPlaylist(recording.names.slice(0, 1), { ended: false }));
			const stream = new HlsStream(server.url('/stuck.m3u8'), { timeoutMs: 5_000 });
			stream.once('data', () => stream.destroy());
			await new Promise((resolve) => stream.once('close', resolve));
			const requestsAtClose = server.requested.length;
			await new Promise((resolve) => setTimeout(resolve, 1_500));
			expect(server.requested.length).to.equal(requestsAtClose);
		});
	});

	describe('GIVEN an fMP4 playlist with an #EXT-X-MAP initialization section', () => {
		let recording: HlsRecording;
		let server: LiveHlsServer;

		before(async () => {
			recording = await recordHls({ seconds: 4, frequency: 660, segmentType: 'fmp4' });
			server = await LiveHlsServer.start(recording);
		});
		after(async () => {
			await server?.stop();
			recording?.remove();
		});

		it('WHEN read THEN the initialization section comes once, before the segments, and it decodes to the 660 Hz tone', async () => {
			const output = await readAll(server.url('/live.m3u8'));
			const init = recording.files.get(recording.init!)!;
			expect(server.requested.filter((path) => path === `/${recording.init}`)).to.have.length(1);
			expect(output.equals(Buffer.concat([init, ...recording.names.map((name) => recording.files.get(name)!)]))).to.equal(true);
			expect(dominantFrequency(await decode(output), 48_000)).to.be.closeTo(660, 660 * 0.02);
		});

		it('WHEN the initialization section changes mid-playlist THEN the new one is sent before the first segment that needs it', async () => {
			const [first, second] = recording.names;
			server.file('/init-copy.mp4', recording.files.get(recording.init!)!);
			const text = `${server.mediaPlaylist([first!], { ended: false })}#EXT-X-MAP:URI="init-copy.mp4"\n#EXTINF:1.0,\n${second}\n#EXT-X-ENDLIST\n`;
			server.playlist('/new-map.m3u8', text);
			const output = await readAll(server.url('/new-map.m3u8'));
			const initLength = recording.files.get(recording.init!)!.length;
			const firstLength = recording.files.get(first!)!.length;
			expect(output.length).to.equal(2 * initLength + firstLength + recording.files.get(second!)!.length);
			expect(output.subarray(initLength + firstLength, 2 * initLength + firstLength).equals(recording.files.get(recording.init!)!)).to.equal(
				true
			);
		});
	});
});
