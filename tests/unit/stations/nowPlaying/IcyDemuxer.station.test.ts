import { expect } from 'chai';
import { once } from 'node:events';
import { get, type ClientRequest, type IncomingMessage } from 'node:http';
import { IcyDemuxer } from '#lib/stations/nowPlaying/IcyDemuxer';
import { type IcyMetadata } from '#lib/stations/nowPlaying/parseIcyMetadata';
import { IcyDemuxer as ReferenceDemuxer, TestStation } from '#support/index';
import { waitFor } from '#support/waitFor';
import { killAll, spawnDecoder, zeroCrossingFrequency } from './ffmpegProcess.js';

describe('IcyDemuxer on a live HTTP stream', () => {
	const path = '/sine.mp3';
	let station: TestStation;
	let request: ClientRequest | undefined;

	beforeEach(async () => {
		station = await TestStation.start({ mounts: { [path]: { frequency: 440, title: 'First Artist - First Song' } } });
	});

	afterEach(async () => {
		request?.destroy();
		request = undefined;
		await killAll();
		await station.stop();
	});

	async function listen(): Promise<IncomingMessage> {
		request = get(station.url(path), { headers: { 'Icy-MetaData': '1' } });
		const [response] = (await once(request, 'response')) as [IncomingMessage];
		return response;
	}

	it('GIVEN a station streaming MP3 with ICY metadata WHEN its body is piped through the demuxer into ffmpeg THEN ffmpeg decodes the tone from pure audio', async () => {
		const response = await listen();
		const demuxer = new IcyDemuxer(response.headers['icy-metaint']);
		expect(demuxer.metaint).to.equal(16_000);
		const raw: Buffer[] = [];
		const audio: Buffer[] = [];
		response.on('data', (data: Buffer) => raw.push(data));
		demuxer.on('data', (data: Buffer) => audio.push(data));
		const decoder = spawnDecoder('mp3');
		const pcm: Buffer[] = [];
		decoder.stdout.on('data', (data: Buffer) => pcm.push(data));
		response.pipe(demuxer).pipe(decoder.stdin);

		// 128 kbps: 3 metadata intervals ≈ 3 s of audio.
		await waitFor(() => Buffer.concat(audio).length > 3 * 16_000 + 100, 'three metadata intervals of audio', 20_000);
		response.unpipe(demuxer);
		request!.destroy();
		demuxer.end();
		const [code] = (await once(decoder, 'close')) as [number | null];

		const reference = new ReferenceDemuxer(16_000);
		for (const data of raw) reference.push(data);
		const demuxedAudio = Buffer.concat(audio);
		expect(reference.blocks).to.be.at.least(3);
		expect(demuxedAudio.equals(reference.audio())).to.equal(true, 'audio differs from the test-side demuxer');
		expect(Buffer.concat(raw).includes('StreamTitle=')).to.equal(true);
		expect(demuxedAudio.includes('StreamTitle=')).to.equal(false);

		expect(code).to.equal(0);
		const pcmBytes = Buffer.concat(pcm);
		const samples = new Int16Array(pcmBytes.buffer, pcmBytes.byteOffset, Math.floor(pcmBytes.length / 2));
		expect(samples.length / 44_100).to.be.greaterThan(1);
		expect(zeroCrossingFrequency(samples.subarray(4410), 44_100)).to.be.within(440 * 0.95, 440 * 1.05);
	});

	it('GIVEN a listening demuxer WHEN the station changes its title THEN the new title arrives as a metadata event', async () => {
		const response = await listen();
		const demuxer = new IcyDemuxer(response.headers['icy-metaint']);
		const titles: (string | undefined)[] = [];
		demuxer.on('metadata', (metadata: IcyMetadata) => titles.push(metadata.streamTitle));
		response.pipe(demuxer).resume();

		await waitFor(() => titles.length > 0, 'the first metadata block', 20_000);
		expect(titles[0]).to.equal('First Artist - First Song');
		station.setTitle(path, "Guns N' Roses - Paradise City");
		await waitFor(() => titles.includes("Guns N' Roses - Paradise City"), 'the new title', 20_000);
		expect(new Set(titles)).to.deep.equal(new Set(['First Artist - First Song', "Guns N' Roses - Paradise City"]));
	});
});
