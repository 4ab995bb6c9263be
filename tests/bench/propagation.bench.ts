import { openSettingsStore } from '#lib/settings/openSettingsStore';
import { RedisServer } from '#support/RedisServer';
import type { BenchResult } from './run.js';

const Changes = 200;

/**
 * How long a settings change made through one instance takes to reach another through one real Redis: from the start of
 * the write until the other instance has dropped its cached copy (its change listener runs).
 */
export default async function propagationBench(): Promise<BenchResult[]> {
	const redis = await RedisServer.start();
	try {
		const [writer, reader] = await Promise.all(
			['writer', 'reader'].map((instanceId) => openSettingsStore({ redisUrl: redis.url, namespace: 'bench', instanceId, cacheTtlMs: 600_000 }))
		);
		const latencies: number[] = [];
		let heard: (() => void) | null = null;
		reader!.onChange(() => heard?.());
		for (let index = 0; index < Changes; index++) {
			const guildId = String(100_000_000_000_000_000n + BigInt(index % 20));
			const arrived = new Promise<void>((resolve) => {
				heard = resolve;
			});
			const started = performance.now();
			await writer!.updateGuild(guildId, { language: index % 2 ? 'de' : 'fr' });
			await arrived;
			latencies.push(performance.now() - started);
		}
		await Promise.all([writer!.close(), reader!.close()]);
		latencies.sort((a, b) => a - b);
		const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))]!;
		return [
			{
				name: 'setting written → other instance notified (median)',
				value: at(0.5),
				unit: 'ms',
				detail: `${Changes} changes, one Redis on localhost`
			},
			{ name: 'setting written → other instance notified (p99)', value: at(0.99), unit: 'ms', detail: `${Changes} changes` }
		];
	} finally {
		await redis.kill();
	}
}
