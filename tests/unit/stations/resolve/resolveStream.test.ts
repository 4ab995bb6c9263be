import { expect } from 'chai';
import { resolveStream } from '#lib/stations/resolve/resolveStream';
import { StreamResolveError } from '#lib/stations/resolve/StreamResolveError';
import type { ResolveOptions } from '#lib/stations/resolve/types';
import { TestStation } from '#support/TestStation';
import { deadUrl, makeAudioFixtures, RouteServer, serveDirectory, type AudioFixtures } from '#support/streamFixtures';

async function resolveError(url: string, options?: ResolveOptions): Promise<StreamResolveError> {
	try {
		const stream = await resolveStream(url, options);
		throw new Error(`expected a StreamResolveError, got ${JSON.stringify(stream)}`);
	} catch (error) {
		expect(error).to.be.instanceOf(StreamResolveError);
		return error as StreamResolveError;
	}
}

describe('resolveStream', () => {
	let station: TestStation;
	let server: RouteServer;
	let fixtures: AudioFixtures;
	let dead: string;

	before(async () => {
		[station, server, fixtures, dead] = await Promise.all([TestStation.start(), RouteServer.start(), makeAudioFixtures(), deadUrl()]);
		station.serve('/tone.aac', { contentType: 'audio/aac', body: fixtures.aac });
		station.serve('/tone.opus', { contentType: 'audio/ogg', body: fixtures.opus });
		station.serve('/tone.ogg', { contentType: 'application/ogg', body: fixtures.vorbis });
		station.serve('/frames.mp3', { contentType: 'audio/mpeg', body: fixtures.mp3 });
		serveDirectory(station, fixtures.hlsDirectory, '/hls/');
	});

	after(async () => {
		await Promise.all([station.stop(), server.stop()]);
		fixtures.remove();
	});

	describe('direct streams', () => {
		it('GIVEN a live Icecast-style MP3 mount WHEN resolving THEN it is a direct mp3 stream with its ICY details', async () => {
			const stream = await resolveStream(station.url('/sine.mp3'));
			expect(stream).to.deep.equal({
				url: station.url('/sine.mp3'),
				kind: 'direct',
				container: 'mp3',
				contentType: 'audio/mpeg',
				chain: [],
				icy: { name: 'Alastor Test Station 440 Hz', genre: 'Test', bitrate: 128, metaint: 16_000 }
			});
		});

		it('GIVEN MP3 frames without an ID3 tag WHEN resolving THEN the frame syncs identify mp3', async () => {
			expect((await resolveStream(station.url('/frames.mp3'))).container).to.equal('mp3');
		});

		it('GIVEN an AAC stream in ADTS WHEN resolving THEN it is aac', async () => {
			const stream = await resolveStream(station.url('/tone.aac'));
			expect([stream.kind, stream.container, stream.icy]).to.deep.equal(['direct', 'aac', null]);
		});

		it('GIVEN Ogg/Opus and Ogg/Vorbis streams WHEN resolving THEN they are opus and ogg', async () => {
			expect((await resolveStream(station.url('/tone.opus'))).container).to.equal('opus');
			expect((await resolveStream(station.url('/tone.ogg'))).container).to.equal('ogg');
		});

		it('GIVEN a stream served as text/html WHEN resolving THEN the bytes win over the content type', async () => {
			station.serve('/liar-html', { contentType: 'text/html', body: fixtures.mp3 });
			const stream = await resolveStream(station.url('/liar-html'));
			expect([stream.container, stream.contentType]).to.deep.equal(['mp3', 'text/html']);
		});

		it('GIVEN the resolver WHEN it requests THEN it sends the User-Agent and asks for ICY metadata', async () => {
			await resolveStream(station.url('/tone.aac'), { userAgent: 'AlastorTest/9' });
			const request = station.requests('/tone.aac').at(-1)!;
			expect([request.headers['user-agent'], request.headers['icy-metadata']]).to.deep.equal(['AlastorTest/9', '1']);
		});
	});

	describe('playlists', () => {
		it('GIVEN a .pls whose first entry is dead WHEN resolving THEN the second entry is played', async () => {
			station.serve('/dead-first.pls', {
				contentType: 'audio/x-scpls',
				body: `[playlist]\nNumberOfEntries=2\nFile2=${station.url('/sine.mp3')}\nFile1=${dead}\nTitle1=Dead\n`
			});
			const stream = await resolveStream(station.url('/dead-first.pls'));
			expect([stream.url, stream.container, stream.chain]).to.deep.equal([station.url('/sine.mp3'), 'mp3', [station.url('/dead-first.pls')]]);
		});

		it('GIVEN a .pls whose entries all fail WHEN resolving THEN all-entries-failed lists why each one failed', async () => {
			station.serve('/all-dead.pls', { contentType: 'audio/x-scpls', body: `[playlist]\nFile1=${dead}\nFile2=/missing.mp3\n` });
			const error = await resolveError(station.url('/all-dead.pls'));
			expect(error.reason).to.equal('all-entries-failed');
			expect(error.failures.map((failure) => [failure.url, failure.reason])).to.deep.equal([
				[dead, 'unreachable'],
				[station.url('/missing.mp3'), 'http-status']
			]);
			expect(error.message).to.contain('404');
		});

		it('GIVEN an .m3u with comments and a relative entry WHEN resolving THEN the entry resolves against the playlist URL', async () => {
			station.serve('/lists/radio.m3u', { contentType: 'audio/x-mpegurl', body: '#EXTM3U\n#EXTINF:-1,Tone\n../sine.mp3\n' });
			const stream = await resolveStream(station.url('/lists/radio.m3u'));
			expect(stream.url).to.equal(station.url('/sine.mp3'));
		});

		it('GIVEN a .mp3 URL serving a PLS body as audio/mpeg WHEN resolving THEN it is read as the playlist it is', async () => {
			station.serve('/liar.mp3', { contentType: 'audio/mpeg', body: `[playlist]\nFile1=${station.url('/tone.aac')}\n` });
			const stream = await resolveStream(station.url('/liar.mp3'));
			expect([stream.url, stream.container]).to.deep.equal([station.url('/tone.aac'), 'aac']);
		});

		it('GIVEN playlists nested 3 deep WHEN resolving THEN the stream is found and every playlist is in the chain', async () => {
			station.serve('/n3.pls', { contentType: 'audio/x-scpls', body: `[playlist]\nFile1=${station.url('/sine.mp3')}\n` });
			station.serve('/n2.m3u', { contentType: 'audio/x-mpegurl', body: '/n3.pls\n' });
			station.serve('/n1.pls', { contentType: 'audio/x-scpls', body: `[playlist]\nFile1=${station.url('/n2.m3u')}\n` });
			const stream = await resolveStream(station.url('/n1.pls'));
			expect(stream.chain).to.deep.equal([station.url('/n1.pls'), station.url('/n2.m3u'), station.url('/n3.pls')]);
		});

		it('GIVEN playlists nested 4 deep WHEN resolving with the default depth limit THEN it fails with too-deep', async () => {
			station.serve('/n0.m3u', { contentType: 'audio/x-mpegurl', body: `${station.url('/n1.pls')}\n` });
			const error = await resolveError(station.url('/n0.m3u'));
			expect([error.reason, error.url]).to.deep.equal(['too-deep', station.url('/n3.pls')]);
		});

		it('GIVEN a playlist that lists itself WHEN resolving THEN the depth limit ends the loop', async () => {
			station.serve('/loop.m3u', { contentType: 'audio/x-mpegurl', body: '/loop.m3u\n' });
			expect((await resolveError(station.url('/loop.m3u'), { maxDepth: 2 })).reason).to.equal('too-deep');
		});

		it('GIVEN a playlist without entries WHEN resolving THEN it fails with empty-playlist', async () => {
			station.serve('/empty.pls', { contentType: 'audio/x-scpls', body: '[playlist]\nNumberOfEntries=0\n' });
			expect((await resolveError(station.url('/empty.pls'))).reason).to.equal('empty-playlist');
		});

		it('GIVEN a playlist larger than 64 KiB WHEN resolving THEN it fails with too-large, with or without a Content-Length', async () => {
			const huge = `#EXTM3U\n${'#EXTINF:-1,padding padding padding padding\n'.repeat(2000)}${station.url('/sine.mp3')}\n`;
			station.serve('/huge.m3u', { contentType: 'audio/x-mpegurl', body: huge });
			server.route('/huge-chunked.m3u', (_request, response) => {
				response.writeHead(200, { 'content-type': 'audio/x-mpegurl' });
				for (let offset = 0; offset < huge.length; offset += 1000) response.write(huge.slice(offset, offset + 1000));
				response.end();
			});
			expect((await resolveError(station.url('/huge.m3u'))).reason).to.equal('too-large');
			expect((await resolveError(server.url('/huge-chunked.m3u'))).reason).to.equal('too-large');
		});
	});

	describe('HLS', () => {
		it('GIVEN an HLS media playlist made by ffmpeg WHEN resolving THEN it is an hls stream at the playlist URL', async () => {
			const stream = await resolveStream(station.url('/hls/audio.m3u8'));
			expect(stream).to.deep.equal({
				url: station.url('/hls/audio.m3u8'),
				kind: 'hls',
				container: 'hls',
				contentType: 'application/vnd.apple.mpegurl',
				chain: [],
				icy: null
			});
		});

		it('GIVEN a master playlist with a video variant and an audio-only variant WHEN resolving THEN the audio-only variant is chosen', async () => {
			station.serve('/hls/video.m3u8', {
				contentType: 'application/vnd.apple.mpegurl',
				body: '#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nseg000.ts\n'
			});
			station.serve('/master.m3u8', {
				contentType: 'application/vnd.apple.mpegurl',
				body: [
					'#EXTM3U',
					'#EXT-X-STREAM-INF:BANDWIDTH=2500000,RESOLUTION=1280x720,CODECS="avc1.4d401f,mp4a.40.2"',
					'hls/video.m3u8',
					'#EXT-X-STREAM-INF:BANDWIDTH=96000,CODECS="mp4a.40.2"',
					'hls/audio.m3u8',
					''
				].join('\n')
			});
			const stream = await resolveStream(station.url('/master.m3u8'));
			expect([stream.url, stream.kind, stream.chain]).to.deep.equal([station.url('/hls/audio.m3u8'), 'hls', [station.url('/master.m3u8')]]);
		});

		it('GIVEN a master playlist whose preferred variant is missing WHEN resolving THEN the next variant is tried', async () => {
			station.serve('/master-gone.m3u8', {
				contentType: 'application/vnd.apple.mpegurl',
				body: '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=64000,CODECS="mp4a.40.2"\nhls/gone.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=128000,CODECS="mp4a.40.2"\nhls/audio.m3u8\n'
			});
			expect((await resolveStream(station.url('/master-gone.m3u8'))).url).to.equal(station.url('/hls/audio.m3u8'));
		});

		it('GIVEN an HLS media playlist without segments WHEN resolving THEN it fails with empty-playlist', async () => {
			station.serve('/hls/none.m3u8', {
				contentType: 'application/vnd.apple.mpegurl',
				body: '#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXT-X-ENDLIST\n'
			});
			expect((await resolveError(station.url('/hls/none.m3u8'))).reason).to.equal('empty-playlist');
		});
	});

	describe('redirects', () => {
		before(() => {
			for (let hop = 1; hop <= 7; hop++) {
				const target = hop === 1 ? station.url('/sine.mp3') : `/hop${hop - 1}`;
				server.route(`/hop${hop}`, (_request, response) => response.writeHead(hop % 2 ? 302 : 301, { location: target }).end());
			}
		});

		it('GIVEN a chain of 3 redirects WHEN resolving THEN the final stream URL is returned with every hop in the chain', async () => {
			const stream = await resolveStream(server.url('/hop3'));
			expect([stream.url, stream.container]).to.deep.equal([station.url('/sine.mp3'), 'mp3']);
			expect(stream.chain).to.deep.equal([server.url('/hop3'), server.url('/hop2'), server.url('/hop1')]);
		});

		it('GIVEN 6 redirects WHEN resolving with the default limit of 5 THEN it fails with too-many-redirects', async () => {
			expect((await resolveError(server.url('/hop6'))).reason).to.equal('too-many-redirects');
			expect((await resolveStream(server.url('/hop5'))).url).to.equal(station.url('/sine.mp3'));
		});
	});

	describe('failures', () => {
		it('GIVEN a server that sends headers and then nothing WHEN resolving THEN it fails with timeout', async () => {
			server.route('/stalled.mp3', (_request, response) => response.writeHead(200, { 'content-type': 'audio/mpeg' }).flushHeaders());
			const error = await resolveError(server.url('/stalled.mp3'), { timeoutMs: 500 });
			expect(error.reason).to.equal('timeout');
		});

		it('GIVEN a server that never answers WHEN resolving THEN it fails with timeout', async () => {
			station.stall('/sine.mp3', true);
			try {
				expect((await resolveError(station.url('/sine.mp3'), { timeoutMs: 500 })).reason).to.equal('timeout');
			} finally {
				station.stall('/sine.mp3', false);
			}
		});

		it('GIVEN an HTML page WHEN resolving THEN it fails with not-audio', async () => {
			station.serve('/page', { contentType: 'text/html; charset=utf-8', body: '<!DOCTYPE html><html><body>Listen live!</body></html>' });
			const error = await resolveError(station.url('/page'));
			expect([error.reason, error.message]).to.deep.equal([
				'not-audio',
				`${station.url('/page')} is a web page (text/html), not an audio stream.`
			]);
		});

		it('GIVEN plain text that is no playlist WHEN resolving THEN it fails with not-audio', async () => {
			station.serve('/text', { contentType: 'text/plain', body: 'This station has moved, see our website.\n' });
			expect((await resolveError(station.url('/text'))).reason).to.equal('not-audio');
		});

		it('GIVEN a 404 WHEN resolving THEN it fails with http-status and says 404', async () => {
			const error = await resolveError(station.url('/nothing-here.mp3'));
			expect(error.reason).to.equal('http-status');
			expect(error.message).to.contain('404');
		});

		it('GIVEN nothing listening WHEN resolving THEN it fails with unreachable', async () => {
			expect((await resolveError(dead)).reason).to.equal('unreachable');
		});

		it('GIVEN a non-http URL WHEN resolving THEN it fails with bad-url without any request', async () => {
			expect((await resolveError('ftp://127.0.0.1/radio.mp3')).reason).to.equal('bad-url');
			expect((await resolveError('not a url')).reason).to.equal('bad-url');
		});

		it('GIVEN checkUrl refuses a playlist entry WHEN resolving THEN that entry fails and the next one plays', async () => {
			station.serve('/refused-first.m3u', {
				contentType: 'audio/x-mpegurl',
				body: `${station.url('/tone.opus')}\n${station.url('/tone.aac')}\n`
			});
			const checkUrl = (url: URL) => {
				if (url.pathname === '/tone.opus') throw new StreamResolveError('bad-url', 'refused', url.href);
			};
			expect((await resolveStream(station.url('/refused-first.m3u'), { checkUrl })).container).to.equal('aac');
		});

		it('GIVEN the caller aborts WHEN resolving THEN the abort reason is thrown, not a stream error', async () => {
			server.route('/slow', (_request, response) => response.writeHead(200, { 'content-type': 'audio/mpeg' }).flushHeaders());
			const controller = new AbortController();
			setTimeout(() => controller.abort(new Error('user went away')), 100);
			const error = await resolveStream(server.url('/slow'), { signal: controller.signal, timeoutMs: 5000 }).catch((caught: unknown) => caught);
			expect(error).to.be.instanceOf(Error).with.property('message', 'user went away');
		});
	});
});
