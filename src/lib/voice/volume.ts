import type { VolumeLimits } from '#lib/settings/types';

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

/**
 * One pipeline per station and volume step: `lofi@100`, `lofi@50`. With a guild id (the unshared design that
 * `voice.share_pipelines: false` turns on for benchmarks), one per server as well: `lofi@100#123`.
 */
export function pipelineKey(stationId: string, volume: number, guildId?: string): string {
	return guildId === undefined ? `${stationId}@${volume}` : `${stationId}@${volume}#${guildId}`;
}

/** The ffmpeg `volume` filter factor for a percent: 50 → '0.5'; null when the level stays unchanged. */
export function volumeFilter(percent: number): string | null {
	return percent === UnchangedVolume ? null : `volume=${(percent / 100).toFixed(2)}`;
}
