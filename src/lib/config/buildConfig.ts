import type { RawConfig } from '#lib/config/schema';
import { stationId } from '#lib/config/stationId';
import { stationReferences } from '#lib/config/stationReferences';
import type { Config, Station } from '#lib/config/types';

/** The validated snake_case file contents → the frozen, camelCased Config the bot uses. `stationOrder` keeps file order. */
export function buildConfig(raw: RawConfig, stationOrder: readonly string[], file: string): Config {
	const names = stationOrder.filter((name) => Object.hasOwn(raw.radios, name));
	const idOf = stationReferences(raw.radios, names);
	const radios: Station[] = names.map((name) => {
		const station = raw.radios[name];
		const id = stationId(name);
		// checkStations refused unknown names; a station never falls back on itself.
		const fallback = [...new Set(station.fallback.map((reference) => idOf(reference)))].filter(
			(other): other is string => other !== undefined && other !== id
		);
		return {
			id,
			name: name.trim(),
			url: station.url,
			aliases: [...new Set(station.aliases)],
			bitrate: station.bitrate,
			format: station.format,
			description: station.description,
			...(station.logo && { logo: station.logo }),
			...(fallback.length > 0 && { fallback })
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
			maxCustomPipelines: raw.voice.max_custom_pipelines,
			maxCustomPipelinesPerServer: raw.voice.max_custom_pipelines_per_server,
			joinTimeoutSeconds: raw.voice.join_timeout_seconds,
			stallTimeoutSeconds: raw.voice.stall_timeout_seconds,
			healthyAfterSeconds: raw.voice.healthy_after_seconds,
			rejoinAttempts: raw.voice.rejoin_attempts,
			cardIntervalSeconds: raw.voice.card_interval_seconds,
			gatewayJoinsPerMinute: raw.voice.gateway_joins_per_minute,
			joinQueueWaitSeconds: raw.voice.join_queue_wait_seconds,
			sharePipelines: raw.voice.share_pipelines
		},
		stream: {
			preflightTimeoutMs: raw.stream.preflight_timeout_ms,
			userAgent: raw.stream.user_agent ?? `Alastor/${raw.bot.version} (+${raw.bot.github_url})`,
			allowPrivateAddresses: raw.stream.allow_private_addresses
		},
		setup: { wizardTimeoutSeconds: raw.setup.wizard_timeout_seconds },
		resume: {
			windowSeconds: raw.resume.window_seconds,
			maxSpacingMs: raw.resume.max_spacing_ms,
			attempts: raw.resume.attempts,
			retryDelaySeconds: raw.resume.retry_delay_seconds,
			retryMaxDelaySeconds: raw.resume.retry_max_delay_seconds,
			joinsPerShardMinute: raw.resume.joins_per_shard_minute
		},
		limits: {
			playbackChanges: raw.limits.playback_changes,
			playbackWindowSeconds: raw.limits.playback_window_seconds,
			setupChanges: raw.limits.setup_changes,
			setupWindowSeconds: raw.limits.setup_window_seconds,
			memberActions: raw.limits.member_actions,
			memberWindowSeconds: raw.limits.member_window_seconds
		},
		directory: {
			enabled: raw.directory.enabled,
			baseUrl: raw.directory.base_url?.replace(/\/+$/, '') ?? null,
			discoveryHost: raw.directory.discovery_host,
			discoveryTtlSeconds: raw.directory.discovery_ttl_seconds,
			cacheTtlSeconds: raw.directory.cache_ttl_seconds,
			resultLimit: raw.directory.result_limit,
			requestTimeoutMs: raw.directory.request_timeout_ms,
			maxResponseBytes: raw.directory.max_response_kib * 1024,
			maxRequests: raw.directory.max_requests,
			requestsWindowSeconds: raw.directory.requests_window_seconds
		},
		favorites: { maxPerMember: raw.favorites.max_per_member },
		sleep: { maxMinutes: raw.sleep.max_minutes },
		stats: {
			flushSeconds: raw.stats.flush_seconds,
			retentionDays: raw.stats.retention_days,
			maxStationsPerDay: raw.stats.max_stations_per_day
		},
		sharding: {
			maxShards: raw.sharding.max_shards,
			statsIntervalSeconds: raw.sharding.stats_interval_seconds,
			statsTimeoutMs: raw.sharding.stats_timeout_ms,
			respawnMaxDelaySeconds: raw.sharding.respawn_max_delay_seconds
		},
		configReload: { watch: raw.config_reload.watch, debounceMs: raw.config_reload.debounce_ms },
		health: {
			probeIntervalSeconds: raw.health.probe_interval_seconds,
			probeConcurrency: raw.health.probe_concurrency,
			probesPerRound: raw.health.probes_per_round
		}
	});
}

/** Freezes a plain data tree (objects and arrays) in place and returns it. */
export function deepFreeze<T>(value: T): T {
	if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) deepFreeze(child);
	}
	return value;
}
