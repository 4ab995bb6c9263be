import { container } from '@sapphire/framework';
import { randomUUID } from 'node:crypto';
import { ClusterView } from '#lib/cluster/ClusterView';
import { askProcessState } from '#lib/cluster/processState';
import { readinessOf, type Readiness } from '#lib/cluster/readiness';
import type { Log } from '#lib/logger/logger';

/** This process among the bot's shards and instances: its counts (reported through Redis when shared) and the totals. */
export function setupCluster(log: Log): void {
	const { client, config } = container;
	const shared = container.settings.shared ?? null;
	container.cluster = new ClusterView({
		instanceId: shared?.instanceId ?? randomUUID(),
		local: () => ({
			shardIds: [...client.ws.shards.keys()],
			shardCount: client.options.shardCount ?? 1,
			guilds: client.guilds.cache.size,
			sessions: container.voice.activeSessions.length,
			pipelines: container.voice.activePipelines.length
		}),
		shared,
		// broadcastEval runs the function's source in each process: pass it itself, not a closure calling it.
		shardProcesses: client.shard ? () => client.shard!.broadcastEval(askProcessState) : null,
		intervalMs: config.sharding.statsIntervalSeconds * 1_000,
		timeoutMs: config.sharding.statsTimeoutMs,
		log
	});
}

/** Ready: every shard of this process is READY, the voice service runs, and no shutdown began. */
export function readiness(): Readiness {
	return readinessOf(container.client, container.voice.running && !container.shuttingDown);
}
