import type { Client } from 'discord.js';
import type { InstanceStats } from '#lib/settings/RedisShared';

/** What one process answers a ShardingManager that asks (broadcastEval): its counts and whether it is ready. */
export interface ProcessState extends InstanceStats {
	readonly ready: boolean;
}

/** The client event a process's listener answers with its ProcessState (pushed onto the array it is given). */
export const ProcessStateEvent = 'alastorProcessState';

/**
 * Runs inside each shard process: broadcastEval sends this function's source there, so it may use nothing but its
 * argument (the event name is written out, not imported).
 */
export function askProcessState(client: Client): unknown {
	const answers: unknown[] = [];
	(client.emit as (event: string, ...args: unknown[]) => boolean)('alastorProcessState', answers);
	return answers[0] ?? null;
}
