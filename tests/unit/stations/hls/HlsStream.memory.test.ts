import { expect } from 'chai';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { HlsStream } from '#lib/stations/hls/HlsStream';
import { hlsReaderDefaults } from '#lib/stations/hls/readHlsSegments';
import { StreamResolveError } from '#lib/stations/resolve/StreamResolveError';
import { RouteServer } from '#support/streamFixtures';

// Full collections before each sample, so that the samples measure what the reader holds, not garbage not yet collected.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** Twice: V8 releases the memory of dead Buffers after a collection, by the next one at the latest. */
const collectGarbage = () => {
	gc();
	gc();
};

const MiB = 1024 * 1024;
const cap = hlsReaderDefaults.maxSegmentBytes;
/** Segments just under the cap. */
const segmentBytes = cap - 64 * 1024;
const segmentCount = 8;
/**
 * What reading may hold at any moment: a quarter of one segment. Streaming holds a few chunks (socket reads of 64 KiB,
 * the 16 KiB buffers of the stream objects); buffering a segment, even once, would hold all of it.
 */
const bound = cap / 4;

interface Reading {
	readonly bytes: number;
	readonly error: unknown;
	/** Largest growth over the baseline, after a full collection, of Buffer memory and of the JavaScript heap. */
	readonly peakArrayBuffers: number;
	readonly peakHeap: number;
}

/**
 * Reads `stream` like a consumer slower than the network (1 ms per chunk), sampling memory every 32 chunks (2 MiB) and
 * every 100 ms (so that what is held while nothing reaches the consumer is seen too).
 */
async function readSlowly(stream: Readable, measure = true): Promise<Reading> {
	collectGarbage();
	const baseline = process.memoryUsage();
	let peakArrayBuffers = 0;
	let peakHeap = 0;
	const sample = () => {
		if (!measure) return;
		collectGarbage();
		const usage = process.memoryUsage();
		peakArrayBuffers = Math.max(peakArrayBuffers, usage.arrayBuffers - baseline.arrayBuffers);
		peakHeap = Math.max(peakHeap, usage.heapUsed - baseline.heapUsed);
	};
	const sampler = setInterval(sample, 100);
	let bytes = 0;
	let chunks = 0;
	let error: unknown = null;
	try {
		for await (const chunk of stream) {
			bytes += (chunk as Buffer).length;
			if (++chunks % 32 === 0) sample();
			await sleep(1);
		}
	} catch (caught) {
		error = caught;
	} finally {
		clearInterval(sampler);
	}
	sample();
	return { bytes, error, peakArrayBuffers, peakHeap };
}

const mebibytes = (bytes: number) => `${(bytes / MiB).toFixed(2)} MiB`;

describe('HlsStream: memory stays bounded whatever the segments weigh', function boundedMemory(this: Mocha.Suite) {
	// Memory is asserted, not time: on a loaded machine the slow consumer's timers stretch well past mocha's default.
	this.timeout(240_000);
	let server: RouteServer;
	const segment = Buffer.alloc(segmentBytes, 0x47);
	const fill = Buffer.alloc(64 * 1024, 0x47);
	let hugeBytesSent = 0;

	before(async () => {
		server = await RouteServer.start();
		const playlist = (uris: string[]) =>
			`#EXTM3U\n#EXT-X-TARGETDURATION:10\n${uris.map((uri) => `#EXTINF:10,\n${uri}\n`).join('')}#EXT-X-ENDLIST\n`;
		server
			.route('/big.m3u8', (_request, response) =>
				response
					.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' })
					.end(playlist(Array.from({ length: segmentCount }, (_, n) => `/big/${n}.ts`)))
			)
			.route('/huge.m3u8', (_request, response) =>
				response.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' }).end(playlist(['/huge.ts']))
			)
			.route('/declared.m3u8', (_request, response) =>
				response.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' }).end(playlist(['/declared.ts']))
			)
			.route('/huge.ts', (_request, response) => {
				// 64 MiB without a Content-Length (chunked), 64 KiB every 5 ms at most, as fast as the client takes it.
				response.writeHead(200, { 'content-type': 'video/mp2t' });
				const drainedOrClosed = () =>
					new Promise<void>((resolve) => {
						const done = () => {
							response.off('drain', done).off('close', done);
							resolve();
						};
						response.on('drain', done).on('close', done);
					});
				const write = async () => {
					for (let sent = 0; sent < 64 * MiB && !response.destroyed; sent += fill.length) {
						hugeBytesSent += fill.length;
						if (!response.write(fill)) await drainedOrClosed();
						await sleep(5);
					}
					response.end();
				};
				void write();
			})
			.route('/declared.ts', (_request, response) => {
				response.writeHead(200, { 'content-type': 'video/mp2t', 'content-length': String(64 * MiB) });
				response.write(fill);
			});
		for (let n = 0; n < segmentCount; n++) {
			server.route(`/big/${n}.ts`, (_request, response) =>
				response.writeHead(200, { 'content-type': 'video/mp2t', 'content-length': String(segment.length) }).end(segment)
			);
		}
		// Once through first: what the first run costs (compiled and optimised code, parsers) is no growth while reading.
		await readSlowly(new HlsStream(server.url('/big.m3u8'), { timeoutMs: 10_000 }), false);
	});
	after(() => server.stop());

	it(`GIVEN ${segmentCount} segments just under the ${mebibytes(cap)} cap WHEN a slow consumer reads them THEN every byte arrives and memory never grows by a quarter of one segment`, async () => {
		const reading = await readSlowly(new HlsStream(server.url('/big.m3u8'), { timeoutMs: 10_000 }));
		console.log(
			`      peak growth: Buffers ${mebibytes(reading.peakArrayBuffers)}, heap ${mebibytes(reading.peakHeap)} (bound ${mebibytes(bound)})`
		);
		expect([reading.error, reading.bytes]).to.deep.equal([null, segmentCount * segmentBytes]);
		expect(reading.peakArrayBuffers, `Buffers grew by ${mebibytes(reading.peakArrayBuffers)}`).to.be.below(bound);
		expect(reading.peakHeap, `the heap grew by ${mebibytes(reading.peakHeap)}`).to.be.below(bound);
	});

	it('GIVEN a segment without a Content-Length that goes on for 64 MiB WHEN read THEN it fails with too-large at the cap, and memory never grows by a quarter of it', async () => {
		const reading = await readSlowly(new HlsStream(server.url('/huge.m3u8'), { timeoutMs: 10_000 }));
		console.log(
			`      peak growth: Buffers ${mebibytes(reading.peakArrayBuffers)}, heap ${mebibytes(reading.peakHeap)}; passed on ${mebibytes(reading.bytes)}`
		);
		expect(reading.error).to.be.instanceOf(StreamResolveError).with.property('reason', 'too-large');
		expect(reading.bytes).to.be.at.most(cap);
		expect(reading.peakArrayBuffers, `Buffers grew by ${mebibytes(reading.peakArrayBuffers)}`).to.be.below(bound);
		expect(reading.peakHeap, `the heap grew by ${mebibytes(reading.peakHeap)}`).to.be.below(bound);
		expect(hugeBytesSent, 'the server was stopped long before its 64 MiB').to.be.below(32 * MiB);
	});

	it('GIVEN a segment whose Content-Length says 64 MiB WHEN read THEN it fails with too-large before a byte of it is passed on', async () => {
		const reading = await readSlowly(new HlsStream(server.url('/declared.m3u8'), { timeoutMs: 10_000 }));
		expect(reading.error).to.be.instanceOf(StreamResolveError).with.property('reason', 'too-large');
		expect(reading.bytes).to.equal(0);
	});
});
