import { stationFormats } from '#lib/config/schema';
import type { Station, StationFormat } from '#lib/config/types';
import type { MemberStation } from '#lib/settings/types';
import { formatOfCodec, type DirectoryEntry } from '#lib/stations/directory/directoryEntry';

/** Ids of directory stations: `rb-<uuid>` (39 characters), never a config or custom station's id. */
const DirectoryId = /^rb-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function directoryStationId(uuid: string): string {
	return `rb-${uuid}`;
}

/** The uuid of a directory station id, or null for any other id. */
export function directoryUuid(stationId: string): string | null {
	return DirectoryId.exec(stationId)?.[1] ?? null;
}

/**
 * A directory entry as a Station played in `guildId`. It is user-provided like a server's own station (its `guildId`
 * routes its streams through the URL safety checks and counts it against that server's pipeline caps), never trusted
 * like a config.yaml station.
 */
export function directoryStation(
	entry: Pick<DirectoryEntry, 'uuid' | 'name' | 'url' | 'codec' | 'bitrate' | 'hls'> & Partial<Pick<DirectoryEntry, 'favicon'>>,
	guildId: string
): Station {
	const station = fromParts(directoryStationId(entry.uuid), entry.name, entry.url, formatOfCodec(entry.codec, entry.hls), entry.bitrate, guildId);
	return withLogo(station, entry.favicon);
}

/** A directory station a member kept (favourite or last played), to play in `guildId`; null when it is not one. */
export function directoryStationFromMember(kept: MemberStation, guildId: string): Station | null {
	if (directoryUuid(kept.id) === null || kept.url === undefined) return null;
	const format = kept.format.toUpperCase() as StationFormat;
	const station = fromParts(
		kept.id,
		kept.name,
		kept.url,
		(stationFormats as readonly string[]).includes(format) ? format : 'MP3',
		kept.bitrate,
		guildId
	);
	return withLogo(station, kept.logo);
}

/** The directory's favicon (already checked) as the station's logo: the now-playing card's and /radio info's thumbnail. */
function withLogo(station: Station, logo: string | null | undefined): Station {
	return logo ? { ...station, logo } : station;
}

function fromParts(id: string, name: string, url: string, format: StationFormat, bitrate: number, guildId: string): Station {
	return { id, name, url, aliases: [], bitrate, format, description: '', guildId };
}
