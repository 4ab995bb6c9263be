import type { GuildSettings, SettingsPatch } from '#lib/settings/types';
import { parseVolumeLimits, type VolumeLimitsProblem } from '#lib/playback/volume';

/** The wizard's pages in order; `summary` is where Save and Cancel are. */
export const WizardSteps = ['language', 'voice', 'dj', 'station', 'autoJoin', 'volume', 'notices', 'summary'] as const;
export type WizardStep = (typeof WizardSteps)[number];

/** Steps that ask something (the summary only shows). */
export const QuestionCount = WizardSteps.length - 1;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * One admin's pass through /setup wizard: a draft of the server's settings, changed only in memory, and the
 * step it is at. Nothing here talks to Discord or the store; Save hands `draft` to the store.
 */
export class SetupWizard {
	public readonly draft: Mutable<GuildSettings>;
	/** The last volume limits entered were refused: the volume step shows why and asks again. */
	public volumeProblem: VolumeLimitsProblem | null = null;
	/** Page of the station menu (25 stations per page). */
	public stationPage = 0;
	private index = 0;

	public constructor(
		public readonly id: string,
		public readonly guildId: string,
		public readonly userId: string,
		private readonly initial: GuildSettings
	) {
		this.draft = { ...initial, volume: { ...initial.volume } };
	}

	/**
	 * What Save writes: only the settings this wizard changed, so a skipped step never overwrites a change another
	 * admin made (with /setup voice, say) while this wizard was open.
	 */
	public changes(): SettingsPatch {
		const patch: Record<string, unknown> = {};
		for (const key of Object.keys(this.draft) as (keyof GuildSettings)[]) {
			if (key !== 'volume' && this.draft[key] !== this.initial[key]) patch[key] = this.draft[key];
		}
		const { volume } = this.draft;
		if (volume.min !== this.initial.volume.min || volume.max !== this.initial.volume.max || volume.default !== this.initial.volume.default)
			patch.volume = { ...volume };
		return patch as SettingsPatch;
	}

	public get step(): WizardStep {
		return WizardSteps[this.index]!;
	}

	/** 1-based position among the questions. */
	public get stepNumber(): number {
		return this.index + 1;
	}

	/** Records an answer for the current step and moves on. */
	public answer(patch: Partial<GuildSettings>): void {
		Object.assign(this.draft, patch);
		this.volumeProblem = null;
		this.forward();
	}

	/** Text from the volume modal: valid limits are an answer; invalid ones keep the wizard on the volume step with the reason. */
	public answerVolume(input: { min: string; default: string; max: string }): boolean {
		const result = parseVolumeLimits(input);
		if (!result.ok) {
			this.volumeProblem = result.problem;
			return false;
		}
		this.answer({ volume: result.limits });
		return true;
	}

	/** Keeps the current value of this step. */
	public skip(): void {
		this.volumeProblem = null;
		this.forward();
	}

	public back(): void {
		this.volumeProblem = null;
		this.index = Math.max(0, this.index - 1);
	}

	public turnStationPage(delta: number, pages: number): void {
		this.stationPage = Math.min(Math.max(0, this.stationPage + delta), Math.max(0, pages - 1));
	}

	private forward(): void {
		this.index = Math.min(WizardSteps.length - 1, this.index + 1);
	}
}
