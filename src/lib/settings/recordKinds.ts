import { z } from 'zod';
import { migration, type RecordKind } from '#lib/settings/RecordKind';
import type {
	CustomStationRecord,
	GuildSettings,
	ListeningStatsRecord,
	MemberStationsRecord,
	SessionRecord,
	SleepTimerRecord
} from '#lib/settings/types';

const Snowflake = z.string().regex(/^\d{1,20}$/, 'a Discord id (digits)');
/** Discord locale codes: `id`, `en-US`, `es-419`, `zh-TW`. */
const Locale = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,4})?$/, 'a locale code such as en-US');
const Percent = z.number().int().min(0).max(1_000);
const StationId = z.string().min(1).max(200);
const EpochMs = z.number().int().nonnegative();

const VolumeLimitsSchema = z
	.object({ min: Percent, max: Percent, default: Percent })
	.refine(({ min, max, default: fallback }) => min <= fallback && fallback <= max, 'volume limits must satisfy min ≤ default ≤ max');

const GuildSettingsV2 = z.object({
	language: Locale.nullable(),
	voiceChannelId: Snowflake.nullable(),
	djRoleId: Snowflake.nullable(),
	defaultStationId: StationId.nullable(),
	autoJoin: z.boolean(),
	volume: VolumeLimitsSchema,
	noticeChannelId: Snowflake.nullable()
});

const GuildSettingsV3 = GuildSettingsV2.extend({ nowPlayingCard: z.boolean(), switchBack: z.boolean() });

/** The first release's shape: flat volume fields and a snake_case DJ role. */
const GuildSettingsV1 = z.object({
	language: Locale.nullable(),
	voiceChannelId: Snowflake.nullable(),
	dj_role: Snowflake.nullable(),
	defaultStationId: StationId.nullable(),
	autoJoin: z.boolean(),
	volumeMin: Percent,
	volumeMax: Percent,
	volumeDefault: Percent,
	noticeChannelId: Snowflake.nullable()
});

export const GuildSettingsKind: RecordKind<GuildSettings> = {
	description: 'server settings',
	version: 3,
	schema: GuildSettingsV3,
	migrations: {
		1: migration(GuildSettingsV1, ({ dj_role, volumeMin, volumeMax, volumeDefault, ...rest }) => ({
			...rest,
			djRoleId: dj_role,
			volume: { min: volumeMin, max: volumeMax, default: volumeDefault }
		})),
		// Version 3 added the now-playing card and switching back after a failover, both on by default.
		2: migration(GuildSettingsV2, (settings) => ({ ...settings, nowPlayingCard: true, switchBack: true }))
	}
};

const SessionV1 = z.object({
	guildId: Snowflake,
	channelId: Snowflake,
	stationId: StationId,
	volume: Percent,
	textChannelId: Snowflake.nullable(),
	since: EpochMs
});

export const SessionKind: RecordKind<SessionRecord> = {
	description: 'listening session',
	version: 2,
	schema: SessionV1.extend({
		card: z.object({ channelId: Snowflake, messageId: Snowflake }).nullable(),
		failoverFromId: StationId.nullable()
	}),
	// Version 2 added the now-playing card and the failover's original station.
	migrations: { 1: migration(SessionV1, (session) => ({ ...session, card: null, failoverFromId: null })) }
};

export const CustomStationsKind: RecordKind<CustomStationRecord[]> = {
	description: 'custom stations',
	version: 1,
	schema: z.array(
		z.object({
			id: StationId,
			name: z.string().min(1).max(200),
			url: z.string().min(1).max(2_048),
			aliases: z.array(z.string().min(1).max(100)).max(50),
			format: z.string().max(50),
			bitrate: z.number().nonnegative(),
			addedBy: Snowflake,
			addedAt: EpochMs
		})
	),
	migrations: {}
};

const MemberStationSchema = z.object({
	id: StationId,
	name: z.string().min(1).max(200),
	url: z.string().min(1).max(2_048).optional(),
	logo: z.string().min(1).max(2_048).optional(),
	format: z.string().max(50),
	bitrate: z.number().int().nonnegative()
});

export const MemberStationsKind: RecordKind<MemberStationsRecord> = {
	description: "member's stations",
	version: 1,
	schema: z.object({ favorites: z.array(MemberStationSchema).max(100), last: MemberStationSchema.nullable() }),
	migrations: {}
};

const Seconds = z.number().int().nonnegative();

export const ListeningStatsKind: RecordKind<ListeningStatsRecord> = {
	description: 'listening statistics',
	version: 1,
	schema: z
		.object({
			stations: z.array(z.object({ id: StationId, name: z.string().max(200) })).max(5_000),
			days: z
				.array(
					z.object({ day: z.number().int().nonnegative(), entries: z.array(z.tuple([z.number().int().nonnegative(), Seconds, Seconds])) })
				)
				.max(400)
		})
		.refine(
			({ stations, days }) => days.every((day) => day.entries.every(([index]) => index < stations.length)),
			'every entry must refer to a listed station'
		),
	migrations: {}
};

export const SleepTimerKind: RecordKind<SleepTimerRecord> = {
	description: 'sleep timer',
	version: 1,
	schema: z.object({ endsAt: EpochMs, setBy: Snowflake, sessionSince: EpochMs }),
	migrations: {}
};

/** Written at every start to prove the store can be read and written. */
export const HeartbeatKind: RecordKind<{ at: number; pid: number }> = {
	description: 'heartbeat',
	version: 1,
	schema: z.object({ at: EpochMs, pid: z.number().int() }),
	migrations: {}
};
