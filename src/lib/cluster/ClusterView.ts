import type { Log } from '#lib/logger/logger';
import type { InstanceStats, RedisShared } from '#lib/settings/RedisShared';

export type { InstanceStats } from '#lib/settings/RedisShared';

/** The bot as a whole, added up over every process that reported. */
export interface ClusterTotals {
	readonly guilds: number;
	readonly sessions: number;
	readonly pipelines: number;
	/** Processes that reported (instances, or the processes of a ShardingManager). */
	readonly instances: number;
	/** Distinct shards those processes run. */
	readonly shards: number;
	/** False when only this process's own numbers could be read. */
	readonly complete: boolean;
}

export interface ClusterViewOptions {
	readonly instanceId: string;
	/** This process's counts right now. */
	local(): Omit<InstanceStats, 'instanceId' | 'at'>;
	/** Instances sharing a Redis: each reports its counts there. */
	readonly shared: RedisShared | null;
	/** Without Redis, the processes of this ShardingManager (broadcastEval), when there is one. */
	readonly shardProcesses: (() => Promise<unknown[]>) | null;
	/** How often this process reports; a report lives three intervals. */
	readonly intervalMs: number;
	/** Asking the others may take this long before /info shows this process alone. */
	readonly timeoutMs: number;
	readonly log: Log;
}

/** Totals across shards and instances for /info: reports through Redis, else through the ShardingManager, else this process. */
export class ClusterView {
	private timer: NodeJS.Timeout | null = null;

	public constructor(private readonly options: ClusterViewOptions) {}

	public get instanceId(): string {
		return this.options.instanceId;
	}

	/** This process's report. */
	public local(): InstanceStats {
		return { ...this.options.local(), instanceId: this.options.instanceId, at: Date.now() };
	}

	/** Reports to Redis now and every interval (nothing to do without Redis). */
	public start(): void {
		if (!this.options.shared || this.timer) return;
		void this.report();
		this.timer = setInterval(() => void this.report(), this.options.intervalMs);
		this.timer.unref();
	}

	/** Stops reporting and withdraws the report, so the totals drop this process at once rather than when it expires. */
	public async stop(): Promise<void> {
		if (this.timer) clearInterval(this.timer);
		this.timer = null;
		await this.options.shared?.removeInstance(this.options.instanceId).catch(() => undefined);
	}

	public async totals(): Promise<ClusterTotals> {
		const local = this.local();
		let reports: InstanceStats[] = [];
		let complete = true;
		try {
			reports = await withTimeout(this.others(), this.options.timeoutMs);
		} catch (error) {
			this.options.log.warn({ err: error }, 'the other processes` counts could not be read: totals show this process only');
			complete = false;
		}
		// This process's own numbers are always the freshest.
		const all = [local, ...reports.filter((report) => report.instanceId !== local.instanceId)];
		return { ...sum(all), complete };
	}

	private async others(): Promise<InstanceStats[]> {
		if (this.options.shared) return this.options.shared.instances();
		if (this.options.shardProcesses) return (await this.options.shardProcesses()).filter(isInstanceStats);
		return [];
	}

	private async report(): Promise<void> {
		try {
			await this.options.shared!.putInstance(this.local(), this.options.intervalMs * 3);
		} catch (error) {
			this.options.log.warn({ err: error }, 'could not report this instance`s counts to Redis');
		}
	}
}

/** Adds up reports; shards counted once even if two processes claim the same one (a handover). */
export function sum(reports: readonly InstanceStats[]): Omit<ClusterTotals, 'complete'> {
	const shards = new Set(reports.flatMap((report) => report.shardIds));
	return {
		guilds: reports.reduce((total, report) => total + report.guilds, 0),
		sessions: reports.reduce((total, report) => total + report.sessions, 0),
		pipelines: reports.reduce((total, report) => total + report.pipelines, 0),
		instances: reports.length,
		shards: shards.size
	};
}

function isInstanceStats(value: unknown): value is InstanceStats {
	const report = value as Partial<InstanceStats> | null;
	return (
		typeof report?.instanceId === 'string' &&
		Array.isArray(report.shardIds) &&
		[report.guilds, report.sessions, report.pipelines].every((count) => Number.isInteger(count) && (count as number) >= 0)
	);
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}
