import { expect } from 'chai';
import { DefaultMemberPermissions, Permission, renderMessage, type EmulatedGuild } from '#emulator/index';
import type { Json } from '#emulator/model/types';
import { RadioWorld, type WorldGuild } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';

const AdminPermissions = DefaultMemberPermissions | Permission.ManageGuild;

/** The bot's now-playing card in `guild`'s default text channel (where the members run their commands). */
function cardIn(guild: EmulatedGuild): Json | undefined {
	return guild
		.channelMessages(guild.defaultTextChannel.id)
		.find(
			(message) =>
				JSON.stringify(message.components ?? []).includes('radio-card:stop') || JSON.stringify(message.embeds ?? []).includes('played in')
		);
}

function messageById(guild: EmulatedGuild, id: string): Json {
	return guild.channelMessages(guild.defaultTextChannel.id).find((message) => message.id === id)!;
}

describe('GIVEN three servers, each with its own station that announces its songs', () => {
	let world: RadioWorld;

	before(async () => {
		world = await RadioWorld.start({
			stations: [
				{
					name: 'Alpha Tone',
					alias: 'alpha',
					path: '/alpha.mp3',
					frequency: 440,
					title: 'Alpha Artist - First',
					logo: 'https://radio.example/alpha.png'
				},
				{ name: 'Beta Tone', alias: 'beta', path: '/beta.mp3', frequency: 550, title: 'Beta Artist - First' },
				{ name: 'Gamma Tone', alias: 'gamma', path: '/gamma.mp3', frequency: 660, title: 'Gamma Artist - First' }
			],
			guilds: 3
		});
	});

	after(() => world?.stop());

	/** Plays `alias` in the server and returns its card once it shows the station's first song. */
	async function playWithCard(where: WorldGuild, alias: string, firstTitle: string): Promise<Json> {
		await world.play(where, alias);
		return waitFor(
			() => {
				const card = cardIn(where.guild);
				return card && renderMessage(card).includes(firstTitle) ? card : null;
			},
			'the now-playing card with the first song',
			15_000,
			200
		);
	}

	it('WHEN /radio play starts a station THEN a public card shows it with its logo, and a title change edits the same card within 10 s', async () => {
		const where = world.guilds[0]!;
		const card = await playWithCard(where, 'alpha', 'Alpha Artist - First');
		expect((card.flags ?? 0) & 64, 'the card is public').to.equal(0);
		const text = renderMessage(card);
		expect(text).to.include('Now playing **Alpha Tone**').and.include('128 kbps MP3').and.include('1 in the channel').and.include('100 %');
		expect(card.embeds[0].thumbnail?.url).to.equal('https://radio.example/alpha.png');

		world.station.setTitle('/alpha.mp3', 'Alpha Artist - Second');
		await waitFor(
			() => renderMessage(messageById(where.guild, card.id)).includes('Alpha Artist - Second'),
			'the card to show the new song',
			10_000,
			200
		);
		expect(
			where.guild.channelMessages(where.guild.defaultTextChannel.id).filter((message) => message.author?.id === world.emu.botUser.id)
		).to.have.lengthOf(1);
	});

	it('WHEN a DJ role is set THEN the card’s Volume and Stop work for a DJ and are refused for anyone else, privately', async () => {
		const where = world.guilds[1]!;
		const { guild, lounge, member } = where;
		const admin = guild.addMember({ username: 'cardAdmin', permissions: AdminPermissions });
		const djs = guild.addRole({ name: 'DJs', permissions: DefaultMemberPermissions });
		const dj = guild.addMember({ username: 'cardDj', roles: [djs.id] });
		await dj.joinVoice(lounge);
		await (await admin.run('setup dj', { role: djs.id })).message();
		const card = await playWithCard({ ...where, member: admin }, 'beta', 'Beta Artist - First');
		const denial = `Only DJs can control the radio here: you need the <@&${djs.id}> role (or the Manage Server permission).`;

		for (const button of ['radio-card:quieter', 'radio-card:louder', 'radio-card:stop']) {
			const refused = await member.clickButton(card, button);
			expect(refused.ephemeral, button).to.equal(true);
			expect((await refused.message()).content, button).to.equal(denial);
		}
		expect(world.emu.voice(guild), 'a refused Stop leaves the radio on').to.not.equal(undefined);

		const quieter = await dj.clickButton(card, 'radio-card:quieter');
		expect(quieter.ephemeral).to.equal(true);
		expect(renderMessage(await quieter.message())).to.include('Volume set to **95 %**');
		await waitFor(() => renderMessage(messageById(guild, card.id)).includes('95 %'), 'the card to show 95 %', 10_000, 200);

		const stopped = await dj.clickButton(messageById(guild, card.id), 'radio-card:stop');
		expect(stopped.ephemeral).to.equal(true);
		expect((await stopped.message()).content).to.include('Stopped **Beta Tone**');
		await waitFor(() => !guild.voiceStates.get(world.emu.botUser.id)?.channelId, 'the bot to leave', 10_000);
		const final = await waitFor(
			() => {
				const message = messageById(guild, card.id);
				return (message.components ?? []).length === 0 ? message : null;
			},
			'the card’s final state',
			10_000,
			200
		);
		expect(renderMessage(final)).to.include('**Beta Tone** played in').and.include('Start the radio again with');
	});

	it('WHEN the bot is SIGKILLed and started again THEN the resumed session keeps editing the same card, and posts no new one', async () => {
		const where = world.guilds[2]!;
		const card = await playWithCard(where, 'gamma', 'Gamma Artist - First');
		const botMessages = () =>
			where.guild.channelMessages(where.guild.defaultTextChannel.id).filter((message) => message.author?.id === world.emu.botUser.id);
		const before = botMessages().length;
		// The card is saved with the session in the background: wait until the record has it.
		await waitFor(
			async () => (await world.withSettings((store) => store.listSessions())).some((record) => record.card?.messageId === card.id),
			'the card to be saved with the session',
			10_000,
			200
		);

		await world.restartBot({ signal: 'SIGKILL' });
		await world.emu.waitForVoice(where.guild, 20_000);
		world.station.setTitle('/gamma.mp3', 'Gamma Artist - After Restart');
		await waitFor(
			() => renderMessage(messageById(where.guild, card.id)).includes('Gamma Artist - After Restart'),
			'the same card to show the song after the restart',
			20_000,
			200
		);
		expect(botMessages()).to.have.lengthOf(before);
	});
});
