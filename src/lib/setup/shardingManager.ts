import { container } from '@sapphire/framework';
import { ShardingManager, type Shard } from 'discord.js';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { askProcessState, type ProcessState } from '#lib/cluster/processState';
import type { Config } from '#lib/config/types';
import type { Environment } from '#lib/env';
import { serverPort, startHealthServer } from '#lib/health/HealthServer';
import { logger, type Log } from '#lib/logger/logger';
import { ExitConfigError } from '#lib/setup/bootstrap';
import type { ShardPlan } from '#lib/setup/sharding';
import { backoffDelay } from '#lib/timing/backoff';

/** The processes' own graceful shutdown has 9 s; the manager waits a little longer for them. */
const ChildShutdownMs = 9_500;
/** discord.js's default: one IDENTIFY per 5 s, which processes that do not know of each other cannot coordinate. */
const SpawnDelayMs = 5_500;

/** Runs the manager for `plan` with config.yaml's policies (setupConfig loaded it). */
export function startShardingManager(file: string, env: Environment, plan: ShardPlan): Promise<void> {
	return runShardingManager(file, env, container.config, plan, logger.child({ area: 'sharding' }));
}

/**
 * `npm run start:sharded`: discord.js's ShardingManager runs one process per shard of `plan` (each the normal bot,
 * `dist/src/index.js`), starts a process that died again after a growing wait (a configuration error stops them all
 * instead), answers /healthz and /readyz for all of them, and on SIGTERM or SIGINT stops each one gracefully.
 */
export async function runShardingManager(file: string, env: Environment, config: Config, plan: ShardPlan, log: Log): Promise<void> {
	// Respawning is ours: discord.js would start a crashing process again at once, forever.
	const manager = new ShardingManager(file, {
		totalShards: plan.count,
		shardList: [...plan.ids],
		token: env.discordToken!,
		mode: 'process',
		respawn: false
	});
	const respawn = { baseDelayMs: 1_000, maxDelayMs: config.sharding.respawnMaxDelaySeconds * 1_000, maxAttempts: Infinity };
	const healthyAfterMs = config.voice.healthyAfterSeconds * 1_000;
	const deaths = new Map<number, { count: number; startedAt: number }>();
	let stopping = false;

	const stop = async (why: string, exitCode: number) => {
		if (stopping) return;
		stopping = true;
		log.info({ why }, 'stopping every shard process');
		const exits = await Promise.all(manager.shards.map((shard) => stopProcess(shard.process, shard.id)));
		const failed = exits.filter((code) => code !== 0).length;
		log.info({ processes: exits.length, failed }, 'every shard process stopped');
		// The reason to stop decides the code (78 for a configuration error); otherwise whether every process stopped cleanly.
		process.exit(exitCode || (failed === 0 ? 0 : 1));
	};

	const stopProcess = async (child: ChildProcess | null, shard: number): Promise<number> => {
		if (!child || child.exitCode !== null || child.signalCode !== null) return 0;
		const exited = once(child, 'exit');
		child.kill('SIGTERM');
		const timeout = new Promise<null>((resolve) => setTimeout(resolve, ChildShutdownMs, null).unref());
		const result = await Promise.race([exited, timeout]);
		if (result !== null) return (result[0] as number | null) ?? 1;
		log.error({ shard }, 'shard process did not stop in time: killing it');
		child.kill('SIGKILL');
		return 1;
	};

	manager.on('shardCreate', (shard: Shard) => {
		// The manager answers health checks for every process; theirs would all want the same port.
		(shard.env as NodeJS.ProcessEnv).HEALTH_PORT = 'off';
		deaths.set(shard.id, { count: 0, startedAt: Date.now() });
		shard.on('spawn', () => (deaths.get(shard.id)!.startedAt = Date.now()));
		shard.on('death', (child) => {
			const code = (child as ChildProcess).exitCode;
			if (stopping) return;
			// A configuration error: starting it again cannot help.
			if (code === ExitConfigError) {
				log.error({ shard: shard.id, code }, 'a shard process stopped on a configuration error: stopping all of them');
				void stop('configuration error', ExitConfigError);
				return;
			}
			const record = deaths.get(shard.id)!;
			record.count = Date.now() - record.startedAt >= healthyAfterMs ? 1 : record.count + 1;
			const delayMs = backoffDelay(record.count, respawn);
			log.warn({ shard: shard.id, code, restart: record.count, delayMs }, 'shard process exited: starting it again');
			setTimeout(() => {
				if (!stopping)
					shard.spawn(-1).catch((error: unknown) => log.error({ err: error, shard: shard.id }, 'shard process could not be started'));
			}, delayMs).unref();
		});
		log.info({ shard: shard.id, shardCount: plan.count }, 'shard process started');
	});

	if (env.healthPort !== null) {
		const server = await startHealthServer({
			port: env.healthPort,
			host: env.healthHost,
			isHealthy: () =>
				!stopping && manager.shards.size === plan.ids.length && manager.shards.every((shard) => shard.process?.exitCode === null),
			readiness: async () => {
				if (stopping || manager.shards.size !== plan.ids.length) return { ready: false };
				const states = (await manager.broadcastEval(askProcessState).catch(() => [])) as (ProcessState | null)[];
				const shards = states.filter((state) => state !== null).flatMap((state) => state.shardIds.map((id) => ({ id, ready: state.ready })));
				const ready = shards.length === plan.ids.length && shards.every((shard) => shard.ready);
				return { ready, detail: { shards: shards.sort((a, b) => a.id - b.id) } };
			}
		});
		log.info({ host: env.healthHost, port: serverPort(server) }, 'health server listening');
	}

	process.once('SIGTERM', (signal) => void stop(signal, 0));
	process.once('SIGINT', (signal) => void stop(signal, 0));
	await manager.spawn({ amount: plan.count, delay: SpawnDelayMs, timeout: -1 });
}
