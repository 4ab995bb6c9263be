import { expect } from 'chai';
import { spawn } from 'node:child_process';
import type { Station } from '#lib/config/types';
import { StationStreams } from '#lib/stations/StationStreams';
import { StreamResolver } from '#lib/stations/resolve/StreamResolver';
import { buildFfmpegArgs } from '#lib/ffmpeg/ffmpegArgs';
import { TestStation } from '#support/TestStation';

describe('URL safety: which stations are guarded (StationStreams)', () => {
	let station: TestStation;
	let trusted: Station;
	let custom: Station;
	const streams = (allowPrivateAddresses: boolean) =>
		new StationStreams(new StreamResolver({ timeoutMs: 5_000 }), {
			timeoutMs: 5_000,
			userAgent: 'test',
			addressPolicy: { allowPrivateAddresses }
		});

	before(async () => {
		station = await TestStation.start();
		trusted = { id: 'local', name: 'Local', url: station.url(), aliases: [], bitrate: 128, format: 'MP3', description: '' };
		custom = { ...trusted, id: 'g1-local', guildId: '1' };
	});
	after(() => station.stop());

	it('GIVEN a config.yaml station and a custom station on 127.0.0.1 WHEN preflighted THEN only the operator-trusted one plays', async () => {
		const guarded = streams(false);
		// The trusted resolution is cached first: the custom station must not reuse it.
		expect(await guarded.preflight(trusted)).to.include({ ok: true });
		const refused = await guarded.preflight(custom);
		expect(refused).to.include({ ok: false, reason: 'unsafe-url' });
		expect(refused.ok ? null : refused.refusal).to.include({ code: 'blocked-address', address: '127.0.0.1', range: 'loopback' });
		const error = await guarded.input(custom, false).catch((caught: unknown) => caught);
		expect(error).to.have.property('reason', 'unsafe-url');
	});

	it('GIVEN a custom station WHEN the pipeline asks for its input THEN the input carries the safety hooks for its own fetch', async () => {
		const input = await streams(true).input(custom, false);
		expect(input).to.include({ url: station.url(), kind: 'direct' });
		expect(input.lookup).to.be.a('function');
		expect(input.checkUrl).to.be.a('function');
		expect(await streams(true).input(trusted, false)).to.deep.equal({ url: station.url(), kind: 'direct', container: 'mp3' });
	});

	it('GIVEN an HLS station WHEN the pipeline asks for its input THEN the bot reads it (hls-piped), but a config station’s encrypted HLS goes to ffmpeg', async () => {
		station.serve('/hls.m3u8', { contentType: 'application/vnd.apple.mpegurl', body: '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nseg.ts\n' });
		station.serve('/aes.m3u8', {
			contentType: 'application/vnd.apple.mpegurl',
			body: '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-KEY:METHOD=AES-128,URI="key"\n#EXTINF:2,\nseg.ts\n'
		});
		const hls = { url: station.url('/hls.m3u8') };
		const aes = { url: station.url('/aes.m3u8') };
		expect(await streams(true).input({ ...custom, ...hls }, false)).to.include({ url: hls.url, kind: 'hls-piped' });
		expect(await streams(true).input({ ...trusted, ...hls }, false)).to.deep.equal({ url: hls.url, kind: 'hls-piped', container: 'hls' });
		expect(await streams(true).input({ ...trusted, ...aes }, false)).to.deep.equal({ url: aes.url, kind: 'hls', container: 'hls' });
		expect(await streams(true).input({ ...custom, ...aes }, false)).to.include({ url: aes.url, kind: 'hls-piped' });
	});

	it('GIVEN a direct stream that turns into an HLS playlist WHEN ffmpeg reads it from stdin THEN it fetches none of its URLs', async () => {
		const playlist = `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n${station.url('/segment-from-pipe.ts')}\n#EXT-X-ENDLIST\n`;
		const args = buildFfmpegArgs({ inputUrl: 'pipe:0', userAgent: 'test', bitrateKbps: 64, marker: 'alastor-safety-test' });
		const ffmpeg = spawn('ffmpeg', args, { stdio: ['pipe', 'ignore', 'ignore'] });
		const exited = new Promise((resolve) => ffmpeg.once('close', resolve));
		ffmpeg.stdin.end(playlist);
		await exited;
		expect(station.requests('/segment-from-pipe.ts')).to.have.length(0);
	});
});
