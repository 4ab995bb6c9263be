import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where `npm run reliability` collects the fault suite's results; unset, nothing is recorded. */
export const ReliabilityResultsVariable = 'RELIABILITY_RESULTS';

export interface ReliabilityCase {
	/** rest, gateway, voice, streams, storage, load. */
	family: string;
	case: string;
	/** What was done to the bot. */
	injected: string;
	/** What the bot did, as the test saw it. */
	behaviour: string;
	/** From the injection (or its end) to the recovery the case names; null where nothing needed recovering. Measured, never asserted. */
	recoveryMs: number | null;
}

/** Appends one case to `$RELIABILITY_RESULTS/<family>.jsonl` (a test calls it once its assertions passed). */
export function recordReliability(entry: ReliabilityCase): void {
	if (process.env.FAULTS_VERBOSE) console.log(`      ${JSON.stringify(entry)}`);
	const directory = process.env[ReliabilityResultsVariable];
	if (!directory) return;
	mkdirSync(directory, { recursive: true });
	appendFileSync(join(directory, `${entry.family}.jsonl`), `${JSON.stringify({ ...entry, at: new Date().toISOString() })}\n`);
}

/** Writes a named JSON document (the soak's figures) beside the cases. */
export function recordReliabilityDocument(name: string, document: unknown): void {
	const directory = process.env[ReliabilityResultsVariable];
	if (!directory) return;
	mkdirSync(directory, { recursive: true });
	writeFileSync(join(directory, `${name}.json`), `${JSON.stringify(document, null, '\t')}\n`);
}

/** Milliseconds since it was created. */
export function stopwatch(): () => number {
	const start = performance.now();
	return () => Math.round(performance.now() - start);
}
