import { expect } from 'chai';
import { renderMessage } from '#emulator/index';
import { RadioWorld } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';

describe('GIVEN a station that announces its songs over ICY', () => {
	let world: RadioWorld;

	before(async () => {
		world = await RadioWorld.start({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440, title: 'Artist One - First Song' }]
		});
		await world.play(world.guilds[0]!, 'sine');
	});

	after(() => world?.stop());

	const infoText = async () => renderMessage(await (await world.guilds[0]!.member.run('radio info', {})).message());
	const historyText = async () => renderMessage(await (await world.guilds[0]!.member.run('radio history', {})).message());

	it('WHEN playing THEN /radio info shows the station, the current song, the stream badge and the listener count', async () => {
		const text = await waitFor(
			async () => ((await infoText()).includes('Artist One - First Song') ? infoText() : null),
			'the first title',
			10_000,
			500
		);
		expect(text).to.include('Test Tone');
		expect(text).to.include('128 kbps MP3');
		expect(text).to.match(/1 in the channel/);
	});

	it('WHEN the station changes its title THEN /radio info and /radio history show it within 10 s, and the voice channel status follows', async () => {
		world.station.setTitle('/sine.mp3', 'Artist Two - Second Song');
		await waitFor(async () => (await infoText()).includes('Artist Two - Second Song'), '/radio info to show the new title', 10_000, 500);
		const history = await historyText();
		expect(history.indexOf('Artist Two - Second Song')).to.be.lessThan(history.indexOf('Artist One - First Song'));
		expect(history.indexOf('Artist One - First Song')).to.be.greaterThan(-1);
		const { guild, lounge } = world.guilds[0]!;
		// A channel's status changes at most once per voice.status_interval_seconds (15 s), and the first title set it moments ago.
		await waitFor(() => guild.voiceChannelStatus(lounge.id)?.includes('Second Song'), 'the voice channel status', 20_000);
		expect(guild.voiceChannelStatus(lounge.id)).to.equal('📻 Test Tone — Artist Two - Second Song');
	});
});
