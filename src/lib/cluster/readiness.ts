import { Status, type Client } from 'discord.js';

export interface Readiness {
	readonly ready: boolean;
	/** Each shard this process runs, with discord.js's status name (Ready, Connecting, Resuming, …). */
	readonly shards: readonly { readonly id: number; readonly status: string }[];
	readonly voice: boolean;
}

/**
 * Ready to take traffic: every shard this process was given is READY (a shard that reconnects or resumes is not), and
 * the voice service runs (not shutting down).
 */
export function readinessOf(client: Client, voiceRunning: boolean): Readiness {
	const expected = expectedShards(client);
	const shards = expected.map((id) => {
		const status = client.ws.shards.get(id)?.status ?? Status.Idle;
		return { id, status: Status[status] ?? String(status) };
	});
	const ready = voiceRunning && expected.length > 0 && expected.every((id) => client.ws.shards.get(id)?.status === Status.Ready);
	return { ready, shards, voice: voiceRunning };
}

function expectedShards(client: Client): number[] {
	const { shards } = client.options;
	if (Array.isArray(shards)) return shards;
	if (typeof shards === 'number') return [shards];
	return [...client.ws.shards.keys()];
}
