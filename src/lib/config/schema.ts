import { z } from 'zod';
import { describeValue } from '#lib/config/describeValue';
import { normalizeAlias } from '#lib/config/stationId';

/** Formats a station may declare; the file may use any case. */
export const stationFormats = ['MP3', 'AAC', 'OGG', 'OPUS', 'HLS'] as const;
export type StationFormat = (typeof stationFormats)[number];

export const defaultGithubUrl = 'https://github.com/alastor-radio/alastor';

function isHttpUrl(value: string): boolean {
	if (!/^https?:\/\//i.test(value)) return false;
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

const httpUrl = z
	.string()
	.trim()
	.refine(isHttpUrl, { error: (issue) => `must be an http:// or https:// URL (got ${describeValue(issue.input)})` });

/** Services the bot queries itself (not stations) are reached over HTTPS only. */
const httpsUrl = z
	.string()
	.trim()
	.refine((value) => isHttpUrl(value) && value.toLowerCase().startsWith('https://'), {
		error: (issue) => `must be an https:// URL (got ${describeValue(issue.input)})`
	});

const nonEmptyText = z.string().trim().min(1, { error: 'must not be empty' });

const positiveInteger = (unit: string) =>
	z
		.number()
		.int({ error: (issue) => `must be a whole number of ${unit} (got ${describeValue(issue.input)})` })
		.positive({ error: (issue) => `must be greater than 0 (got ${describeValue(issue.input)})` });

const stationFormat = z
	.string()
	.refine((value) => (stationFormats as readonly string[]).includes(value.trim().toUpperCase()), {
		error: (issue) => `must be one of ${stationFormats.join(', ')} (got ${describeValue(issue.input)})`
	})
	.transform((value) => value.trim().toUpperCase() as StationFormat);

const alias = z
	.string()
	.transform(normalizeAlias)
	.pipe(z.string().min(1, { error: 'must not be empty' }));

export const stationSchema = z.strictObject({
	url: httpUrl,
	aliases: z.array(alias).default([]),
	bitrate: positiveInteger('kbps'),
	format: stationFormat,
	description: z.string().trim().default(''),
	/** Shown as the thumbnail of the now-playing card and /radio info. */
	logo: httpUrl.optional(),
	/** Stations (by name, alias or id) its listeners move to, in order, when it stays down. */
	fallback: z.array(nonEmptyText).default([])
});

export const botSchema = z.strictObject({
	prefix: nonEmptyText.refine((value) => !/\s/.test(value), { error: 'must not contain spaces' }).default('!'),
	description: z.string().trim().default('Internet radio in your voice channel.'),
	version: nonEmptyText.default('1.0.0'),
	github_url: httpUrl.default(defaultGithubUrl)
});

export const donationSchema = z.strictObject({
	name: nonEmptyText,
	url: httpUrl,
	emoji: z.string().trim().optional()
});

export const voiceSchema = z.strictObject({
	/** Leave the voice channel after this long alone (no humans) in it. */
	idle_timeout_seconds: positiveInteger('seconds').default(30),
	/** Keep a station's shared pipeline alive this long after its last listener leaves, for quick re-joins. */
	pipeline_grace_seconds: z.number().int().min(0).default(15),
	/** Opus bitrate sent to Discord. */
	opus_bitrate_kbps: positiveInteger('kbps')
		.max(510, { error: (issue) => `must be at most 510 (got ${describeValue(issue.input)})` })
		.default(128),
	/** Restarts of a failing stream, with growing waits, before its listeners are told it is down. */
	restart_attempts: positiveInteger('attempts').default(6),
	/** The longest wait between two restarts. */
	restart_max_delay_seconds: positiveInteger('seconds').default(30),
	/** The song shown as a voice channel's status changes at most this often (a station flooding titles costs one update per interval). */
	status_interval_seconds: positiveInteger('seconds').default(15),
	/** Streams (one ffmpeg each) of stations added by servers (/station add) that may run at once, across all servers. */
	max_custom_pipelines: positiveInteger('pipelines').default(50),
	/** Streams of its own stations one server may run at once; each volume level of a station is a stream of its own. */
	max_custom_pipelines_per_server: positiveInteger('pipelines').default(3),
	/** How long a voice join may take before the member is told it failed (and it is withdrawn). */
	join_timeout_seconds: positiveInteger('seconds').default(15),
	/** No audio for this long while ffmpeg runs is a stalled stream: it is restarted. Frames come every 20 ms. */
	stall_timeout_seconds: positiveInteger('seconds').default(6),
	/** A stream (or a 24/7 session) that ran this long counts as healthy again: its restart budget starts over. */
	healthy_after_seconds: positiveInteger('seconds').default(60),
	/** Voice rejoins after a disconnect, each waiting longer, before the session ends. */
	rejoin_attempts: positiveInteger('attempts').default(5),
	/** A now-playing card is edited at most this often (a station flooding titles costs one edit per interval). */
	card_interval_seconds: positiveInteger('seconds').default(5),
	/**
	 * Voice joins, moves and leaves sent per shard and minute. Discord allows 120 gateway messages a minute, and
	 * discord.js sends anything it was given however late; ours wait in a queue where they can be withdrawn.
	 */
	gateway_joins_per_minute: positiveInteger('joins')
		.max(104, {
			error: (issue) =>
				`must be at most 104, leaving room for a burst of 10 within discord.js's 114 a minute (got ${describeValue(issue.input)})`
		})
		.default(100),
	/** How long a join may wait in that queue before it is withdrawn and the member told Discord's rate limit holds it. */
	join_queue_wait_seconds: positiveInteger('seconds').default(90),
	/**
	 * Hidden, for `npm run bench -- listeners` only: false gives every server its own ffmpeg (the naive design most bots
	 * use), so both designs can be measured side by side. Not in config.yaml on purpose.
	 */
	share_pipelines: z.boolean().default(true)
});

export const resumeSchema = z.strictObject({
	/** After a restart every saved session starts rejoining within this many seconds of READY. */
	window_seconds: positiveInteger('seconds').default(8),
	/** …and two rejoins start at most this far apart. */
	max_spacing_ms: positiveInteger('milliseconds').default(250),
	/** Tries of a saved session that cannot rejoin before it is dropped (24/7 servers keep trying). */
	attempts: positiveInteger('attempts').default(6),
	/** The first wait before a retry; it doubles, up to retry_max_delay_seconds. */
	retry_delay_seconds: positiveInteger('seconds').default(2),
	retry_max_delay_seconds: positiveInteger('seconds').default(300),
	/**
	 * Rejoins one shard starts per minute. Each is a gateway command, and Discord allows 120 a minute per shard (discord.js
	 * sends at most 114): the rest is left for members' own /radio play. The automatic shard count keeps every shard's
	 * saved sessions within one minute's budget.
	 */
	joins_per_shard_minute: positiveInteger('joins')
		.max(114, { error: (issue) => `must be at most 114, what discord.js sends a minute per shard (got ${describeValue(issue.input)})` })
		.default(100)
});

export const shardingSchema = z.strictObject({
	/** The most shards the automatic count (no SHARD_COUNT set) may choose for the saved sessions. */
	max_shards: positiveInteger('shards').default(64),
	/** How often each process reports its counts for /info totals across shards and instances (Redis); a report lives three intervals. */
	stats_interval_seconds: positiveInteger('seconds').default(15),
	/** /info waits this long for the other processes' counts before it shows this process's alone. */
	stats_timeout_ms: positiveInteger('milliseconds').default(1500),
	/** npm run start:sharded starts a shard process that died again after a wait that doubles up to this (a crash loop slows down). */
	respawn_max_delay_seconds: positiveInteger('seconds').default(60)
});

export const configReloadSchema = z.strictObject({
	/** Watch config.yaml and apply a valid edit without a restart (stations, texts, donations). */
	watch: z.boolean().default(true),
	/** Wait this long after the last change to the file before reading it, so an editor's several writes count as one edit. */
	debounce_ms: positiveInteger('milliseconds').default(500)
});

export const limitsSchema = z.strictObject({
	/** Playback changes (/radio play, stop, volume, and the buttons and menus that play) one member may make… */
	playback_changes: positiveInteger('changes').default(5),
	/** …within this many seconds. */
	playback_window_seconds: positiveInteger('seconds').default(30),
	/** Setup and station changes one server may make… */
	setup_changes: positiveInteger('changes').default(10),
	/** …within this many seconds. */
	setup_window_seconds: positiveInteger('seconds').default(60),
	/** Directory searches and favourite changes one member may make… */
	member_actions: positiveInteger('actions').default(10),
	/** …within this many seconds. */
	member_window_seconds: positiveInteger('seconds').default(60)
});

export const streamSchema = z.strictObject({
	/** How long the pre-flight check of a station URL may take before the station counts as unreachable. */
	preflight_timeout_ms: positiveInteger('milliseconds').default(5000),
	/** Defaults to `Alastor/<bot.version> (+<bot.github_url>)`. */
	user_agent: nonEmptyText.optional(),
	/**
	 * Lets custom stations (/station add) use loopback, private, link-local and other non-public addresses. For tests
	 * against local servers only: it lets server admins make the bot fetch from its own host's network.
	 */
	allow_private_addresses: z.boolean().default(false)
});

/** The radio-browser.info station directory (/radio search). */
export const directorySchema = z.strictObject({
	/** Off: /radio search is not offered. */
	enabled: z.boolean().default(true),
	/** One API server to use (https only), e.g. https://de1.api.radio-browser.info. Unset: discovered through `discovery_host`. */
	base_url: httpsUrl.optional(),
	/** Its addresses, named back by reverse DNS, are the API servers (radio-browser.info's documented discovery); one is picked at random. */
	discovery_host: nonEmptyText.default('all.api.radio-browser.info'),
	/** How long the discovered server list is reused. */
	discovery_ttl_seconds: positiveInteger('seconds').default(3600),
	/** How long a search's results are reused (the same search by anyone costs no request meanwhile). */
	cache_ttl_seconds: positiveInteger('seconds').default(600),
	/** Results shown per search: one row of buttons each, and Discord allows five rows. */
	result_limit: positiveInteger('results')
		.max(5, { error: (issue) => `must be at most 5 (got ${describeValue(issue.input)})` })
		.default(5),
	/** One directory request (all its redirects included) may take this long. */
	request_timeout_ms: positiveInteger('milliseconds').default(5000),
	/** A directory answer larger than this is refused unread. */
	max_response_kib: positiveInteger('KiB').default(512),
	/** Requests to the directory from the whole bot… */
	max_requests: positiveInteger('requests').default(60),
	/** …within this many seconds (cached answers are free). */
	requests_window_seconds: positiveInteger('seconds').default(60)
});

/** Per-member favourite stations (/radio favorite). */
export const favoritesSchema = z.strictObject({
	/** Favourites one member may keep; autocomplete shows at most 25 choices. */
	max_per_member: positiveInteger('stations')
		.max(25, { error: (issue) => `must be at most 25 (got ${describeValue(issue.input)})` })
		.default(25)
});

/** /radio sleep. */
export const sleepSchema = z.strictObject({
	/** The longest sleep timer a member may set. */
	max_minutes: positiveInteger('minutes').default(720)
});

/** Listening statistics per server (/radio stats). */
export const statsSchema = z.strictObject({
	/** Listening time is counted and written this often (one write per listening server). */
	flush_seconds: positiveInteger('seconds').default(60),
	/** Daily counts are kept this long. */
	retention_days: positiveInteger('days').default(31),
	/** Stations counted per server and day; the least listened make room. */
	max_stations_per_day: positiveInteger('stations').default(20)
});

/** Station health: stations nobody listens to are probed (a preflight) so failover and the station list know which are on air. */
export const healthSchema = z.strictObject({
	/** A round of probes starts about this often (each wait varies by up to a fifth, so rounds never line up). */
	probe_interval_seconds: positiveInteger('seconds').default(60),
	/** Probes running at once. */
	probe_concurrency: positiveInteger('probes').default(2),
	/** Stations probed per round at most; a large catalog is covered over several rounds, least recently probed first. */
	probes_per_round: positiveInteger('probes').default(10)
});

export const setupSchema = z.strictObject({
	/** An unanswered /setup wizard ends after this long without a click, saving nothing. */
	wizard_timeout_seconds: positiveInteger('seconds').default(300)
});

export const configSchema = z.strictObject({
	bot: botSchema.prefault({}),
	radios: z.preprocess(
		(value) => (value === null ? {} : value),
		z.record(z.string(), stationSchema).refine((radios) => Object.keys(radios).length > 0, { error: 'must list at least one station (got none)' })
	),
	donations: z.preprocess((value) => (value === null ? [] : value), z.array(donationSchema)).default([]),
	voice: voiceSchema.prefault({}),
	stream: streamSchema.prefault({}),
	setup: setupSchema.prefault({}),
	resume: resumeSchema.prefault({}),
	limits: limitsSchema.prefault({}),
	sharding: shardingSchema.prefault({}),
	config_reload: configReloadSchema.prefault({}),
	directory: directorySchema.prefault({}),
	favorites: favoritesSchema.prefault({}),
	sleep: sleepSchema.prefault({}),
	stats: statsSchema.prefault({}),
	health: healthSchema.prefault({})
});

export type RawConfig = z.output<typeof configSchema>;
export type RawStation = z.output<typeof stationSchema>;

/** Top-level and station keys, for "did you mean" hints. */
export const knownKeys = {
	root: Object.keys(configSchema.shape),
	station: Object.keys(stationSchema.shape),
	bot: Object.keys(botSchema.shape),
	donation: Object.keys(donationSchema.shape),
	voice: Object.keys(voiceSchema.shape),
	stream: Object.keys(streamSchema.shape),
	setup: Object.keys(setupSchema.shape),
	resume: Object.keys(resumeSchema.shape),
	limits: Object.keys(limitsSchema.shape),
	sharding: Object.keys(shardingSchema.shape),
	config_reload: Object.keys(configReloadSchema.shape),
	directory: Object.keys(directorySchema.shape),
	favorites: Object.keys(favoritesSchema.shape),
	sleep: Object.keys(sleepSchema.shape),
	stats: Object.keys(statsSchema.shape),
	health: Object.keys(healthSchema.shape)
} as const;
