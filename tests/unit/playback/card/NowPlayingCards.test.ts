import { fetchT } from '@sapphire/plugin-i18next';
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { renderMessage, RestFault, type EmulatedChannel, type EmulatedGuild } from '#emulator/index';
import type { Station } from '#lib/config/types';
import { NowPlayingCards, type CardServices } from '#lib/playback/card/NowPlayingCards';
import { failoverNotice } from '#lib/playback/failover';
import { openSettingsStore, type OpenedSettingsStore } from '#lib/settings/openSettingsStore';
import { StationCatalog } from '#lib/stations/catalog/StationCatalog';
import type { GuildSession } from '#lib/voice/VoiceService';
import { installBotI18n, type BotI18n } from '#support/botI18n';
import { InteractionWorld } from '#support/InteractionWorld';

const tone: Station = {
	id: 'tone-fm',
	name: 'Tone FM [*bold*](https://evil.example)',
	url: 'http://radio.example/tone',
	aliases: [],
	bitrate: 128,
	format: 'MP3',
	description: '',
	logo: 'https://radio.example/tone.png',
	fallback: ['spare-fm']
};
const spare: Station = { ...tone, id: 'spare-fm', name: 'Spare FM', logo: undefined, fallback: undefined };
const catalog = new StationCatalog([tone, spare, { ...spare, id: 'other-fm', name: 'Other FM' }]);

describe('NowPlayingCards: the now-playing card through a real discord.js client on the emulator', () => {
	let world: InteractionWorld;
	let i18n: BotI18n;
	let directory: string;
	let settings: OpenedSettingsStore;
	let guild: EmulatedGuild;
	let radio: EmulatedChannel;
	let lounge: EmulatedChannel;
	let cards: NowPlayingCards;
	const sessions = new Map<string, GuildSession>();
	let title: string | null = null;
	const changed: string[] = [];
	const logged: Record<string, unknown>[] = [];
	const logger = pino({ level: 'debug' }, { write: (line: string) => void logged.push(JSON.parse(line)) });

	const services = (intervalMs: number): CardServices => ({
		guild: (guildId) => world.client.guilds.cache.get(guildId),
		settings,
		tFor: (target) => fetchT(target),
		voice: {
			sessionFor: (guildId) => sessions.get(guildId) ?? null,
			nowPlaying: () => (title === null ? null : ({ title, since: new Date(), source: 'icy' } as never))
		},
		stations: () => Promise.resolve(catalog),
		notices: {
			guild: (guildId) => world.client.guilds.cache.get(guildId),
			settings,
			tFor: (target) => fetchT(target),
			rest: world.client.rest,
			logger
		},
		mentions: world.mentions,
		onCardChanged: (guildId) => changed.push(`${guildId}:${cards.refOf(guildId)?.messageId ?? 'none'}`),
		intervalMs,
		logger
	});
	const start = (station: Station = tone): GuildSession => {
		const session: GuildSession = {
			guildId: guild.id,
			channelId: lounge.id,
			station,
			volume: 100,
			textChannelId: radio.id,
			since: new Date(1_700_000_000_000)
		};
		sessions.set(guild.id, session);
		cards.sessionChanged(session);
		return session;
	};
	const edits = () => world.emu.requests.filter((request) => request.method === 'PATCH' && request.path.includes('/messages/'));
	const posts = () => world.emu.requests.filter((request) => request.method === 'POST' && request.path === `/channels/${radio.id}/messages`);

	before(async () => {
		directory = mkdtempSync(join(tmpdir(), 'alastor-cards-'));
		settings = await openSettingsStore({ sqlitePath: join(directory, 'settings.sqlite') });
		i18n = await installBotI18n(async (guildId) => (await settings.guild(guildId)).language);
		world = await InteractionWorld.start({
			commands: [{ name: 'radio', description: 'Radio', options: [{ type: 1, name: 'play', description: 'Play' }] }]
		});
	});

	beforeEach(async () => {
		guild = await world.createGuild({ name: 'Cards', preferredLocale: 'en-US' });
		radio = guild.addTextChannel('radio');
		lounge = guild.addVoiceChannel('lounge');
		await world.until(() => world.guild(guild).channels.cache.has(lounge.id), 'the client to see the channels');
		sessions.clear();
		title = 'Artist - Song';
		changed.length = 0;
		logged.length = 0;
	});

	afterEach(() => cards?.dispose());

	after(async () => {
		i18n?.uninstall();
		await world?.stop();
		await settings?.close();
		rmSync(directory, { recursive: true, force: true });
	});

	it('GIVEN a server in German WHEN its radio starts THEN a card is posted where play was issued, in German, with logo, song, stream, volume and controls, and saved with the session', async () => {
		await settings.updateGuild(guild.id, { language: 'de' });
		cards = new NowPlayingCards(services(60_000));
		start();
		await cards.flush();
		const [card] = radio.messages;
		const text = renderMessage(card!);
		expect(radio.messages).to.have.lengthOf(1);
		expect(text).to.include('Jetzt läuft').and.include('Artist - Song').and.include('128 kbps MP3').and.include('100 %');
		expect(text, 'the station name is data, not a link').to.include('\\[\\*bold\\*\\]\\(https://evil.example\\)');
		expect(card!.embeds[0].thumbnail.url).to.equal('https://radio.example/tone.png');
		const buttons = card!.components[0].components.map((button: { custom_id: string; label: string; disabled?: boolean }) => [
			button.custom_id,
			button.label,
			Boolean(button.disabled)
		]);
		expect(buttons).to.deep.equal([
			['radio-card:stop', 'Stopp', false],
			['radio-card:quieter', 'Leiser', false],
			['radio-card:louder', 'Lauter', false]
		]);
		const menu = card!.components[1].components[0];
		expect(menu.custom_id).to.equal('radio-card-switch');
		expect(menu.options.map((option: { value: string }) => option.value)).to.deep.equal(['spare-fm', 'other-fm']);
		expect(changed).to.deep.equal([`${guild.id}:${card!.id}`]);
		expect(cards.refOf(guild.id)).to.deep.equal({ channelId: radio.id, messageId: card!.id });
	});

	it('GIVEN cards turned off for the server WHEN its radio starts THEN no card is posted, and a failover is told as a notice instead', async () => {
		await settings.updateGuild(guild.id, { nowPlayingCard: false });
		cards = new NowPlayingCards(services(60_000));
		const session = start(spare);
		await cards.flush();
		expect(radio.messages).to.have.lengthOf(0);
		await cards.announce({ ...session, failoverFrom: tone }, failoverNotice(session, tone));
		expect(radio.messages.map((message) => message.content as string)).to.deep.equal([
			'⚠️ **Tone FM \\[\\*bold\\*\\]\\(https://evil.example\\)** stopped sending audio, so I switched to **Spare FM**.'
		]);
	});

	it('GIVEN a live card WHEN the title changes 200 times within the edit interval THEN one edit is made at once and the rest wait for the interval, the latest winning', async () => {
		cards = new NowPlayingCards(services(60_000));
		start();
		await cards.flush();
		const before = edits().length;
		for (let index = 1; index <= 200; index++) {
			title = `Flood ${index}`;
			cards.refresh(guild.id);
		}
		await cards.flush();
		expect(edits().length - before).to.equal(1);
		expect(renderMessage(radio.messages[0]!)).to.include('Flood 200');
	});

	it('GIVEN a short interval WHEN titles keep changing THEN the card ends on the latest title', async () => {
		cards = new NowPlayingCards(services(50));
		start();
		await cards.flush();
		for (let index = 1; index <= 20; index++) {
			title = `Song ${index}`;
			cards.refresh(guild.id);
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		await new Promise((resolve) => setTimeout(resolve, 150));
		await cards.flush();
		expect(renderMessage(radio.messages[0]!)).to.include('Song 20');
	});

	it('GIVEN a card whose message was deleted WHEN it is edited THEN the card is dropped once, logged and saved without it, and never edited again', async () => {
		cards = new NowPlayingCards(services(0));
		start();
		await cards.flush();
		radio.messages.length = 0;
		const before = edits().length;
		cards.refresh(guild.id);
		await cards.flush();
		for (let index = 0; index < 5; index++) cards.refresh(guild.id);
		await cards.flush();
		expect(edits().length - before).to.equal(1);
		expect(cards.refOf(guild.id)).to.equal(null);
		expect(changed.at(-1)).to.equal(`${guild.id}:none`);
		expect(logged.filter((line) => line.msg === 'now-playing card dropped: its message or channel is gone')).to.have.lengthOf(1);
	});

	it('GIVEN Discord answers an edit with server errors WHEN edited THEN it is logged, not thrown, the card is kept, and the next change edits it', async () => {
		cards = new NowPlayingCards(services(0));
		start();
		await cards.flush();
		const fault = world.emu.rest.inject({ method: 'PATCH', path: /\/messages\//, response: RestFault.serverError(503), times: 10 });
		title = 'Not Shown';
		cards.refresh(guild.id);
		await cards.flush();
		fault.remove();
		expect(fault.hits.length).to.be.greaterThan(0);
		expect(logged.filter((line) => line.msg === 'now-playing card not edited')).to.have.lengthOf(1);
		expect(cards.refOf(guild.id)).to.deep.equal({ channelId: radio.id, messageId: radio.messages[0]!.id });
		title = 'Shown Again';
		cards.refresh(guild.id);
		await cards.flush();
		expect(renderMessage(radio.messages[0]!)).to.include('Shown Again');
	});

	it('GIVEN the bot lost the permission to edit in the card’s channel WHEN edited THEN the card is dropped, not retried', async () => {
		cards = new NowPlayingCards(services(0));
		start();
		await cards.flush();
		const fault = world.emu.rest.inject({ method: 'PATCH', path: /\/messages\//, response: RestFault.missingPermissions(), times: 5 });
		for (let index = 0; index < 3; index++) {
			cards.refresh(guild.id);
			await cards.flush();
		}
		fault.remove();
		expect(fault.hits).to.have.lengthOf(1);
		expect(cards.refOf(guild.id)).to.equal(null);
	});

	it('GIVEN the radio stops WHEN the card is finished THEN it shows what played, without controls; a shutdown leaves it as it was', async () => {
		cards = new NowPlayingCards(services(60_000));
		const session = start();
		await cards.flush();
		sessions.delete(guild.id);
		cards.ended(session, 'stopped');
		await cards.flush();
		const [card] = radio.messages;
		expect(card!.components).to.deep.equal([]);
		expect(renderMessage(card!)).to.include('played in').and.include('Start the radio again with');

		const next = start(spare);
		await cards.flush();
		const before = edits().length;
		sessions.delete(guild.id);
		cards.ended(next, 'shutdown');
		await cards.flush();
		expect(edits().length).to.equal(before);
		expect(radio.messages).to.have.lengthOf(2);
	});

	it('GIVEN a card from before a restart WHEN the resumed session starts THEN that message is edited, and no new one is posted', async () => {
		cards = new NowPlayingCards(services(60_000));
		start();
		await cards.flush();
		const [card] = radio.messages;
		cards.dispose();

		cards = new NowPlayingCards(services(60_000));
		cards.adopt(guild.id, { channelId: radio.id, messageId: card!.id });
		title = 'After The Restart';
		const postsBefore = posts().length;
		start();
		await cards.flush();
		expect(posts().length).to.equal(postsBefore);
		expect(radio.messages).to.have.lengthOf(1);
		expect(renderMessage(radio.messages[0]!)).to.include('After The Restart');
	});
});
