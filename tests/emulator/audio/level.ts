/** Root mean square of the samples (same unit as the samples); 0 for no samples. */
export function rms(pcm: Int16Array | Float32Array | Float64Array): number {
	if (pcm.length === 0) return 0;
	let sum = 0;
	for (const sample of pcm) sum += sample * sample;
	return Math.sqrt(sum / pcm.length);
}

/** The largest absolute sample value; 0 for no samples. */
export function peak(pcm: Int16Array | Float32Array | Float64Array): number {
	let largest = 0;
	for (const sample of pcm) largest = Math.max(largest, Math.abs(sample));
	return largest;
}
