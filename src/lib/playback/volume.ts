import type { Log } from '#lib/logger/logger';
import { DefaultVolumeLimits, type SettingsStore, type VolumeLimits } from '#lib/settings/types';

// Every volume rule in one place: steps, the server's limits, what a new session starts at, what the wizard accepts.
/** Volumes are rounded to this many percent, so servers at nearly the same volume share one ffmpeg. */
export const VolumeStepPercent = 5;

/** The station's own level. */
export const UnchangedVolume = 100;

/** The percent a pipeline plays at for a wish of `percent`: the nearest step, kept inside the server's limits and ≥ 0. */
export function quantizeVolume(percent: number, limits?: VolumeLimits): number {
	const step = Math.max(0, Math.round(percent / VolumeStepPercent) * VolumeStepPercent);
	return limits ? Math.min(Math.max(step, limits.min), limits.max) : step;
}

/** Whether `percent` lies within the server's limits (inclusive). */
export function isWithinLimits(percent: number, limits: VolumeLimits): boolean {
	return percent >= limits.min && percent <= limits.max;
}

/** The ffmpeg `volume` filter factor for a percent: 50 → '0.5'; null when the level stays unchanged. */
export function volumeFilter(percent: number): string | null {
	return percent === UnchangedVolume ? null : `volume=${(percent / 100).toFixed(2)}`;
}

/**
 * The server's volume limits; the built-in ones when the store cannot be read (logged): playing at a sane volume beats
 * not playing at all.
 */
export async function serverVolumeLimits(settings: Pick<SettingsStore, 'guild'>, guildId: string, log: Log): Promise<VolumeLimits> {
	try {
		return (await settings.guild(guildId)).volume;
	} catch (error) {
		log.warn({ err: error, guildId }, 'server settings unreadable: using the built-in volume limits');
		return DefaultVolumeLimits;
	}
}

/** The volume step a session plays at: the one it asked for (a saved session's), else the server's default; always within the limits. */
export function sessionVolume(limits: VolumeLimits | null, requested: number | null = null): number {
	const within = limits ?? DefaultVolumeLimits;
	return quantizeVolume(requested ?? within.default, within);
}

export const MaxVolumePercent = 200;

export type VolumeLimitsProblem = 'notWholeNumber' | 'wrongOrder';

export type VolumeLimitsResult = { readonly ok: true; readonly limits: VolumeLimits } | { readonly ok: false; readonly problem: VolumeLimitsProblem };

/**
 * Text from the modal → limits with 0 ≤ min ≤ default ≤ max ≤ 200, on volume steps (playback is quantized to them, so
 * limits between steps would show values nobody hears): min rounds up and max down, staying inside what was typed.
 */
export function parseVolumeLimits(input: { readonly min: string; readonly default: string; readonly max: string }): VolumeLimitsResult {
	const values = [input.min, input.default, input.max].map(parsePercent);
	if (values.some((value) => value === null)) return { ok: false, problem: 'notWholeNumber' };
	const [min, defaultVolume, max] = values as [number, number, number];
	if (min > defaultVolume || defaultVolume > max) return { ok: false, problem: 'wrongOrder' };
	return { ok: true, limits: onSteps(min, defaultVolume, max) };
}

/** The limits on volume steps; a range too narrow to hold a step (7–9) becomes the step nearest the default. */
function onSteps(min: number, defaultVolume: number, max: number): VolumeLimits {
	const nearest = Math.round(defaultVolume / VolumeStepPercent) * VolumeStepPercent;
	const low = Math.ceil(min / VolumeStepPercent) * VolumeStepPercent;
	const high = Math.floor(max / VolumeStepPercent) * VolumeStepPercent;
	if (low > high) return { min: nearest, default: nearest, max: nearest };
	return { min: low, default: Math.min(Math.max(nearest, low), high), max: high };
}

function parsePercent(text: string): number | null {
	const trimmed = text.trim().replace(/\s*%$/, '');
	if (!/^\d{1,3}$/.test(trimmed)) return null;
	const value = Number(trimmed);
	return value <= MaxVolumePercent ? value : null;
}
