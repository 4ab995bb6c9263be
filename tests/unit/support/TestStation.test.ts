import { expect } from 'chai';
import { get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { IcyDemuxer, TestStation } from '#support/index';
import { decodeMp3, processesMatching, RadioClient, waitUntil, zeroCrossingFrequency } from './radioClient.js';

describe('TestStation', () => {
	let station: TestStation;
	const clients: RadioClient[] = [];

	beforeEach(async () => {
		station = await TestStation.start({
			mounts: { '/sine.mp3': { frequency: 440, title: 'Alastor - Tone', name: 'Test FM' }, '/high.mp3': { frequency: 880 } }
		});
	});

	afterEach(async () => {
		for (const client of clients.splice(0)) client.close();
		await station.stop();
		expect(await processesMatching(station.marker)).to.deep.equal([]);
	});

	async function listen(path: string, icy = false): Promise<RadioClient> {
		const client = await RadioClient.connect(station.url(path), { icy });
		clients.push(client);
		return client;
	}

	function demux(client: RadioClient): IcyDemuxer {
		const demuxer = new IcyDemuxer(Number(client.response.headers['icy-metaint']));
		for (const chunk of client.chunks) demuxer.push(chunk);
		return demuxer;
	}

	it('GIVEN a client asking for ICY metadata WHEN it listens THEN it gets ICY headers and blocks carrying the title', async () => {
		const client = await listen('/sine.mp3', true);
		expect(client.response.statusCode).to.equal(200);
		expect(client.response.headers).to.include({ 'icy-metaint': '16000', 'icy-name': 'Test FM', 'icy-br': '128', 'content-type': 'audio/mpeg' });
		expect(client.response.headers['transfer-encoding']).to.equal(undefined);
		await client.waitForBytes(16_000 * 2 + 200);
		expect(demux(client).titles.slice(0, 2)).to.deep.equal(['Alastor - Tone', 'Alastor - Tone']);
	});

	it('GIVEN a listening client WHEN the title changes THEN a following block carries the new title', async () => {
		const client = await listen('/sine.mp3', true);
		await client.waitForBytes(16_100);
		station.setTitle('/sine.mp3', 'Next Artist - Next Song');
		expect(station.title('/sine.mp3')).to.equal('Next Artist - Next Song');
		await waitUntil(() => demux(client).titles.includes('Next Artist - Next Song'), 20_000, 'the new title');
		expect(demux(client).titles[0]).to.equal('Alastor - Tone');
	});

	it('GIVEN a plain client WHEN it listens THEN it gets no metaint and MP3 that decodes to the mount tone', async () => {
		const client = await listen('/high.mp3');
		expect(client.response.headers['icy-metaint']).to.equal(undefined);
		await client.waitForBytes(16_000 * 2);
		const samples = await decodeMp3(client.body());
		// Skip the encoder's start-up padding.
		const frequency = zeroCrossingFrequency(samples.subarray(4410), 44_100);
		expect(frequency).to.be.within(880 * 0.95, 880 * 1.05);
	});

	it('GIVEN two clients on one mount WHEN both receive audio THEN a single ffmpeg serves them', async () => {
		const first = await listen('/sine.mp3', true);
		const second = await listen('/sine.mp3');
		await Promise.all([first.waitForBytes(8000), second.waitForBytes(8000)]);
		expect(station.listeners('/sine.mp3')).to.equal(2);
		expect(station.encoderStarts('/sine.mp3')).to.equal(1);
		const pids = await processesMatching(station.marker);
		expect(pids).to.deep.equal([station.encoderPid('/sine.mp3')]);
	});

	it('GIVEN no listener WHEN the station starts THEN no ffmpeg runs until someone tunes in, and it stops when the last one leaves', async () => {
		expect(await processesMatching(station.marker)).to.deep.equal([]);
		const client = await listen('/sine.mp3');
		await client.waitForBytes(1000);
		expect(await processesMatching(station.marker)).to.have.length(1);
		client.close();
		await waitUntil(() => station.listeners('/sine.mp3') === 0, 10_000, 'the listener to leave');
		expect(station.encoderPid('/sine.mp3')).to.equal(undefined);
		const deadline = Date.now() + 10_000;
		while ((await processesMatching(station.marker)).length > 0 && Date.now() < deadline) await sleep(50);
		expect(await processesMatching(station.marker)).to.deep.equal([]);
	});

	it('GIVEN listeners on two mounts WHEN the station stops THEN no ffmpeg is left and the clients are cut off', async () => {
		const low = await listen('/sine.mp3');
		const high = await listen('/high.mp3');
		await Promise.all([low.waitForBytes(1000), high.waitForBytes(1000)]);
		expect(await processesMatching(station.marker)).to.have.length(2);
		await station.stop();
		expect(await processesMatching(station.marker)).to.deep.equal([]);
		await waitUntil(() => low.closed && high.closed, 10_000, 'both clients to be closed');
	});

	it('GIVEN a served playlist WHEN fetched THEN it has the given body and content type; unknown paths are 404', async () => {
		const playlist = `[playlist]\nNumberOfEntries=1\nFile1=${station.url('/sine.mp3')}\n`;
		station.serve('/radio.pls', { contentType: 'audio/x-scpls', body: playlist });
		const response = await fetch(station.url('/radio.pls'));
		expect(response.status).to.equal(200);
		expect(response.headers.get('content-type')).to.equal('audio/x-scpls');
		expect(await response.text()).to.equal(playlist);
		expect((await fetch(station.url('/nothing-here'))).status).to.equal(404);
		expect(station.requests('/radio.pls')).to.have.length(1);
	});

	it('GIVEN listeners WHEN their connections are dropped THEN their connections are reset', async () => {
		const client = await listen('/sine.mp3');
		await client.waitForBytes(1000);
		station.dropConnections('/sine.mp3');
		await waitUntil(() => client.closed, 10_000, 'the client to be cut off');
		// A close-delimited body looks complete to Node's parser either way; the reset is what tells a failure apart.
		expect(client.failed?.message).to.match(/ECONNRESET|aborted/);
		await waitUntil(() => station.listeners('/sine.mp3') === 0, 10_000, 'the listener count to drop');
	});

	it('GIVEN a stalled mount WHEN clients listen THEN they get no bytes (nor headers, for new ones) until it resumes', async () => {
		const connected = await listen('/sine.mp3');
		await connected.waitForBytes(1000);
		station.stall('/sine.mp3', true);
		// Let bytes already in flight arrive before measuring.
		await sleep(300);
		const before = connected.receivedBytes;
		let newcomerAnswered = false;
		const newcomer = get(station.url('/sine.mp3'), () => {
			newcomerAnswered = true;
		});
		await sleep(1500);
		expect(connected.receivedBytes).to.equal(before);
		expect(newcomerAnswered).to.equal(false);
		expect(station.listeners('/sine.mp3')).to.equal(2);
		station.stall('/sine.mp3', false);
		await connected.waitForBytes(before + 1000);
		await waitUntil(() => newcomerAnswered, 10_000, 'the newcomer to get its response');
		newcomer.destroy();
	});

	it('GIVEN a listener WHEN the encoder is killed THEN the response ends cleanly and the next listener gets a new encoder', async () => {
		const client = await listen('/sine.mp3');
		await client.waitForBytes(1000);
		const firstPid = station.encoderPid('/sine.mp3');
		await station.killEncoder('/sine.mp3');
		await waitUntil(() => client.ended, 10_000, 'the response to end');
		expect(client.failed).to.equal(undefined);
		const next = await listen('/sine.mp3');
		await next.waitForBytes(1000);
		expect(station.encoderStarts('/sine.mp3')).to.equal(2);
		expect(station.encoderPid('/sine.mp3')).to.not.equal(firstPid);
	});
});
