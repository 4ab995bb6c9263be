import { readShardSelection, type ShardSelection } from '#lib/cluster/shardSelection';

/** The environment the bot reads, parsed once. Everything else comes from config.yaml. */
export interface Environment {
	/** Absent: `npm start` runs the offline demo instead of connecting to Discord. */
	discordToken: string | null;
	/** Overrides Discord's REST base (`https://discord.com/api`); the emulator and HTTP proxies use it. */
	discordApiUrl: string | null;
	logLevel: string;
	/** Register commands in these guilds only (instant updates while developing); empty registers globally. */
	developmentGuildIds: string[];
	/** Port of /healthz and /metrics; null turns them off, 0 picks a free port (tests). */
	healthPort: number | null;
	/** Address /healthz and /metrics listen on (HEALTH_HOST): loopback unless set, so metrics are not public by accident. */
	healthHost: string;
	/** HEALTH_DEBUG=on: /debug/resources (resource counts for leak checks, loopback clients only). Off by default. */
	healthDebug: boolean;
	/** SQLite settings file (SETTINGS_PATH), relative to the working directory unless absolute; used when no Redis URL is set. */
	settingsPath: string;
	/** REDIS_URL: keep settings in Redis instead, shared by several instances. */
	redisUrl: string | null;
	/** SETTINGS_NAMESPACE: key prefix; instances sharing one Redis for the same bot use the same one. */
	settingsNamespace: string;
	/** SHARD_COUNT and SHARD_IDS: which shards this process runs (throws ShardSelectionError when they are wrong). */
	shards: ShardSelection;
}

/** Only this machine (and a container's own HEALTHCHECK) can reach /healthz and /metrics unless HEALTH_HOST says otherwise. */
export const DefaultHealthHost = '127.0.0.1';

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
	return {
		discordToken: nonEmpty(env.DISCORD_TOKEN),
		discordApiUrl: nonEmpty(env.DISCORD_API_URL),
		logLevel: nonEmpty(env.LOG_LEVEL) ?? 'info',
		developmentGuildIds: (env.DEVELOPMENT_GUILD_IDS ?? '')
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean),
		healthPort: parseHealthPort(env.HEALTH_PORT),
		healthHost: nonEmpty(env.HEALTH_HOST) ?? DefaultHealthHost,
		healthDebug: nonEmpty(env.HEALTH_DEBUG)?.toLowerCase() === 'on',
		settingsPath: nonEmpty(env.SETTINGS_PATH) ?? 'data/alastor.sqlite',
		redisUrl: nonEmpty(env.REDIS_URL),
		settingsNamespace: nonEmpty(env.SETTINGS_NAMESPACE) ?? 'alastor',
		shards: readShardSelection(env)
	};
}

function nonEmpty(value: string | undefined): string | null {
	const trimmed = value?.trim();
	return trimmed ? trimmed : null;
}

function parseHealthPort(value: string | undefined): number | null {
	const text = nonEmpty(value);
	if (text === null) return 8080;
	if (text === 'off') return null;
	const port = Number(text);
	return Number.isInteger(port) && port >= 0 && port < 65_536 ? port : 8080;
}
