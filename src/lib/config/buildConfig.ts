import { deepFreeze } from './deepFreeze.js';
import type { RawConfig } from './schema.js';
import { stationId } from './stationId.js';
import type { Config, Station } from './types.js';

/** The validated snake_case file contents → the frozen, camelCased Config the bot uses. `stationOrder` keeps file order. */
export function buildConfig(raw: RawConfig, stationOrder: readonly string[], file: string): Config {
	const radios: Station[] = stationOrder
		.filter((name) => Object.hasOwn(raw.radios, name))
		.map((name) => {
			const station = raw.radios[name];
			return {
				id: stationId(name),
				name: name.trim(),
				url: station.url,
				aliases: [...new Set(station.aliases)],
				bitrate: station.bitrate,
				format: station.format,
				description: station.description
			};
		});

	return deepFreeze({
		file,
		bot: { prefix: raw.bot.prefix, description: raw.bot.description, version: raw.bot.version, githubUrl: raw.bot.github_url },
		radios,
		donations: raw.donations.map((donation) => ({ name: donation.name, url: donation.url, emoji: donation.emoji })),
		voice: {
			idleTimeoutSeconds: raw.voice.idle_timeout_seconds,
			pipelineGraceSeconds: raw.voice.pipeline_grace_seconds,
			opusBitrateKbps: raw.voice.opus_bitrate_kbps,
			restartAttempts: raw.voice.restart_attempts,
			restartMaxDelaySeconds: raw.voice.restart_max_delay_seconds,
			statusIntervalSeconds: raw.voice.status_interval_seconds,
			sharePipelines: raw.voice.share_pipelines
		},
		stream: {
			preflightTimeoutMs: raw.stream.preflight_timeout_ms,
			userAgent: raw.stream.user_agent ?? `Alastor/${raw.bot.version} (+${raw.bot.github_url})`,
			allowPrivateAddresses: raw.stream.allow_private_addresses
		},
		setup: { wizardTimeoutSeconds: raw.setup.wizard_timeout_seconds }
	});
}
