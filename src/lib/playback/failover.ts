import type { Station } from '#lib/config/types';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import type { Log } from '#lib/logger/logger';
import type { CardNotice } from '#lib/playback/card/NowPlayingCards';
import type { SettingsStore } from '#lib/settings/types';
import type { StationDirectory } from '#lib/stations/catalog/StationDirectory';
import { directoryUuid } from '#lib/stations/directory/directoryStation';
import type { StationHealth } from '#lib/stations/health/StationHealth';
import { markdownText, QuotedTextLength } from '#lib/text/userText';
import { PipelineLimitError } from '#lib/voice/PipelineBudget';
import type { GuildSession, VoiceService } from '#lib/voice/VoiceService';

export interface FailoverServices {
	readonly health: Pick<StationHealth, 'report' | 'isHealthy'>;
	/** The server's catalog (config stations and its own). */
	stations(guildId: string): Promise<StationDirectory>;
}

/**
 * Where the listeners of a dead station go: the first fallback of `original` (in the order config.yaml lists them) that
 * plays or a fresh probe finds on air; when the session already stood in for `original`, the original itself if it
 * recovered meanwhile; else null (they leave, as before).
 */
export async function chooseFallback(services: FailoverServices, session: GuildSession, original: Station): Promise<Station | null> {
	const dead = session.station;
	// Not a directory station's: no list or autocomplete shows one, and there are tens of thousands (the map stays bounded).
	if (directoryUuid(dead.id) === null) services.health.report(dead.id, false);
	const catalog = await services.stations(session.guildId);
	const candidates = [...(original.fallback ?? []), ...(original.id === dead.id ? [] : [original.id])];
	for (const stationId of candidates) {
		const station = catalog.exact(stationId);
		if (!station || station.id !== stationId || station.id === dead.id) continue;
		if (await services.health.isHealthy(station)) return station;
	}
	return null;
}

/** The failover line: on the card, or as a notice when the server has none. */
export function failoverNotice(session: GuildSession, from: Station): CardNotice {
	return {
		stationId: session.station.id,
		text: (t) =>
			translate(t, Radio.NoticeFailover, {
				from: markdownText(from.name, QuotedTextLength),
				to: markdownText(session.station.name, QuotedTextLength)
			})
	};
}

export function switchBackNotice(session: GuildSession): CardNotice {
	return {
		stationId: session.station.id,
		text: (t) => translate(t, Radio.NoticeSwitchBack, { station: markdownText(session.station.name, QuotedTextLength) })
	};
}

export interface SwitchBackServices {
	readonly voice: Pick<VoiceService, 'activeSessions' | 'switchBack'>;
	readonly settings: Pick<SettingsStore, 'guild'>;
	/** Tells the server it is back on its station. */
	switchedBack(session: GuildSession): void;
	readonly log: Log;
}

/**
 * Switches back the sessions standing in for a station a probe found on air again, in servers that want it (`switchBack`,
 * on by default). Seamless: each stays on its fallback until the original plays. One switch at a time per server.
 */
export class SwitchBack {
	private readonly switching = new Set<string>();

	public constructor(private readonly services: SwitchBackServices) {}

	public async recovered(stationId: string): Promise<void> {
		const waiting = this.services.voice.activeSessions.filter((session) => session.failoverFrom?.id === stationId);
		await Promise.all(waiting.map((session) => this.switchBack(session)));
	}

	private async switchBack(session: GuildSession): Promise<void> {
		const { guildId } = session;
		if (this.switching.has(guildId)) return;
		this.switching.add(guildId);
		try {
			if (!(await this.wanted(guildId))) return;
			const back = await this.services.voice.switchBack(guildId);
			if (!back) return;
			this.services.log.info({ guildId, from: session.station.id, to: back.station.id }, 'station on air again: switched back');
			this.services.switchedBack(back);
		} catch (error) {
			if (!(error instanceof PipelineLimitError)) throw error;
			this.services.log.warn({ guildId, station: error.station.id }, 'switch back refused: pipeline limit');
		} finally {
			this.switching.delete(guildId);
		}
	}

	private async wanted(guildId: string): Promise<boolean> {
		try {
			return (await this.services.settings.guild(guildId)).switchBack;
		} catch (error) {
			this.services.log.warn({ err: error, guildId }, 'settings unavailable: staying on the fallback station');
			return false;
		}
	}
}
