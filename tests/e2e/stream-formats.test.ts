import { expect } from 'chai';
import { RadioWorld } from '#support/RadioWorld';
import { deadUrl, makeAudioFixtures, serveDirectory, type AudioFixtures } from '#support/streamFixtures';

describe('GIVEN stations behind a .pls whose first entry is dead, an .m3u, and an HLS stream made by ffmpeg', () => {
	let world: RadioWorld;
	let fixtures: AudioFixtures;

	before(async () => {
		fixtures = await makeAudioFixtures();
		world = await RadioWorld.start({
			stations: [{ name: 'Direct Tone', alias: 'direct', path: '/sine.mp3', frequency: 440 }],
			guilds: 3,
			extraStations: async (station) => {
				station.serve('/playlist.pls', {
					contentType: 'audio/x-scpls',
					body: `[playlist]\nFile1=${await deadUrl()}\nTitle1=Dead mirror\nFile2=${station.url('/sine.mp3')}\nTitle2=Live mirror\nNumberOfEntries=2\nVersion=2\n`
				});
				station.serve('/playlist.m3u', {
					contentType: 'audio/x-mpegurl',
					body: `#EXTM3U\n#EXTINF:-1,Test Tone\n${station.url('/sine.mp3')}\n`
				});
				serveDirectory(station, fixtures.hlsDirectory, '/hls/');
				return {
					'Playlist Tone': { url: station.url('/playlist.pls'), alias: 'pls' },
					'M3U Tone': { url: station.url('/playlist.m3u'), alias: 'm3u' },
					'HLS Tone': { url: station.url('/hls/audio.m3u8'), alias: 'hls', format: 'HLS' }
				};
			}
		});
	});

	after(async () => {
		await world?.stop();
		fixtures?.remove();
	});

	for (const [index, alias] of ['pls', 'm3u', 'hls'].entries()) {
		it(`WHEN the ${alias} station is played THEN the 440 Hz tone arrives`, async () => {
			const session = await world.play(world.guilds[index]!, alias);
			// The HLS fixture is 4 s long: a 2 s capture fits inside it.
			const audio = await session.capture(2_000);
			expect(audio.seconds).to.be.at.least(1.5);
			expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
		});
	}
});
