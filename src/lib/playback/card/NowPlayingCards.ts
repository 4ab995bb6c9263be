import type { TFunction } from '@sapphire/plugin-i18next';
import { DiscordAPIError, PermissionFlagsBits, type Guild, type GuildTextBasedChannel } from 'discord.js';
import type { CommandMentions } from '#lib/discord/commandMention';
import { humansInChannel } from '#lib/discord/humansInChannel';
import type { Translator } from '#lib/i18n/T';
import type { Log } from '#lib/logger/logger';
import { cardChoices } from '#lib/playback/card/cardChoices';
import { finalCard, liveCard, type CardMessage } from '#lib/playback/card/cardMessage';
import { postNotice, type NoticeServices } from '#lib/playback/notices';
import { serverVolumeLimits } from '#lib/playback/volume';
import type { CardRef, GuildSettings, SettingsStore } from '#lib/settings/types';
import type { StationDirectory } from '#lib/stations/catalog/StationDirectory';
import { KeyedThrottle } from '#lib/timing/KeyedThrottle';
import type { GuildSession, VoiceService } from '#lib/voice/VoiceService';
import type { SessionEndReason } from '#lib/voice/VoiceConnections';

export interface CardServices {
	guild(guildId: string): Guild | undefined;
	readonly settings: Pick<SettingsStore, 'guild'>;
	/** The server's language. */
	readonly tFor: Translator;
	readonly voice: Pick<VoiceService, 'sessionFor' | 'nowPlaying'>;
	/** The server's catalog, for the station menu. */
	stations(guildId: string): Promise<StationDirectory>;
	/** Where a notice goes when the server has no card. */
	readonly notices: NoticeServices;
	readonly mentions: CommandMentions;
	/** The guild's card was posted or dropped: save it with the session, so a restart edits the same message. */
	onCardChanged(guildId: string): void;
	/** A card is edited at most this often (`voice.card_interval_seconds`); the newest state wins. */
	readonly intervalMs: number;
	readonly logger: Log;
}

/** A line shown on the card while the session plays `stationId` (a failover or a switch back). */
export interface CardNotice {
	readonly stationId: string;
	text(t: TFunction): string;
}

interface CardState {
	ref: CardRef | null;
	/** `posting` until the message exists; `off` when the server turned cards off or there is nowhere to post; `dropped` when it went away. */
	status: 'posting' | 'live' | 'off' | 'dropped';
	notice: CardNotice | null;
}

/** Discord's answers that mean the card is gone for good: unknown channel or message, no access, no permission, not ours. */
const GoneCodes = new Set([10003, 10008, 50001, 50005, 50013]);

/**
 * The now-playing card of each listening server: posted when its session starts (unless the server turned cards off),
 * edited when the song, station, volume or listeners change (at most once per interval, however often a station
 * changes its title), and edited a last time when the radio stops. Its message is saved with the session (see
 * SessionRecorder), so after a restart the same message is edited. A card whose message or channel is gone is dropped,
 * never retried; REST failures are logged, never thrown. Work on one server's card runs in order.
 */
export class NowPlayingCards {
	private readonly cards = new Map<string, CardState>();
	private readonly queues = new Map<string, Promise<void>>();
	private readonly throttle: KeyedThrottle<null>;

	public constructor(private readonly services: CardServices) {
		this.throttle = new KeyedThrottle(services.intervalMs, (guildId) => this.enqueue(guildId, () => this.edit(guildId)));
	}

	/** The guild's card message while it is live. */
	public refOf(guildId: string): CardRef | null {
		const state = this.cards.get(guildId);
		return state?.status === 'live' ? state.ref : null;
	}

	/** After a restart: the resumed session keeps editing the card it had. */
	public adopt(guildId: string, ref: CardRef): void {
		if (!this.cards.has(guildId)) this.cards.set(guildId, { ref, status: 'live', notice: null });
	}

	/** Forgets a card adopted for a session that did not come back. */
	public forget(guildId: string): void {
		this.throttle.cancel(guildId);
		this.cards.delete(guildId);
	}

	/** A session started or changed: a new session posts its card, a running one refreshes it. */
	public sessionChanged(session: GuildSession): void {
		const state = this.cards.get(session.guildId);
		if (state) return this.refresh(session.guildId);
		const created: CardState = { ref: null, status: 'posting', notice: null };
		this.cards.set(session.guildId, created);
		this.enqueue(session.guildId, () => this.post(session.guildId, created));
	}

	/** Something shown changed (the song, the listeners): edit the card, throttled. */
	public refresh(guildId: string): void {
		if (this.cards.get(guildId)?.status === 'live') this.throttle.push(guildId, null);
	}

	/** Tells the listeners something (a failover): on the card while it shows that station, else as a notice. */
	public async announce(session: GuildSession, notice: CardNotice): Promise<void> {
		const state = this.cards.get(session.guildId);
		if (state && (state.status === 'live' || state.status === 'posting')) {
			state.notice = notice;
			return this.refresh(session.guildId);
		}
		await postNotice(this.services.notices, session, (t) => ({ content: notice.text(t) }));
	}

	/** The radio stopped: the card shows what played, without controls. A shutdown leaves it for the next start to resume. */
	public ended(session: GuildSession, reason: SessionEndReason): void {
		const state = this.cards.get(session.guildId);
		if (!state) return;
		this.cards.delete(session.guildId);
		this.throttle.cancel(session.guildId);
		if (reason === 'shutdown') return;
		const endedAt = new Date();
		this.enqueue(session.guildId, () => this.finish(session, state, endedAt));
	}

	/** Resolves once every card change queued so far is done. */
	public async flush(): Promise<void> {
		await Promise.all(this.queues.values());
	}

	public dispose(): void {
		this.throttle.dispose();
	}

	private async post(guildId: string, state: CardState): Promise<void> {
		const { logger } = this.services;
		const session = this.services.voice.sessionFor(guildId);
		const guild = this.services.guild(guildId);
		if (!session || !guild || this.cards.get(guildId) !== state) return;
		const settings = await this.settingsOf(guildId);
		if (settings && !settings.nowPlayingCard) {
			state.status = 'off';
			return;
		}
		const channel = writableChannel(guild, [session.textChannelId, settings?.noticeChannelId ?? null]);
		if (!channel) {
			state.status = 'off';
			logger.info({ guildId, channelId: session.textChannelId }, 'now-playing card skipped: no channel to write in');
			return;
		}
		try {
			const message = await channel.send(await this.render(guild, session, state));
			state.ref = { channelId: channel.id, messageId: message.id };
			state.status = 'live';
			logger.debug({ guildId, channelId: channel.id, messageId: message.id }, 'now-playing card posted');
		} catch (error) {
			state.status = 'off';
			logger.warn({ err: error, guildId, channelId: channel.id }, 'now-playing card could not be posted');
			return;
		}
		// The session may have ended while the card was posted: ended() queued the final edit after this.
		if (this.cards.get(guildId) === state) this.services.onCardChanged(guildId);
	}

	private async edit(guildId: string): Promise<void> {
		const state = this.cards.get(guildId);
		const session = this.services.voice.sessionFor(guildId);
		const guild = this.services.guild(guildId);
		if (state?.status !== 'live' || !session || !guild) return;
		await this.write(guildId, state, async () => this.render(guild, session, state));
	}

	private async finish(session: GuildSession, state: CardState, endedAt: Date): Promise<void> {
		const guild = this.services.guild(session.guildId);
		if (state.status !== 'live' || !guild) return;
		const t = await this.services.tFor(guild);
		await this.write(session.guildId, state, () => finalCard(t, session, endedAt, this.services.mentions.of('radio play')));
	}

	/** Edits the card's message; a gone message or channel drops the card (once, logged), any other failure is logged. */
	private async write(guildId: string, state: CardState, build: () => CardMessage | Promise<CardMessage>): Promise<void> {
		const { ref } = state;
		if (!ref) return;
		const channel = this.services.guild(guildId)?.channels.cache.get(ref.channelId);
		if (!channel?.isTextBased()) return this.drop(guildId, state, 'channel gone');
		try {
			await channel.messages.edit(ref.messageId, await build());
		} catch (error) {
			if (error instanceof DiscordAPIError && GoneCodes.has(Number(error.code))) return this.drop(guildId, state, error.code);
			this.services.logger.warn({ err: error, guildId, ...ref }, 'now-playing card not edited');
		}
	}

	private drop(guildId: string, state: CardState, why: string | number): void {
		this.services.logger.info({ guildId, ...state.ref, why }, 'now-playing card dropped: its message or channel is gone');
		state.status = 'dropped';
		state.ref = null;
		if (this.cards.get(guildId) === state) this.services.onCardChanged(guildId);
	}

	private async render(guild: Guild, session: GuildSession, state: CardState): Promise<CardMessage> {
		const { services } = this;
		const t = await services.tFor(guild);
		const notice = state.notice?.stationId === session.station.id ? state.notice.text(t) : null;
		return liveCard(t, {
			session,
			title: services.voice.nowPlaying(session.station)?.title ?? null,
			listeners: humansInChannel(guild, session.channelId),
			notice,
			limits: await serverVolumeLimits(services.settings, guild.id, services.logger),
			choices: await cardChoices(services, session)
		});
	}

	/** The settings, or null when unreadable: a card is a courtesy, shown by default. */
	private async settingsOf(guildId: string): Promise<GuildSettings | null> {
		try {
			return await this.services.settings.guild(guildId);
		} catch (error) {
			this.services.logger.warn({ err: error, guildId }, 'settings unavailable: the now-playing card goes where play was issued');
			return null;
		}
	}

	private enqueue(guildId: string, task: () => Promise<void>): void {
		const next = (this.queues.get(guildId) ?? Promise.resolve())
			.then(task)
			.catch((error: unknown) => this.services.logger.error({ err: error, guildId }, 'now-playing card failed'))
			.finally(() => {
				if (this.queues.get(guildId) === next) this.queues.delete(guildId);
			});
		this.queues.set(guildId, next);
	}
}

/** The first of `channelIds` the bot may post an embed in. */
function writableChannel(guild: Guild, channelIds: readonly (string | null)[]): GuildTextBasedChannel | null {
	const { me } = guild.members;
	if (!me) return null;
	for (const channelId of channelIds) {
		const channel = channelId ? guild.channels.cache.get(channelId) : undefined;
		if (!channel?.isTextBased() || !channel.isSendable()) continue;
		const needed = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks];
		if (channel.permissionsFor(me).has(needed)) return channel;
	}
	return null;
}
