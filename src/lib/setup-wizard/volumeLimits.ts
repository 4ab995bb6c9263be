import type { VolumeLimits } from '#lib/settings/types';

export const MaxVolumePercent = 200;

export type VolumeLimitsProblem = 'notWholeNumber' | 'wrongOrder';

export type VolumeLimitsResult = { readonly ok: true; readonly limits: VolumeLimits } | { readonly ok: false; readonly problem: VolumeLimitsProblem };

/** Text from the modal → limits with 0 ≤ min ≤ default ≤ max ≤ 200, all whole numbers. */
export function parseVolumeLimits(input: { readonly min: string; readonly default: string; readonly max: string }): VolumeLimitsResult {
	const values = [input.min, input.default, input.max].map(parsePercent);
	if (values.some((value) => value === null)) return { ok: false, problem: 'notWholeNumber' };
	const [min, defaultVolume, max] = values as [number, number, number];
	if (min > defaultVolume || defaultVolume > max) return { ok: false, problem: 'wrongOrder' };
	return { ok: true, limits: { min, default: defaultVolume, max } };
}

function parsePercent(text: string): number | null {
	const trimmed = text.trim().replace(/\s*%$/, '');
	if (!/^\d{1,3}$/.test(trimmed)) return null;
	const value = Number(trimmed);
	return value <= MaxVolumePercent ? value : null;
}
