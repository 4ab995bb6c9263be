/**
 * Which shards this process runs, from the environment:
 * - `auto`: every shard of a count chosen at start (chooseShardCount): no SHARD_COUNT set.
 * - `fixed`: SHARD_COUNT, and SHARD_IDS (default: all of them), so that several machines split one bot.
 * - `managed`: a process started by `npm run start:sharded` (discord.js's ShardingManager), which reads SHARDS and
 *   SHARD_COUNT itself.
 */
export type ShardSelection =
	{ readonly kind: 'auto' } | { readonly kind: 'fixed'; readonly count: number; readonly ids: readonly number[] } | { readonly kind: 'managed' };

/** A mistake in SHARD_IDS or SHARD_COUNT; the message names the variable and what to write. */
export class ShardSelectionError extends Error {
	public override readonly name = 'ShardSelectionError';
}

/** Far above any bot's shard count; a typo with extra digits must not open thousands of connections. */
export const MaxShardCount = 10_000;

export function readShardSelection(env: NodeJS.ProcessEnv = process.env): ShardSelection {
	if (env.SHARDING_MANAGER) return { kind: 'managed' };
	const countText = env.SHARD_COUNT?.trim();
	const idsText = env.SHARD_IDS?.trim();
	if (!countText) {
		if (idsText)
			throw new ShardSelectionError(
				`SHARD_IDS is set (${quote(idsText)}) but SHARD_COUNT is not: set SHARD_COUNT to the bot's total shard count (the same on every instance).`
			);
		return { kind: 'auto' };
	}
	const count = Number(countText);
	if (!/^\d+$/.test(countText) || count < 1 || count > MaxShardCount) {
		throw new ShardSelectionError(`SHARD_COUNT must be a whole number from 1 to ${MaxShardCount} (got ${quote(countText)}).`);
	}
	if (!idsText) return { kind: 'fixed', count, ids: range(0, count - 1) };
	return { kind: 'fixed', count, ids: parseIds(idsText, count) };
}

/** "0,2,5-7" → [0, 2, 5, 6, 7]; every id below `count`, none twice. */
function parseIds(text: string, count: number): number[] {
	const ids: number[] = [];
	for (const part of text.split(',').map((piece) => piece.trim())) {
		const match = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
		if (!match) throw new ShardSelectionError(`SHARD_IDS must list shard ids and ranges such as "0,2,5-7" (got ${quote(text)}).`);
		const from = Number(match[1]);
		const to = match[2] === undefined ? from : Number(match[2]);
		if (to < from) throw new ShardSelectionError(`SHARD_IDS has the range ${quote(part)}, which ends before it starts.`);
		if (to >= count) {
			throw new ShardSelectionError(`SHARD_IDS names shard ${to}, but SHARD_COUNT is ${count}: shard ids go from 0 to ${count - 1}.`);
		}
		ids.push(...range(from, to));
	}
	const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
	if (repeated !== undefined) throw new ShardSelectionError(`SHARD_IDS names shard ${repeated} twice (got ${quote(text)}).`);
	return ids.sort((a, b) => a - b);
}

function range(from: number, to: number): number[] {
	return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

/** The operator's text, shortened: it goes into one line of an error. */
function quote(text: string): string {
	return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
