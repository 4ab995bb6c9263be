import { expect } from 'chai';
import { once } from 'node:events';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { connect } from 'node:net';
import { sniffAudio } from '#lib/stations/resolve/sniffAudio';
import { ffmpeg, makeAudioFixtures, run, type AudioFixtures } from '#support/streamFixtures';
import { StreamFaultServer } from '#support/StreamFaultServer';
import { TlsFaultServer, type TlsFault } from '#support/TlsFaultServer';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Everything a raw TCP client receives from `path` within `ms`. */
async function rawReceive(url: string, ms: number): Promise<Buffer> {
	const { port, pathname } = new URL(url);
	const socket = connect(Number(port), '127.0.0.1');
	const chunks: Buffer[] = [];
	socket.on('data', (chunk: Buffer) => chunks.push(chunk));
	socket.on('error', () => undefined);
	await once(socket, 'connect');
	socket.write(`GET ${pathname} HTTP/1.1\r\nHost: 127.0.0.1\r\nIcy-MetaData: 1\r\n\r\n`);
	await sleep(ms);
	socket.destroy();
	return Buffer.concat(chunks);
}

function request(url: string): Promise<IncomingMessage> {
	return new Promise((resolve, reject) => httpGet(url, resolve).on('error', reject));
}

/** ffmpeg decoding `url` to 48 kHz stereo PCM: seconds of audio it produced, its exit code and its error lines. */
async function decode(url: string): Promise<{ seconds: number; exitCode: number; stderr: string }> {
	const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', url, '-f', 's16le', '-ac', '2', '-ar', '48000', '-'];
	const result = await run(ffmpeg, args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }).then(
		({ stdout, stderr }) => ({ stdout, stderr, code: 0 }),
		(error: { stdout: Buffer; stderr: Buffer; code: number }) => ({ stdout: error.stdout, stderr: error.stderr, code: error.code })
	);
	return { seconds: result.stdout.length / (48_000 * 4), exitCode: result.code, stderr: result.stderr.toString() };
}

describe('stream fault fixtures (StreamFaultServer, TlsFaultServer, codecFaults)', () => {
	let audio: AudioFixtures;
	let server: StreamFaultServer;

	before(async () => {
		audio = await makeAudioFixtures();
		server = await StreamFaultServer.start({ audio, hugePlaylistBytes: 50 * 1024 * 1024, bytesPerSecond: 200_000 });
	});

	after(async () => {
		await server?.stop();
		audio?.remove();
	});

	it('GIVEN /trickle.mp3 WHEN requested THEN the headers come at once and then about one byte a second', async () => {
		const response = await request(server.url('/trickle.mp3'));
		let received = 0;
		response.on('data', (chunk: Buffer) => (received += chunk.length));
		await sleep(2_200);
		response.destroy();

		expect(response.statusCode).to.equal(200);
		expect(response.headers['content-type']).to.equal('audio/mpeg');
		expect(received).to.be.within(1, 3);
	});

	it('GIVEN /trickle-headers WHEN requested THEN even the status line comes one byte a second', async () => {
		const received = await rawReceive(server.url('/trickle-headers'), 1_500);
		expect(received.length).to.be.within(1, 2);
		expect('HTTP/1.1 200'.startsWith(received.toString('latin1'))).to.equal(true);
	});

	it('GIVEN /endless-headers WHEN read raw THEN header lines keep coming with no blank line; Node`s HTTP client gives up with a header overflow', async () => {
		const received = (await rawReceive(server.url('/endless-headers'), 1_000)).toString('latin1');
		const error = await request(server.url('/endless-headers')).then(
			() => undefined,
			(caught: NodeJS.ErrnoException) => caught
		);

		expect(received.startsWith('HTTP/1.1 200 OK\r\n')).to.equal(true);
		expect(received.length, 'header bytes in 1 s').to.be.above(32 * 1024);
		expect(received).to.not.include('\r\n\r\n');
		expect(error?.code).to.equal('HPE_HEADER_OVERFLOW');
	});

	it('GIVEN /huge.m3u WHEN read to the end THEN it is an M3U of exactly 50 MiB, as its Content-Length says', async () => {
		const response = await request(server.url('/huge.m3u'));
		let size = 0;
		let head = '';
		for await (const chunk of response) {
			if (head.length < 200) head += (chunk as Buffer).toString('latin1');
			size += (chunk as Buffer).length;
		}

		expect(response.headers['content-length']).to.equal(String(50 * 1024 * 1024));
		expect(size).to.equal(50 * 1024 * 1024);
		expect(head.split('\n').slice(0, 2)).to.deep.equal(['#EXTM3U', server.url('/entry/1.mp3')]);
	});

	it('GIVEN /loop/a WHEN followed THEN a and b redirect to each other for ever: fetch gives up after 20 redirects; the playlist lists itself', async () => {
		const first = await fetch(server.url('/loop/a'), { redirect: 'manual' });
		const second = await fetch(server.url('/loop/b'), { redirect: 'manual' });
		const before = server.requests;
		const error = await fetch(server.url('/loop/a')).catch((caught: Error) => caught);
		const followed = server.requests - before;
		const playlist = await (await fetch(server.url('/loop/playlist.m3u'))).text();
		const toItself = await fetch(server.url('/loop/self'), { redirect: 'manual' });

		expect([first.status, first.headers.get('location')]).to.deep.equal([302, '/loop/b']);
		expect([second.status, second.headers.get('location')]).to.deep.equal([302, server.url('/loop/a')]);
		expect((error as Error & { cause?: Error }).cause?.message).to.equal('redirect count exceeded');
		expect(followed, 'the request and its 20 redirects').to.equal(21);
		expect(playlist).to.include(server.url('/loop/playlist.m3u'));
		expect(toItself.headers.get('location')).to.equal('/loop/self');
	});

	it('GIVEN /undecodable.aac WHEN sniffed and decoded THEN it sniffs as AAC but ffmpeg decodes nothing and fails', async () => {
		const body = Buffer.from(await (await fetch(server.url('/undecodable.aac'))).arrayBuffer());
		const decoded = await decode(server.url('/undecodable.aac'));

		expect(sniffAudio(body)).to.equal('aac');
		expect(decoded.seconds).to.equal(0);
		expect(decoded.exitCode).to.not.equal(0);
	});

	it('GIVEN /celt.ogg WHEN sniffed and decoded THEN it is a valid Ogg stream of CELT, which ffmpeg identifies but has no decoder for', async () => {
		const body = Buffer.from(await (await fetch(server.url('/celt.ogg'))).arrayBuffer());
		const decoded = await decode(server.url('/celt.ogg'));

		expect(sniffAudio(body)).to.equal('ogg');
		expect(decoded.seconds).to.equal(0);
		expect(decoded.exitCode).to.not.equal(0);
		expect(decoded.stderr).to.match(/Decoder \(codec celt\) not found/);
	});

	it('GIVEN /switch.mp3 WHEN read THEN MP3 turns into AAC mid-stream: ffmpeg decodes only the MP3 part', async () => {
		const body = Buffer.from(await (await fetch(server.url('/switch.mp3'))).arrayBuffer());
		const decoded = await decode(server.url('/switch.mp3'));

		expect(body.length).to.equal(audio.mp3.length + audio.aac.length);
		expect(sniffAudio(body.subarray(0, 4096))).to.equal('mp3');
		expect(sniffAudio(body.subarray(server.switchOffset, server.switchOffset + 4096))).to.equal('aac');
		expect(decoded.seconds, 'seconds decoded of 2 s MP3 + 2 s AAC').to.be.within(1.8, 2.3);
	});

	describe('TLS faults', () => {
		const servers: TlsFaultServer[] = [];
		after(async () => Promise.all(servers.map((tls) => tls.stop())));

		async function handshakeError(fault: TlsFault, options: { rejectUnauthorized?: boolean } = {}) {
			const tls = await TlsFaultServer.start(fault);
			servers.push(tls);
			return new Promise<{ code?: string; status?: number }>((resolve) => {
				httpsGet(tls.url(), options, (response) => {
					response.resume();
					resolve({ status: response.statusCode });
				}).on('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code }));
			});
		}

		it('GIVEN an untrusted certificate WHEN a client connects THEN the handshake fails with DEPTH_ZERO_SELF_SIGNED_CERT; the station itself works', async () => {
			expect(await handshakeError('untrusted')).to.deep.equal({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
			expect(await handshakeError('untrusted', { rejectUnauthorized: false })).to.deep.equal({ status: 200 });
		});

		it('GIVEN a server that resets mid-handshake WHEN a client connects THEN ECONNRESET', async () => {
			expect(await handshakeError('reset')).to.deep.equal({ code: 'ECONNRESET' });
		});

		it('GIVEN plain HTTP on the https port WHEN a client connects THEN the TLS layer rejects the answer', async () => {
			const { code } = await handshakeError('plaintext');
			// OpenSSL: "wrong version number", reported by Node as EPROTO.
			expect(code).to.equal('EPROTO');
		});
	});
});
