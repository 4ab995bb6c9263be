import type { Station } from '#lib/config/types';
import type { AddressPolicy } from '#lib/net/safety/AddressPolicy';
import { parseSafeUrl } from '#lib/net/safety/checkUrlSafety';
import { UrlSafetyError, type UrlRefusal } from '#lib/net/safety/UrlSafetyError';
import type { StationStreams } from '#lib/stations/StationStreams';
import type { CustomStationRecord, SettingsStore } from '#lib/settings/types';
import type { StreamResolveReason } from '#lib/stations/resolve/StreamResolveError';
import { customStationFromRecord, customStationId, MaxCustomStations } from '#lib/stations/custom/customStation';
import { detectFormat } from '#lib/stations/custom/detectFormat';
import type { GuildCatalogs } from '#lib/stations/catalog/GuildCatalogs';
import { withKeyLock } from '#lib/stations/custom/keyedLock';
import { findCollision, parseNames, type NameProblem } from '#lib/stations/custom/validateCustomStation';

export interface CustomStationServices {
	readonly settings: SettingsStore;
	readonly catalogs: GuildCatalogs;
	readonly streams: StationStreams;
	readonly policy: AddressPolicy;
	readonly now?: () => number;
}

export interface NewCustomStation {
	readonly name: string;
	readonly url: string;
	/** Comma-separated, as typed. */
	readonly aliases: string | null;
	readonly addedBy: string;
}

export type AddOutcome =
	| { readonly kind: 'added'; readonly station: Station }
	| { readonly kind: 'limit'; readonly max: number }
	| { readonly kind: 'url-refused'; readonly refusal: UrlRefusal }
	| { readonly kind: 'unplayable'; readonly reason: StreamResolveReason; readonly message: string; readonly refusal?: UrlRefusal }
	| ({ readonly kind: 'names' } & NameProblem);

/**
 * /station add: checks names and the URL, refuses the 51st station and names another station of this server already
 * uses, preflights the stream under the URL safety policy, and only then stores it with the format and bitrate the
 * preflight saw. SettingsStoreError propagates (nothing is changed then).
 */
export async function addCustomStation(services: CustomStationServices, guildId: string, input: NewCustomStation): Promise<AddOutcome> {
	const names = parseNames(input.name, input.aliases);
	if ('problem' in names) return { kind: 'names', ...names };
	let url: URL;
	try {
		url = parseSafeUrl(input.url, services.policy);
	} catch (error) {
		if (error instanceof UrlSafetyError) return { kind: 'url-refused', refusal: error.refusal };
		throw error;
	}
	const id = customStationId(guildId, names.name);

	return withKeyLock(guildId, async () => {
		const records = await services.settings.customStations(guildId);
		if (records.length >= MaxCustomStations) return { kind: 'limit', max: MaxCustomStations };
		const collision = findCollision(await services.catalogs.forGuild(guildId), id, names);
		if (collision) return { kind: 'names', ...collision };

		const candidate: CustomStationRecord = {
			id,
			name: names.name,
			url: url.href,
			aliases: names.aliases,
			format: 'MP3',
			bitrate: 0,
			addedBy: input.addedBy,
			addedAt: (services.now ?? Date.now)()
		};
		const result = await services.streams.preflight(customStationFromRecord(candidate, guildId));
		if (!result.ok)
			return { kind: 'unplayable', reason: result.reason, message: result.message, ...(result.refusal && { refusal: result.refusal }) };

		const record = { ...candidate, ...detectFormat(result.stream) };
		await services.settings.saveCustomStations(guildId, [...records, record]);
		services.catalogs.invalidate(guildId);
		return { kind: 'added', station: customStationFromRecord(record, guildId) };
	});
}

/** /station remove: drops the server's custom station with this id (or exact name/alias); null when there is none. */
export async function removeCustomStation(services: CustomStationServices, guildId: string, query: string): Promise<Station | null> {
	return withKeyLock(guildId, async () => {
		const records = await services.settings.customStations(guildId);
		const wanted = query.trim().toLowerCase();
		const removed = records.find(
			(record) => record.id === query || record.name.toLowerCase() === wanted || record.aliases.some((alias) => alias === wanted)
		);
		if (!removed) return null;
		await services.settings.saveCustomStations(
			guildId,
			records.filter((record) => record !== removed)
		);
		services.catalogs.invalidate(guildId);
		return customStationFromRecord(removed, guildId);
	});
}
