/** One check of `npm run smoke`: what it found on success; a SmokeFailure (with what to do) when it fails. */
export interface SmokeStep {
	readonly name: string;
	run(): Promise<string>;
}

/** A failed check: `message` says what is wrong, `hint` what to do about it. */
export class SmokeFailure extends Error {
	public override readonly name = 'SmokeFailure';

	public constructor(
		message: string,
		public readonly hint?: string
	) {
		super(message);
	}
}

/**
 * Runs the steps in order, one report line each (`ok`, `FAIL` with the next step to take, then `skip` for the rest),
 * and resolves with whether all passed. An unexpected error fails its step like a SmokeFailure does.
 */
export async function runSmoke(steps: readonly SmokeStep[], write: (line: string) => void): Promise<boolean> {
	const width = Math.max(...steps.map((step) => step.name.length));
	const label = (index: number) => `${index + 1}/${steps.length} ${steps[index]!.name.padEnd(width)}`;
	for (const [index, step] of steps.entries()) {
		const started = performance.now();
		try {
			const detail = await step.run();
			write(`ok    ${label(index)}  ${detail} (${seconds(started)})`);
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			write(`FAIL  ${label(index)}  ${message} (${seconds(started)})`);
			if (error instanceof SmokeFailure && error.hint) write(`      next: ${error.hint}`);
			for (let rest = index + 1; rest < steps.length; rest++) write(`skip  ${label(rest)}`);
			return false;
		}
	}
	return true;
}

function seconds(since: number): string {
	return `${((performance.now() - since) / 1_000).toFixed(1)} s`;
}
