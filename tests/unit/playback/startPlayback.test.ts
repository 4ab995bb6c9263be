import { fetchT } from '@sapphire/plugin-i18next';
import type { TFunction } from '@sapphire/plugin-i18next';
import { expect } from 'chai';
import { ApplicationCommandOptionType, MessageFlags, type VoiceBasedChannel } from 'discord.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { EmulatedChannel, EmulatedGuild, EmulatedMember } from '#emulator/index';
import type { Station } from '#lib/config/types';
import { ChangeBudget } from '#lib/discord/ChangeBudget';
import { playStationId } from '#lib/discord/customIds';
import { Radio, Stream } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { startPlayback, type PlaybackServices } from '#lib/playback/startPlayback';
import { openSettingsStore, type OpenedSettingsStore } from '#lib/settings/openSettingsStore';
import type { CustomStationRecord } from '#lib/settings/types';
import { GuildCatalogs } from '#lib/stations/catalog/GuildCatalogs';
import { StationCatalog } from '#lib/stations/catalog/StationCatalog';
import { customStationFromRecord, customStationId } from '#lib/stations/custom/customStation';
import { StreamResolver } from '#lib/stations/resolve/StreamResolver';
import { StationStreams } from '#lib/stations/StationStreams';
import { PipelineBudget, PipelineLimitError, type BudgetedPipeline } from '#lib/voice/PipelineBudget';
import { pipelineKey } from '#lib/voice/PipelinePool';
import { JoinQueuedTooLongError, VoiceJoinError, type JoinQueuedListener } from '#lib/voice/VoiceConnections';
import type { QueuedJoin } from '#lib/voice/VoiceGatewayQueue';
import type { GuildSession, PlayOptions } from '#lib/voice/VoiceService';
import { installBotI18n, type BotI18n } from '#support/botI18n';
import { InteractionWorld } from '#support/InteractionWorld';
import { deadUrl } from '#support/streamFixtures';
import { TestStation } from '#support/TestStation';

interface RecordedPlay {
	readonly channelId: string;
	readonly stationId: string;
	readonly textChannelId: string | null;
	readonly volume: number | undefined;
	/** Whether the preflight's checked connection was handed on, for the pipeline to play from. */
	readonly handedStream: boolean;
}

/** What startPlayback may ask of the voice service. */
type RecordingVoiceShape = PlaybackServices['voice'];

/**
 * The voice side without voice connections (those make an e2e test): sessions and pipelines are records, and a real
 * PipelineBudget decides admissions, as VoiceService's pool does. `play` records the call, or throws `playError`.
 */
class RecordingVoice implements RecordingVoiceShape {
	public readonly plays: RecordedPlay[] = [];
	/** Channels joined ahead of play (while the stream is checked), and those whose early join was undone. */
	public readonly joins: string[] = [];
	public readonly undone: string[] = [];
	/** What the next play throws: a failed join, a cap another server reached meanwhile. */
	public playError: Error | null = null;
	/** What the next early join throws. */
	public joinError: Error | null = null;
	/** Where the next play's join waits in the gateway queue before it goes out (or fails with playError). */
	public queuedAt: QueuedJoin | null = null;
	/** Whether the station sounds once joined. */
	public audible = true;
	private readonly sessions = new Map<string, GuildSession>();
	private readonly pipelines = new Map<string, BudgetedPipeline & { readonly stationId: string; readonly listeningGuilds: Set<string> }>();

	public constructor(private readonly budget: PipelineBudget) {}

	public sessionFor(guildId: string): GuildSession | null {
		return this.sessions.get(guildId) ?? null;
	}

	public admission(station: Station, volume: number) {
		return this.budget.check(station, pipelineKey(station.id, volume), this.pipelines.values());
	}

	public isPlaying(station: Station): boolean {
		return [...this.pipelines.values()].some((pipeline) => pipeline.stationId === station.id);
	}

	public play(
		channel: VoiceBasedChannel,
		station: Station,
		textChannelId: string | null,
		volume?: number,
		{ stream, onQueued }: PlayOptions = {}
	): Promise<GuildSession> {
		// The checked connection would feed the pipeline; here nothing reads it.
		stream?.close();
		if (this.queuedAt) onQueued?.(this.queuedAt);
		if (this.playError) return Promise.reject(this.playError);
		this.plays.push({ channelId: channel.id, stationId: station.id, textChannelId, volume, handedStream: stream !== undefined });
		return Promise.resolve(this.listen(channel.guildId, channel.id, station, volume ?? 100));
	}

	public join(channel: VoiceBasedChannel, onQueued?: JoinQueuedListener): { joined: Promise<void>; undo: () => void } {
		if (this.queuedAt) onQueued?.(this.queuedAt);
		const undo = () => void this.undone.push(channel.id);
		if (this.joinError) return { joined: Promise.reject(this.joinError), undo };
		this.joins.push(channel.id);
		return { joined: Promise.resolve(), undo };
	}

	public whenAudible(): Promise<boolean> {
		return Promise.resolve(this.audible);
	}

	/** `guildId` already listens to `station` (a session started earlier). */
	public listen(guildId: string, channelId: string, station: Station, volume: number): GuildSession {
		const key = pipelineKey(station.id, volume);
		const pipeline = this.pipelines.get(key) ?? { key, stationId: station.id, listeningGuilds: new Set<string>() };
		pipeline.listeningGuilds.add(guildId);
		this.pipelines.set(key, pipeline);
		this.budget.track(pipeline, station);
		const session: GuildSession = { guildId, channelId, station, volume, textChannelId: null, since: new Date() };
		this.sessions.set(guildId, session);
		return session;
	}
}

const configStation = (id: string, name: string, url: string, format: Station['format'] = 'MP3'): Station => ({
	id,
	name,
	url,
	aliases: [],
	bitrate: 128,
	format,
	description: `${name}, a test station`
});

describe('startPlayback (from "play this station" to audio) with real discord.js interactions from the emulator', () => {
	let world: InteractionWorld;
	let i18n: BotI18n;
	let en: TFunction;
	let directory: string;
	let settings: OpenedSettingsStore;
	let station: TestStation;
	let guild: EmulatedGuild;
	let lounge: EmulatedChannel;
	let tone: Station;
	let dead: Station;
	let page: Station;
	let ownOne: Station;
	let ownTwo: Station;
	let guildStations: GuildCatalogs;
	let streams: StationStreams;
	let voice: RecordingVoice;
	let services: PlaybackServices;
	const logged: Record<string, unknown>[] = [];
	const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line)) });

	/** A DJ in the lounge, new for each test (their own playback budget), who has spent one change, as the gate does. */
	const listener = async () => {
		const member = guild.addMember();
		await member.joinVoice(lounge);
		expect(services.playbackChanges.take(member.id)).to.equal(null);
		return member;
	};
	/** Runs /play for `stationId`; the reply as Discord shows it (startPlayback defers, then edits). */
	const play = async (member: EmulatedMember, stationId: string) => (await world.run(member, 'play', { station: stationId })).handle.message();
	const stationRequests = () => station.requests().length;

	before(async () => {
		directory = mkdtempSync(join(tmpdir(), 'alastor-start-'));
		settings = await openSettingsStore({ sqlitePath: join(directory, 'settings.sqlite') });
		i18n = await installBotI18n(async (guildId) => (await settings.guild(guildId)).language);
		en = i18n.handler.getT('en-US');
		station = await TestStation.start();
		station.serve('/page.html', { contentType: 'text/html', body: '<!doctype html><p>Not a stream</p>' });
		tone = configStation('tone-fm', 'Tone FM', station.url('/sine.mp3'));
		dead = configStation('dead-fm', 'Dead FM', await deadUrl());
		page = configStation('page-fm', 'Page FM', station.url('/page.html'));
		const others = ['Jazz FM', 'Rock FM', 'Blues FM', 'Folk FM'].map((name) =>
			configStation(name.toLowerCase().replace(' ', '-'), name, `https://streams.invalid/${name.replace(' ', '')}`)
		);

		world = await InteractionWorld.start({
			commands: [
				{
					name: 'play',
					description: 'Plays a station',
					options: [{ type: ApplicationCommandOptionType.String, name: 'station', description: 'Station id', required: true }]
				}
			]
		});
		guild = await world.createGuild({ name: 'Start' });
		lounge = guild.addVoiceChannel('lounge');
		// 37 is between volume steps: the session must start at the step, 35.
		await settings.updateGuild(guild.id, { volume: { min: 10, default: 37, max: 150 } });
		const own = (name: string): CustomStationRecord => ({
			id: customStationId(guild.id, name),
			name,
			url: station.url('/sine.mp3'),
			aliases: [],
			format: 'MP3',
			bitrate: 128,
			addedBy: '1',
			addedAt: 0
		});
		await settings.saveCustomStations(guild.id, [own('Own One'), own('Own Two')]);
		[ownOne, ownTwo] = [own('Own One'), own('Own Two')].map((record) => customStationFromRecord(record, guild.id)) as [Station, Station];

		guildStations = new GuildCatalogs(new StationCatalog([tone, dead, page, ...others]), {
			customStations: (guildId) => settings.customStations(guildId)
		});
		streams = new StationStreams(new StreamResolver({ timeoutMs: 5_000 }), {
			timeoutMs: 5_000,
			userAgent: 'alastor-test',
			addressPolicy: { allowPrivateAddresses: true }
		});
		world.handler = async (interaction) => {
			if (!interaction.isChatInputCommand() || !interaction.inCachedGuild()) return;
			const wanted = (await guildStations.forGuild(interaction.guildId)).exact(interaction.options.getString('station', true));
			const { channel } = interaction.member.voice;
			if (!wanted || !channel) throw new Error('the test asked for a station the server lacks, or a member out of voice');
			await startPlayback(services, interaction, wanted, channel);
		};
	});

	beforeEach(() => {
		voice = new RecordingVoice(new PipelineBudget({ global: 10, perServer: 1 }, logger));
		const playbackChanges = new ChangeBudget({ changes: 1, windowMs: 60_000 });
		const config = { voice: { stallTimeoutSeconds: 6 } };
		services = { voice, streams, guildStations, settings, playbackChanges, mentions: world.mentions, logger, tFor: fetchT, config };
		logged.length = 0;
	});

	after(async () => {
		i18n?.uninstall();
		await world?.stop();
		await station?.stop();
		await settings?.close();
		rmSync(directory, { recursive: true, force: true });
	});

	for (const [what, failing, reason] of [
		['nothing listens at its address', () => dead, 'unreachable'],
		['its address serves a web page', () => page, 'not-audio']
	] as const) {
		it(`GIVEN a station where ${what} WHEN it is played THEN the reply names it and the reason, with Retry and other stations, and the voice channel joined meanwhile is left`, async () => {
			const reply = await play(await listener(), failing().id);
			expect(reply.content).to.equal(
				translate(en, Radio.PreflightFailed, { station: failing().name, reason: translate(en, Stream.reasonKey(reason)) })
			);
			const buttons = (reply.components as { components: { custom_id: string; label: string }[] }[])[0]!.components;
			expect(buttons[0]).to.include({ custom_id: playStationId(failing().id), label: 'Retry' });
			expect(buttons.slice(1)).to.have.length(3);
			expect(buttons.slice(1).map((button) => button.custom_id)).not.to.include(playStationId(failing().id));
			expect(voice.plays).to.deep.equal([]);
			expect(voice.undone).to.deep.equal(voice.joins).and.to.deep.equal([lounge.id]);
			expect(logged.some((line) => line.msg === 'preflight failed' && line.reason === reason)).to.equal(true);
		});
	}

	it('GIVEN the server runs as many pipelines of its own stations as it may WHEN another of its stations is played THEN the limit is explained, the change given back, and the station never asked', async () => {
		voice.listen(guild.id, lounge.id, ownOne, 100);
		const requests = stationRequests();
		const member = await listener();
		const reply = await play(member, ownTwo.id);
		expect(reply.content).to.equal(translate(en, Radio.LimitServer, { station: 'Own Two', max: 1, command: world.mentions.of('radio stop') }));
		expect(services.playbackChanges.take(member.id), 'the change was given back').to.equal(null);
		expect(stationRequests()).to.equal(requests);
		expect(voice.plays).to.deep.equal([]);
	});

	it('GIVEN another server took the last place during the preflight WHEN the voice service refuses THEN the limit is explained and the change given back', async () => {
		voice.playError = new PipelineLimitError(ownTwo, 'global', 10);
		const member = await listener();
		const reply = await play(member, ownTwo.id);
		expect(reply.content).to.equal(translate(en, Radio.LimitGlobal, { station: 'Own Two', command: world.mentions.of('radio list') }));
		expect(services.playbackChanges.take(member.id), 'the change was given back').to.equal(null);
	});

	for (const [which, fail] of [
		['joined while the stream is checked', (error: Error) => void (voice.joinError = error)],
		['joined on play', (error: Error) => void (voice.playError = error)]
	] as const) {
		it(`GIVEN the voice connection cannot be made (${which}) WHEN a station is played THEN the reply says the bot could not join the channel`, async () => {
			fail(new VoiceJoinError('no voice server answered'));
			const reply = await play(await listener(), tone.id);
			expect(reply.content).to.equal(translate(en, Radio.PlayJoinFailed, { channel: `<#${lounge.id}>` }));
			expect(reply.embeds).to.deep.equal([]);
			expect(logged.some((line) => line.msg === 'voice join failed' && line.channelId === lounge.id)).to.equal(true);
		});
	}

	it('GIVEN a join that waited in the gateway queue and was withdrawn WHEN a station is played THEN the member was told it waits, then that Discord\'s rate limit held it: not "now playing", not permissions, and the change given back', async () => {
		voice.queuedAt = { ahead: 3, etaMs: 40_000 };
		voice.playError = new JoinQueuedTooLongError('waited too long');
		const member = await listener();
		const { handle } = await world.run(member, 'play', { station: tone.id });
		const states = handle.messages.map((message) => String(message.content ?? ''));
		expect(
			states.some((content) => /^⏳ .*<t:\d+:R>/.test(String(content))),
			states.join(' | ')
		).to.equal(true);
		expect(states.at(-1)).to.equal(translate(en, Radio.PlayQueuedTooLong, { channel: `<#${lounge.id}>` }));
		expect(states).to.not.include(translate(en, Radio.PlayJoinFailed, { channel: `<#${lounge.id}>` }));
		expect(services.playbackChanges.take(member.id), 'the change was given back').to.equal(null);
		expect(logged.some((line) => String(line.msg).startsWith('voice join withdrawn'))).to.equal(true);
	});

	it('GIVEN a station that joins but makes no sound in time WHEN it is played THEN the reply says the bot is in the channel and the station silent, not "now playing"', async () => {
		voice.audible = false;
		const reply = await play(await listener(), tone.id);
		expect(reply.content).to.equal(translate(en, Radio.PlayNotYetAudible, { station: 'Tone FM', channel: `<#${lounge.id}>` }));
		expect(reply.embeds).to.deep.equal([]);
	});

	it('GIVEN a playing station and the server’s default volume of 37 % WHEN a member starts it THEN "Now playing" is confirmed to them only and the session starts at the 35 % step', async () => {
		const member = await listener();
		const reply = await play(member, tone.id);
		expect(reply.flags & MessageFlags.Ephemeral).to.equal(MessageFlags.Ephemeral);
		const [embed] = reply.embeds as { description: string; fields: { name: string; value: string }[]; footer: { text: string } }[];
		expect(embed!.description).to.equal(translate(en, Radio.PlayNowPlaying, { station: 'Tone FM', channel: `<#${lounge.id}>` }));
		expect(embed!.fields.map((field) => field.value)).to.deep.equal(['Tone FM', '128 kbps MP3']);
		expect(embed!.footer.text).to.equal(tone.description);
		expect(voice.plays).to.deep.equal([
			{ channelId: lounge.id, stationId: tone.id, textChannelId: guild.defaultTextChannel.id, volume: 35, handedStream: true }
		]);
		expect(voice.joins, 'joined while the stream was checked').to.deep.equal([lounge.id]);
		expect(voice.undone).to.deep.equal([]);
		expect(services.playbackChanges.take(member.id), 'a change that changed something stays spent').not.to.equal(null);
	});

	it('GIVEN the server already listens at 60 % WHEN a member switches station THEN the new station plays at 60 %, not the default', async () => {
		voice.listen(guild.id, lounge.id, ownOne, 60);
		await play(await listener(), tone.id);
		expect(voice.plays.map((call) => call.volume)).to.deep.equal([60]);
	});

	it('GIVEN a station another server already plays WHEN it is played here THEN no preflight request reaches the station and it starts', async () => {
		voice.listen('another-guild', 'another-channel', tone, 100);
		const requests = stationRequests();
		const reply = await play(await listener(), tone.id);
		expect(stationRequests()).to.equal(requests);
		expect(reply.embeds).to.have.length(1);
		expect(voice.plays.map((call) => [call.stationId, call.handedStream])).to.deep.equal([[tone.id, false]]);
	});
});
