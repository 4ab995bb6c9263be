import type { Log } from '#lib/logger/logger';
import type { Station } from '#lib/config/types';

/** Caps on the pipelines (one ffmpeg each) of stations servers added themselves (/station add). Config stations are not capped. */
export interface CustomPipelineLimits {
	/** All servers together. */
	readonly global: number;
	/** One server's own stations; each volume level of a station is a pipeline of its own. */
	readonly perServer: number;
}

/** What the budget needs to know of a running pipeline. */
export interface RunningPipeline {
	readonly key: string;
	/** The server whose custom station it plays; null for a config station. */
	readonly ownerGuildId: string | null;
	/** Nobody listens: it only lives on for its grace period, for a quick re-play. */
	readonly idle: boolean;
}

export type PipelineLimit = 'global' | 'server';

export type Admission =
	| { readonly admitted: true; /** Keys of idle pipelines to end first, to make room. */ readonly reclaim: readonly string[] }
	| { readonly admitted: false; readonly limit: PipelineLimit; readonly max: number };

/**
 * Whether a new pipeline `key` of `station` may start beside `running`. Joining a running pipeline is always free,
 * and so is a config station. A custom station needs room under both caps; idle custom pipelines (in their grace
 * period, nobody listening) give up their place first: the requesting server's own, then anyone's.
 */
export function admitPipeline(station: Station, key: string, running: readonly RunningPipeline[], limits: CustomPipelineLimits): Admission {
	const owner = station.guildId;
	if (owner === undefined || running.some((pipeline) => pipeline.key === key)) return { admitted: true, reclaim: [] };
	const custom = running.filter((pipeline) => pipeline.ownerGuildId !== null);
	const own = custom.filter((pipeline) => pipeline.ownerGuildId === owner);
	// The server's own idle pipelines go first, so one server's quick re-plays do not end another's.
	const idle = [...own, ...custom.filter((pipeline) => pipeline.ownerGuildId !== owner)].filter((pipeline) => pipeline.idle);
	const ownExcess = Math.max(0, own.length + 1 - limits.perServer);
	if (ownExcess > own.filter((pipeline) => pipeline.idle).length) return { admitted: false, limit: 'server', max: limits.perServer };
	const needed = Math.max(ownExcess, custom.length + 1 - limits.global);
	if (needed > idle.length) return { admitted: false, limit: 'global', max: limits.global };
	return { admitted: true, reclaim: idle.slice(0, Math.max(0, needed)).map((pipeline) => pipeline.key) };
}

/** A custom station's pipeline could not start: a cap is reached and no idle pipeline could make room. Nothing was started. */
export class PipelineLimitError extends Error {
	public override readonly name = 'PipelineLimitError';

	public constructor(
		public readonly station: Station,
		public readonly limit: PipelineLimit,
		public readonly max: number
	) {
		super(`the ${limit} limit of ${max} custom station pipelines is reached`);
	}
}

/** The part of a pipeline the budget reads. */
export interface BudgetedPipeline {
	readonly key: string;
	readonly listeningGuilds: ReadonlySet<string>;
}

/** Remembers whose station each pipeline plays and admits new pipelines under the caps (see `admitPipeline`). */
export class PipelineBudget {
	private readonly owners = new WeakMap<BudgetedPipeline, string>();

	public constructor(
		private readonly limits: CustomPipelineLimits,
		private readonly log: Log
	) {}

	public track(pipeline: BudgetedPipeline, station: Station): void {
		if (station.guildId !== undefined) this.owners.set(pipeline, station.guildId);
	}

	public check(station: Station, key: string, pipelines: Iterable<BudgetedPipeline>): Admission {
		const running = [...pipelines].map((pipeline) => ({
			key: pipeline.key,
			ownerGuildId: this.owners.get(pipeline) ?? null,
			idle: pipeline.listeningGuilds.size === 0
		}));
		return admitPipeline(station, key, running, this.limits);
	}

	/** Makes room for a new pipeline `key`, ending the idle ones that must go (`end`), or throws PipelineLimitError. */
	public admit<P extends BudgetedPipeline>(station: Station, key: string, pipelines: ReadonlyMap<string, P>, end: (idle: P) => void): void {
		const admission = this.check(station, key, pipelines.values());
		if (!admission.admitted) {
			this.log.warn(
				{ station: station.id, owner: station.guildId, limit: admission.limit, max: admission.max },
				'pipeline refused: limit reached'
			);
			throw new PipelineLimitError(station, admission.limit, admission.max);
		}
		for (const idleKey of admission.reclaim) {
			const idle = pipelines.get(idleKey);
			if (!idle) continue;
			this.log.info({ pipeline: idleKey, for: key }, 'idle pipeline ended early to make room');
			end(idle);
		}
	}
}
