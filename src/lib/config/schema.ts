import { z } from 'zod';
import { describeValue } from './describeValue.js';
import { normalizeAlias } from './normalizeAlias.js';

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
	description: z.string().trim().default('')
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
	/**
	 * Hidden, for `npm run bench -- listeners` only: false gives every server its own ffmpeg (the naive design most bots
	 * use), so both designs can be measured side by side. Not in config.yaml on purpose.
	 */
	share_pipelines: z.boolean().default(true)
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
	setup: setupSchema.prefault({})
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
	setup: Object.keys(setupSchema.shape)
} as const;
