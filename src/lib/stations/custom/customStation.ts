import { stationFormats, type StationFormat } from '#lib/config/schema';
import { stationId } from '#lib/config/stationId';
import type { Station } from '#lib/config/types';
import type { CustomStationRecord } from '#lib/settings/types';

/** At most this many custom stations per server. */
export const MaxCustomStations = 50;

/** Slug length kept in ids, so `radio-play:g<guildId>-<slug>` stays within Discord's 100-character custom ids. */
const MaxSlugLength = 60;

/** `g<guildId>-<slug>`: unique across servers, and never a config.yaml station's id (whose slugs come from names). */
export function customStationId(guildId: string, name: string): string {
	const slug = stationId(name).slice(0, MaxSlugLength).replace(/-+$/, '');
	return `g${guildId}-${slug}`;
}

/** A stored custom station as the Station every command and the voice service use; `guildId` marks it user-provided. */
export function customStationFromRecord(record: CustomStationRecord, guildId: string): Station {
	const format = record.format.toUpperCase();
	return {
		id: record.id,
		name: record.name,
		url: record.url,
		aliases: [...record.aliases],
		bitrate: record.bitrate,
		format: (stationFormats as readonly string[]).includes(format) ? (format as StationFormat) : 'MP3',
		description: '',
		guildId
	};
}
