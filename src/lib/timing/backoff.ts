export interface BackoffPolicy {
	baseDelayMs: number;
	maxDelayMs: number;
	/** Attempts after which we give up and say so, instead of retrying forever. */
	maxAttempts: number;
}

/** Exponential backoff with full jitter: spreads restarts of many pipelines after a shared outage. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
