import { rateLimited, type FaultResponse, type RateLimitScope } from './faultResponses.js';
import type { HttpMethod } from './types.js';

export * as RestFault from './faultResponses.js';
export type { FaultResponse, RateLimitOptions, RateLimitScope } from './faultResponses.js';

/** A request answered by a fault. */
export interface FaultedRequest {
	readonly method: string;
	/** The path after /api/v10, as in `emu.requests` (URL-encoded). */
	readonly path: string;
	readonly body: unknown;
	/** Date.now() when it arrived. */
	readonly receivedAt: number;
}

export interface RestFaultRule {
	/** Default: every method. */
	method?: HttpMethod | readonly HttpMethod[];
	/**
	 * Matched against the path after /api/v10, raw or URL-decoded (`/webhooks/…/messages/@original` matches too).
	 * A string must equal it. Default: every route.
	 */
	path?: RegExp | string;
	/** Matching requests let through untouched before the fault starts. Default 0. */
	skip?: number;
	/** How many matching requests get the fault. Default 1, or unlimited with `forMs`. */
	times?: number;
	/** The fault lasts this long from injection, for every matching request meanwhile. */
	forMs?: number;
	/** The answer, or a function building it per request (e.g. a retry_after that shrinks as the window runs out). */
	response: FaultResponse | ((request: FaultedRequest, fault: InjectedFault) => FaultResponse);
}

export interface RateLimitWindow {
	/** How long the limit lasts; every 429 meanwhile says how much of it is left. */
	seconds: number;
	/** 'global' limits every route (path and method are ignored). Default 'user'. */
	scope?: RateLimitScope;
	method?: HttpMethod | readonly HttpMethod[];
	path?: RegExp | string;
	code?: number;
}

/** A fault in place: what it answered so far, and a way to lift it. */
export class InjectedFault {
	/** Requests answered with the fault, in order. */
	public readonly hits: FaultedRequest[] = [];
	/** Matching requests seen (let through by `skip` included). */
	public matched = 0;
	public readonly injectedAt = Date.now();
	private removed = false;

	public constructor(
		public readonly rule: RestFaultRule,
		private readonly onRemove: (fault: InjectedFault) => void
	) {}

	/** False once removed, `times` used up, or `forMs` over. */
	public get active(): boolean {
		if (this.removed) return false;
		if (this.rule.forMs !== undefined && Date.now() - this.injectedAt >= this.rule.forMs) return false;
		return this.hits.length < (this.rule.times ?? (this.rule.forMs === undefined ? 1 : Number.POSITIVE_INFINITY));
	}

	/** Milliseconds left of a `forMs` fault (0 when over, Infinity without `forMs`). */
	public get remainingMs(): number {
		if (this.rule.forMs === undefined) return Number.POSITIVE_INFINITY;
		return Math.max(0, this.injectedAt + this.rule.forMs - Date.now());
	}

	public remove(): void {
		this.removed = true;
		this.onRemove(this);
	}

	/** @internal Whether this request is one the fault answers; counts it. */
	public take(request: FaultedRequest): boolean {
		if (!this.active || !matches(this.rule, request)) return false;
		this.matched++;
		if (this.matched <= (this.rule.skip ?? 0)) return false;
		this.hits.push(request);
		return true;
	}
}

/** The faults injected into the emulator's REST API; the first active one matching a request answers it. */
export class RestFaultInjector {
	private readonly faults: InjectedFault[] = [];

	/** Answers matching requests with `rule.response` instead of handling them (after routing and authentication). */
	public inject(rule: RestFaultRule): InjectedFault {
		const fault = new InjectedFault(rule, (removed) => this.faults.splice(this.faults.indexOf(removed) >>> 0, 1));
		this.faults.push(fault);
		return fault;
	}

	/** A rate limit lasting `seconds`: every matching request meanwhile gets a 429 whose retry_after is the time left. */
	public rateLimit({ seconds, scope = 'user', method, path, code }: RateLimitWindow): InjectedFault {
		const global = scope === 'global';
		return this.inject({
			...(global ? {} : { method, path }),
			forMs: seconds * 1000,
			response: (_, fault) => rateLimited({ retryAfterSeconds: fault.remainingMs / 1000, scope, code })
		});
	}

	/** Lifts every fault. */
	public clear(): void {
		this.faults.length = 0;
	}

	/** @internal The fault answer for this request, if a fault takes it. */
	public answer(request: FaultedRequest): FaultResponse | undefined {
		const fault = this.faults.find((candidate) => candidate.take(request));
		if (!fault) return undefined;
		const { response } = fault.rule;
		return typeof response === 'function' ? response(request, fault) : response;
	}
}

function matches(rule: RestFaultRule, request: FaultedRequest): boolean {
	if (rule.method !== undefined) {
		const methods: readonly string[] = typeof rule.method === 'string' ? [rule.method] : rule.method;
		if (!methods.includes(request.method)) return false;
	}
	if (rule.path === undefined) return true;
	const paths = [request.path, safeDecode(request.path)];
	return paths.some((path) => (typeof rule.path === 'string' ? path === rule.path : (rule.path as RegExp).test(path)));
}

function safeDecode(path: string): string {
	try {
		return decodeURIComponent(path);
	} catch {
		return path;
	}
}
