import { expect } from 'chai';
import { renderMessage } from '#emulator/index';
import { ChainedOggStation } from '#support/ChainedOggStation';
import { Id3HlsStation } from '#support/Id3HlsStation';
import { IcyV1Server } from '#support/IcyV1Server';
import { fixturePath, LoopStation } from '#support/LoopStation';
import { ownProcessesWithMarker } from '#support/ownProcesses';
import { RadioWorld, type WorldGuild } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';

/**
 * Stations as real servers send them, each played by the real bot through the emulator: it must hear the station's tone
 * and follow its song title as it changes (in /radio info and /radio history).
 */
describe('GIVEN real kinds of stations: SHOUTcast v1 (ICY 200 OK), HE-AAC v1 and v2 as audio/aacp, chained Ogg/Opus, HLS with ID3 titles', () => {
	let world: RadioWorld;
	let v1: IcyV1Server;
	let heAac: LoopStation;
	let heAacV2: LoopStation;
	let ogg: ChainedOggStation;
	let hls: Id3HlsStation;

	before(async () => {
		[heAac, heAacV2, ogg, hls] = await Promise.all([
			LoopStation.start({ file: fixturePath('he-aac-v1-523hz.aac'), seconds: 8, contentType: 'audio/aacp', title: 'AACP Artist - First Plus' }),
			LoopStation.start({ file: fixturePath('he-aac-v2-587hz.aac'), seconds: 8, contentType: 'audio/aacp', title: 'PS Artist - First Stereo' }),
			ChainedOggStation.start({ frequency: 660, songSeconds: 3, artist: 'Ogg Artist', title: 'First Chain' }),
			Id3HlsStation.start({ frequency: 880, artist: 'HLS Artist', title: 'First Segment' })
		]);
		world = await RadioWorld.start({
			stations: [{ name: 'V1 Source', alias: 'v1src', path: '/v1.mp3', frequency: 494, title: 'V1 Artist - First Song' }],
			guilds: 5,
			extraStations: async (station) => {
				v1 = await IcyV1Server.start({ upstream: station.url('/v1.mp3') });
				return {
					'Shoutcast One': { url: v1.url(), alias: 'v1', format: 'MP3' },
					'Plus Radio': { url: heAac.url(), alias: 'aacp', format: 'AAC' },
					'Plus Stereo': { url: heAacV2.url(), alias: 'aacp2', format: 'AAC' },
					'Chained Ogg': { url: ogg.url(), alias: 'chained', format: 'OPUS' },
					'ID3 HLS': { url: hls.url, alias: 'id3hls', format: 'HLS' }
				};
			}
		});
	});

	after(async () => {
		await world?.stop();
		await Promise.all([v1?.stop(), heAac?.stop(), heAacV2?.stop(), ogg?.stop(), hls?.stop()]);
	});

	const infoText = async ({ member }: WorldGuild) => renderMessage(await (await member.run('radio info', {})).message());
	const historyText = async ({ member }: WorldGuild) => renderMessage(await (await member.run('radio history', {})).message());
	const waitForTitle = (guild: WorldGuild, title: string) =>
		waitFor(async () => (await infoText(guild)).includes(title), `/radio info to show "${title}"`, 20_000, 500);

	async function playsAndFollowsTitles(index: number, alias: string, frequency: number, first: string, second: string, change: () => void) {
		const guild = world.guilds[index]!;
		const session = await world.play(guild, alias);
		const audio = await session.capture(2_000);
		expect(audio.seconds).to.be.at.least(1.5);
		expect(audio.dominantFrequency()).to.be.closeTo(frequency, frequency * 0.02);
		await waitForTitle(guild, first);
		change();
		await waitForTitle(guild, second);
		const history = await historyText(guild);
		expect(history.indexOf(second)).to.be.greaterThan(-1);
		expect(history.indexOf(second)).to.be.lessThan(history.indexOf(first));
		// Stopped, the station's ffmpeg ends (its connection, handed on by the preflight and read for titles, with it); two
		// cores: the next station's test should not share them with this one's ffmpeg.
		await (await guild.member.run('radio stop', {})).message();
		await waitFor(() => ownProcessesWithMarker('alastor-station=').length === 0, 'the stopped station’s ffmpeg to end');
	}

	it('WHEN a SHOUTcast v1 server (ICY 200 OK) is played THEN its 494 Hz tone plays and its ICY title changes reach /radio info and history', async () => {
		await playsAndFollowsTitles(0, 'v1', 494, 'V1 Artist - First Song', 'V1 Artist - Second Song', () =>
			world.station.setTitle('/v1.mp3', 'V1 Artist - Second Song')
		);
		expect(v1.requests[0]).to.match(/^icy-metadata: 1$/im);
	});

	it('WHEN an audio/aacp HE-AAC (SBR) station is played THEN its 523 Hz tone plays and its title changes are followed', async () => {
		await playsAndFollowsTitles(1, 'aacp', 523, 'AACP Artist - First Plus', 'AACP Artist - Second Plus', () => {
			heAac.title = 'AACP Artist - Second Plus';
		});
	});

	it('WHEN an audio/aacp HE-AAC v2 (SBR + parametric stereo) station is played THEN its 587 Hz tone plays and its title changes are followed', async () => {
		await playsAndFollowsTitles(2, 'aacp2', 587, 'PS Artist - First Stereo', 'PS Artist - Second Stereo', () => {
			heAacV2.title = 'PS Artist - Second Stereo';
		});
	});

	it('WHEN an Ogg/Opus station changes its song by chaining a new logical stream THEN its 660 Hz tone plays and each new stream’s title is followed', async () => {
		await playsAndFollowsTitles(3, 'chained', 660, 'Ogg Artist - First Chain', 'Ogg Artist - Second Chain', () => {
			ogg.title = 'Second Chain';
		});
	});

	it('WHEN an HLS station sends its titles as ID3 in its segments THEN its 880 Hz tone plays and the ID3 title changes are followed', async () => {
		await playsAndFollowsTitles(4, 'id3hls', 880, 'HLS Artist - First Segment', 'HLS Artist - Second Segment', () =>
			hls.setTitle('HLS Artist', 'Second Segment')
		);
	});
});
