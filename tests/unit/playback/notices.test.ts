import { fetchT, type TFunction } from '@sapphire/plugin-i18next';
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Permission, RestFault, type EmulatedChannel, type EmulatedGuild } from '#emulator/index';
import type { Station } from '#lib/config/types';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { postNotice, setVoiceStatus, type NoticeServices } from '#lib/playback/notices';
import { openSettingsStore, type OpenedSettingsStore } from '#lib/settings/openSettingsStore';
import type { SettingsStore } from '#lib/settings/types';
import type { GuildSession } from '#lib/voice/VoiceService';
import { installBotI18n, type BotI18n } from '#support/botI18n';
import { InteractionWorld } from '#support/InteractionWorld';

const station = { id: 'tone-fm', name: 'Tone FM' } as Station;

/** One server as a notice sees it: where play was issued, where notices go, a channel the bot may not write in, two voice channels. */
interface NoticeGuild {
	readonly guild: EmulatedGuild;
	readonly radio: EmulatedChannel;
	readonly notices: EmulatedChannel;
	readonly readOnly: EmulatedChannel;
	readonly lounge: EmulatedChannel;
	/** The bot may not set the status here. */
	readonly quiet: EmulatedChannel;
}

describe('notices and voice channel statuses (postNotice, setVoiceStatus) through a real discord.js client on the emulator', () => {
	let world: InteractionWorld;
	let i18n: BotI18n;
	let directory: string;
	let working: OpenedSettingsStore;
	/** A real SQLite store that was closed: every read throws SettingsStoreError, as during a storage outage. */
	let outage: SettingsStore;
	let settings: SettingsStore;
	let home: NoticeGuild;
	let paris: NoticeGuild;
	const logged: Record<string, unknown>[] = [];
	const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) });

	/** As the bot wires them (setup/playback.ts): the client's guilds, the settings, `fetchT` and the client's REST. */
	const services = (): NoticeServices => ({
		guild: (guildId) => world.client.guilds.cache.get(guildId),
		settings,
		tFor: (guild) => fetchT(guild),
		rest: world.client.rest,
		logger
	});
	const sessionIn = (where: NoticeGuild, textChannelId: string | null = where.radio.id, channel = where.lounge): GuildSession => ({
		guildId: where.guild.id,
		channelId: channel.id,
		station,
		volume: 100,
		textChannelId,
		since: new Date()
	});
	const idleLeft = (t: TFunction) => translate(t, Radio.NoticeIdleLeft, { channel: '<#1>', command: '`/radio play`' });
	const notice = (t: TFunction) => ({ content: idleLeft(t) });
	const inLanguage = (locale: string) => idleLeft(i18n.handler.getT(locale));
	const contents = (channel: EmulatedChannel) => channel.messages.map((message) => message.content as string);
	const statusRequests = () => world.emu.requests.filter((request) => request.method === 'PUT' && request.path.endsWith('/voice-status'));

	async function noticeGuild(name: string, preferredLocale: string): Promise<NoticeGuild> {
		const guild = await world.createGuild({ name, preferredLocale });
		const bot = world.emu.botUser.id;
		const created = {
			guild,
			radio: guild.addTextChannel('radio'),
			notices: guild.addTextChannel('notices'),
			readOnly: guild.addTextChannel('read-only', { permissionOverwrites: [{ id: bot, type: 1, allow: 0n, deny: Permission.SendMessages }] }),
			lounge: guild.addVoiceChannel('lounge'),
			quiet: guild.addVoiceChannel('quiet', { permissionOverwrites: [{ id: bot, type: 1, allow: 0n, deny: Permission.SetVoiceChannelStatus }] })
		};
		// The bot is connected in the lounge: setting a status needs that, or Manage Channels.
		guild.setVoiceState(bot, created.lounge.id);
		await world.until(() => world.guild(guild).channels.cache.has(created.quiet.id), `the client to see #quiet of ${name}`);
		return created;
	}

	before(async () => {
		directory = mkdtempSync(join(tmpdir(), 'alastor-notices-'));
		working = await openSettingsStore({ sqlitePath: join(directory, 'working.sqlite') });
		outage = await openSettingsStore({ sqlitePath: join(directory, 'closed.sqlite') });
		await outage.close();
		i18n = await installBotI18n(async (guildId) => (await settings.guild(guildId)).language);
		world = await InteractionWorld.start({ commands: [] });
		home = await noticeGuild('Home', 'en-US');
		paris = await noticeGuild('Paris', 'fr');
		await working.updateGuild(home.guild.id, { language: 'de', noticeChannelId: home.notices.id });
		await working.updateGuild(paris.guild.id, { noticeChannelId: null });
	});

	beforeEach(() => {
		settings = working;
		logged.length = 0;
		for (const where of [home, paris]) for (const channel of [where.radio, where.notices, where.readOnly]) channel.messages.length = 0;
	});

	after(async () => {
		i18n?.uninstall();
		await world?.stop();
		await working?.close();
		rmSync(directory, { recursive: true, force: true });
	});

	it('GIVEN a notice channel and the server’s language set to German WHEN a notice is posted THEN it appears there in German, not where play was issued', async () => {
		await postNotice(services(), sessionIn(home), notice);
		expect(contents(home.notices)).to.deep.equal([inLanguage('de')]);
		expect(contents(home.radio)).to.deep.equal([]);
	});

	it('GIVEN no notice channel and a French server WHEN a notice is posted THEN it goes where play was issued, in French', async () => {
		await postNotice(services(), sessionIn(paris), notice);
		expect(contents(paris.radio)).to.deep.equal([inLanguage('fr')]);
		expect(inLanguage('fr')).not.to.equal(inLanguage('en-US'));
	});

	it('GIVEN the settings cannot be read WHEN a notice is posted THEN it goes where play was issued, in the server’s locale, and the fallback is logged', async () => {
		settings = outage;
		await postNotice(services(), sessionIn(home), notice);
		expect(contents(home.radio)).to.deep.equal([inLanguage('en-US')]);
		expect(contents(home.notices)).to.deep.equal([]);
		expect(
			logged.some(
				(line) => line.msg === 'settings unavailable: notice goes to the channel play was issued in' && line.guildId === home.guild.id
			)
		).to.equal(true);
	});

	it('GIVEN a notice channel the bot may not write in, or no channel at all, WHEN a notice is posted THEN nothing is sent and the skip is logged', async () => {
		await working.updateGuild(paris.guild.id, { noticeChannelId: paris.readOnly.id });
		try {
			const posts = world.emu.requests.filter((request) => request.method === 'POST').length;
			await postNotice(services(), sessionIn(paris), notice);
			await working.updateGuild(paris.guild.id, { noticeChannelId: null });
			await postNotice(services(), sessionIn(paris, null), notice);
			expect(world.emu.requests.filter((request) => request.method === 'POST').length, 'message requests').to.equal(posts);
			const skips = logged.filter((line) => line.msg === 'notice skipped: no channel to write in' && line.guildId === paris.guild.id);
			expect(skips.map((line) => line.channelId ?? null)).to.deep.equal([paris.readOnly.id, null]);
		} finally {
			await working.updateGuild(paris.guild.id, { noticeChannelId: null });
		}
	});

	it('GIVEN Discord refuses the message WHEN a notice is posted THEN the error is logged, not thrown', async () => {
		const fault = world.emu.rest.inject({
			method: 'POST',
			path: `/channels/${paris.radio.id}/messages`,
			response: RestFault.missingPermissions()
		});
		await postNotice(services(), sessionIn(paris), notice);
		expect(fault.hits).to.have.length(1);
		expect(contents(paris.radio)).to.deep.equal([]);
		expect(logged.some((line) => line.msg === 'notice could not be posted' && line.channelId === paris.radio.id)).to.equal(true);
	});

	it('GIVEN the bot plays in a channel where it may set the status WHEN a status is set and then cleared THEN Discord shows it, then nothing', async () => {
		await setVoiceStatus(services(), sessionIn(home), '📻 Tone FM — Test tone');
		expect(home.guild.voiceChannelStatus(home.lounge.id)).to.equal('📻 Tone FM — Test tone');
		await setVoiceStatus(services(), sessionIn(home), '');
		expect(home.guild.voiceChannelStatus(home.lounge.id)).to.equal('');
	});

	it('GIVEN a channel where the bot may not set the status WHEN a status is set THEN no request is made', async () => {
		const before = statusRequests().length;
		await setVoiceStatus(services(), sessionIn(home, null, home.quiet), '📻 Tone FM');
		expect(statusRequests()).to.have.length(before);
		expect(home.guild.voiceChannelStatus(home.quiet.id)).to.equal(undefined);
	});

	it('GIVEN Discord refuses the status WHEN it is set THEN the error is logged, not thrown', async () => {
		const fault = world.emu.rest.inject({
			method: 'PUT',
			path: `/channels/${paris.lounge.id}/voice-status`,
			response: RestFault.missingAccess()
		});
		await setVoiceStatus(services(), sessionIn(paris), '📻 Tone FM');
		expect(fault.hits).to.have.length(1);
		expect(logged.some((line) => line.msg === 'voice channel status not set' && line.channelId === paris.lounge.id)).to.equal(true);
	});
});
