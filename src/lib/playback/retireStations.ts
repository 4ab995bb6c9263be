import type { Station } from '#lib/config/types';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { postNotice, type NoticeServices } from '#lib/playback/notices';
import { alternativeStations } from '#lib/radio-ui/alternatives';
import { stationButtonRow } from '#lib/radio-ui/stationButtons';
import type { StationDirectory } from '#lib/stations/catalog/StationDirectory';
import { markdownText, QuotedTextLength } from '#lib/text/userText';
import type { GuildSession, VoiceService } from '#lib/voice/VoiceService';

export interface RetireServices {
	readonly voice: VoiceService;
	readonly notices: NoticeServices;
	/** The stations that remain, for the alternatives offered. */
	readonly catalog: StationDirectory;
	/** After the stop: a 24/7 server goes back to its own channel and station (SessionRestorer#settingsChanged). */
	rejoin(guildId: string): Promise<void>;
}

/**
 * Stations the operator removed from config.yaml: their listeners stop now (sessions end, ffmpeg ends, saved sessions
 * go), each server is told where its notices go, with other stations to pick, and a 24/7 server rejoins with its own.
 */
export async function retireStations(services: RetireServices, stations: readonly Station[]): Promise<GuildSession[]> {
	const removed = new Set(stations.map((station) => station.id));
	const listeners = services.voice.activeSessions.filter((session) => removed.has(session.station.id));
	for (const id of removed) services.voice.retireStation(id);
	await Promise.all(
		listeners.map(async (session) => {
			await postNotice(services.notices, session, (t) => ({
				content: translate(t, Radio.NoticeStationRemoved, { station: markdownText(session.station.name, QuotedTextLength) }),
				components: [stationButtonRow(alternativeStations(services.catalog, session.station))]
			}));
			await services.rejoin(session.guildId);
		})
	);
	return listeners;
}
