import { expect } from 'chai';
import { renderMessage } from '#emulator/index';
import { en, enPattern } from '#support/en';
import { RadioWorld } from '#support/RadioWorld';
import { deadUrl } from '#support/streamFixtures';
import { ensureInVoice } from '#support/worldState';

type Json = Record<string, any>;

/** Every component custom id of a message, in order. */
function customIds(message: Json): string[] {
	return (message.components ?? []).flatMap((row: Json) => (row.components ?? []).map((component: Json) => component.custom_id as string));
}

/** The reply of a station that started playing in `channel` (whichever station was picked). */
const nowPlayingIn = (channel: { id: string }) => enPattern('commands/radio:playNowPlaying', { station: /[^*]+/, channel: `<#${channel.id}>` });

describe('GIVEN a catalog of 13 stations, one of them down', () => {
	let world: RadioWorld;

	before(async () => {
		world = await RadioWorld.start({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }],
			extraStations: async (station) => ({
				'Broken Radio': { url: await deadUrl(), alias: 'broken' },
				...Object.fromEntries(
					Array.from({ length: 11 }, (_, index) => [
						`Mirror ${String(index + 1).padStart(2, '0')}`,
						{ url: station.url('/sine.mp3'), alias: `mirror${index + 1}` }
					])
				)
			})
		});
	});

	after(() => world?.stop());

	it('WHEN typing in the station option THEN autocomplete ranks the exact alias first, labelled with its badge', async () => {
		const choices = await world.guilds[0]!.member.autocomplete('radio play', { station: 'mirror7' }, 'station');
		expect(choices[0]).to.deep.equal({ name: 'Mirror 07 · 128 kbps MP3', value: 'mirror-07' });
		expect(choices.length).to.be.within(1, 25);
	});

	it('WHEN /radio list is browsed THEN it shows 10 per page with page x/y, Next leads to page 2, and its menu plays the chosen station', async () => {
		const { member, guild, lounge } = world.guilds[0]!;
		await ensureInVoice(member, lounge);
		const reply = await member.run('radio list', {});
		const first = await reply.message();
		expect(reply.ephemeral).to.equal(true);
		const firstText = renderMessage(first);
		expect(firstText).to.include(en('commands/radio:listFooter', { page: 1, pages: 2, count: 13 }));
		expect(firstText.match(/· 128 kbps MP3/g)).to.have.lengthOf.at.least(10);

		const next = customIds(first).find((id) => id.startsWith('radio-list:next:'))!;
		const page2 = await (await member.clickButton(first, next)).message();
		expect(renderMessage(page2)).to.include(en('commands/radio:listFooter', { page: 2, pages: 2, count: 13 }));

		const chosen = await (await member.selectMenu(page2, 'radio-list-select', ['mirror-11'])).message();
		expect(renderMessage(chosen)).to.include(en('commands/radio:playNowPlaying', { station: 'Mirror 11', channel: `<#${lounge.id}>` }));
		const audio = await (await world.emu.waitForVoice(guild, 20_000)).capture(1_500);
		expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
	});

	it('WHEN a misspelt station is asked for THEN up to three suggestions come as buttons, and one plays when clicked', async () => {
		const { member, lounge } = world.guilds[0]!;
		await ensureInVoice(member, lounge);
		const reply = await member.run('radio play', { station: 'tset tone' });
		const message = await reply.message();
		expect(reply.ephemeral).to.equal(true);
		const buttons = customIds(message);
		expect(buttons.length).to.be.within(1, 3);
		const played = await (await member.clickButton(message, buttons[0]!)).message();
		expect(renderMessage(played)).to.match(nowPlayingIn(lounge));
	});

	it('WHEN a station is down THEN the user reads why, with a Retry button and three alternatives, and an alternative plays', async () => {
		const { member, lounge } = world.guilds[0]!;
		await ensureInVoice(member, lounge);
		const reply = await member.run('radio play', { station: 'broken' });
		const message = await reply.message();
		const text = renderMessage(message);
		expect(text).to.include(en('commands/radio:preflightFailed', { station: 'Broken Radio', reason: en('stream:unreachable') }));
		const buttons = customIds(message);
		expect(buttons[0]).to.equal('radio-play:broken-radio');
		expect(buttons.slice(1)).to.have.lengthOf(3);
		expect(text).to.include(`[🔁 ${en('commands/radio:retry')}]`);
		const played = await (await member.clickButton(message, buttons[1]!)).message();
		expect(renderMessage(played)).to.match(nowPlayingIn(lounge));
	});
});

describe('GIVEN a member who keeps clicking a station button', () => {
	let world: RadioWorld;

	before(async () => {
		world = await RadioWorld.start({ stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }] });
	});

	after(() => world?.stop());

	it('WHEN the sixth playback change within 30 s comes from a button THEN it is refused with the time to try again', async () => {
		const { member, lounge } = world.guilds[0]!;
		await ensureInVoice(member, lounge);
		// A typo'd station changes nothing, so the command gives its change back: five clicks spend the budget of five.
		const suggestions = await (await member.run('radio play', { station: 'tset tone' })).message();
		const button = customIds(suggestions)[0]!;
		for (let click = 1; click <= 5; click++) {
			expect(renderMessage(await (await member.clickButton(suggestions, button)).message())).to.match(nowPlayingIn(lounge));
		}
		const refused = await member.clickButton(suggestions, button);
		const text = renderMessage(await refused.message());
		expect(refused.ephemeral).to.equal(true);
		expect(text).to.match(enPattern('preconditions:rateLimited', { retry: /<t:\d+:R>/ }));
	});
});
