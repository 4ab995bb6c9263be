import type { VolumeLimits } from '#lib/settings/types';
import { VolumeStepPercent } from '#lib/playback/volume';

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
