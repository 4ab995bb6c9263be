import { ShardingManager, type Shard } from 'discord.js';
import { once } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { askProcessState, type ProcessState } from '#lib/cluster/processState';
import type { Environment } from '#lib/env';
import { serverPort, startHealthServer } from '#lib/health/HealthServer';
import type { Log } from '#lib/logger/logger';
import type { ShardPlan } from '#lib/setup/sharding';

/** The processes' own graceful shutdown has 9 s; the manager waits a little longer for them. */
const ChildShutdownMs = 9_500;
/** discord.js's default: one IDENTIFY per 5 s, which processes that do not know of each other cannot coordinate. */
const SpawnDelayMs = 5_500;

/**
 * `npm run start:sharded`: discord.js's ShardingManager runs one process per shard of `plan` (each the normal bot,
 * `dist/src/index.js`), respawns a process that dies, answers /healthz and /readyz for all of them, and on SIGTERM or
 * SIGINT stops them gracefully (each saves its sessions) without respawning.
 */
export async function runShardingManager(file: string, env: Environment, plan: ShardPlan, log: Log): Promise<void> {
	const manager = new ShardingManager(file, {
		totalShards: plan.count,
		shardList: [...plan.ids],
		token: env.discordToken!,
		mode: 'process',
		respawn: true,
		execArgv: process.execArgv
	});
	manager.on('shardCreate', (shard: Shard) => {
		// The manager answers health checks for every process; theirs would all want the same port.
		(shard.env as NodeJS.ProcessEnv).HEALTH_PORT = 'off';
		shard.on('death', (child) => log.warn({ shard: shard.id, code: (child as ChildProcess).exitCode }, 'shard process exited'));
		log.info({ shard: shard.id, shardCount: plan.count }, 'shard process started');
	});

	let stopping = false;
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

	const shutdown = async (signal: NodeJS.Signals) => {
		if (stopping) return;
		stopping = true;
		manager.respawn = false;
		log.info({ signal }, 'stopping every shard process');
		const exits = await Promise.all(
			manager.shards.map(async (shard) => {
				const child = shard.process;
				if (!child || child.exitCode !== null || child.signalCode !== null) return 0;
				const exited = once(child, 'exit');
				child.kill('SIGTERM');
				const timeout = new Promise<null>((resolve) => setTimeout(resolve, ChildShutdownMs, null).unref());
				const result = await Promise.race([exited, timeout]);
				if (result === null) {
					log.error({ shard: shard.id }, 'shard process did not stop in time: killing it');
					child.kill('SIGKILL');
					return 1;
				}
				return (result[0] as number | null) ?? 1;
			})
		);
		const failed = exits.filter((code) => code !== 0).length;
		log.info({ processes: exits.length, failed }, 'every shard process stopped');
		process.exit(failed === 0 ? 0 : 1);
	};
	process.once('SIGTERM', (signal) => void shutdown(signal));
	process.once('SIGINT', (signal) => void shutdown(signal));

	await manager.spawn({ amount: plan.count, delay: SpawnDelayMs, timeout: -1 });
}
