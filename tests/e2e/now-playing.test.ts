import { expect } from 'chai';
import { renderMessage } from '#emulator/index';
import { en } from '#support/en';
import { RadioWorld } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';
import { embedField, ensurePlaying } from '#support/worldState';

const firstSong = 'Artist One - First Song';

describe('GIVEN a station that announces its songs over ICY', () => {
	let world: RadioWorld;

	before(async () => {
		world = await RadioWorld.start({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440, title: firstSong }]
		});
	});

	after(() => world?.stop());

	const info = async () => (await world.guilds[0]!.member.run('radio info', {})).message();
	const infoText = async () => renderMessage(await info());
	const historyText = async () => renderMessage(await (await world.guilds[0]!.member.run('radio history', {})).message());

	/** The radio plays and /radio info shows the station's first song (the title the station started with). */
	async function playingTheFirstSong() {
		await ensurePlaying(world, world.guilds[0]!, 'sine');
		world.station.setTitle('/sine.mp3', firstSong);
		return waitFor(
			async () => {
				const message = await info();
				return renderMessage(message).includes(firstSong) ? message : null;
			},
			'the first title',
			10_000,
			500
		);
	}

	it('WHEN playing THEN /radio info shows the station, the current song, the stream badge and the listener count', async () => {
		const message = await playingTheFirstSong();
		const text = renderMessage(message);
		expect(text).to.include('Test Tone');
		expect(text).to.include('128 kbps MP3');
		expect(embedField(message, en('commands/radio:infoListeners'))).to.equal(en('commands/radio:infoListenersValue', { count: 1 }));
	});

	it('WHEN the station changes its title THEN /radio info and /radio history show it within 10 s, and the voice channel status follows', async () => {
		await playingTheFirstSong();
		world.station.setTitle('/sine.mp3', 'Artist Two - Second Song');
		await waitFor(async () => (await infoText()).includes('Artist Two - Second Song'), '/radio info to show the new title', 10_000, 500);
		const history = await historyText();
		expect(history.indexOf('Artist Two - Second Song')).to.be.lessThan(history.indexOf(firstSong));
		expect(history.indexOf(firstSong)).to.be.greaterThan(-1);
		const { guild, lounge } = world.guilds[0]!;
		// A channel's status changes at most once per voice.status_interval_seconds (15 s), and the first title set it moments ago.
		await waitFor(() => guild.voiceChannelStatus(lounge.id)?.includes('Second Song'), 'the voice channel status', 20_000);
		expect(guild.voiceChannelStatus(lounge.id)).to.equal('📻 Test Tone — Artist Two - Second Song');
	});
});
