import { fftInPlace, nextPowerOfTwo } from './fft.js';

// 2^18 samples is 5.5 s at 48 kHz: enough for sub-0.1 Hz bins without a slow FFT.
const MAX_ANALYSED_SAMPLES = 1 << 18;
// Zero-padding short signals keeps the peak's neighbours on the main lobe, where the parabola fits well.
const MIN_FFT_SIZE = 1 << 16;

/**
 * The frequency (Hz) with the strongest spectral peak: Hann window, zero-padded FFT, and parabolic interpolation
 * of the log magnitude around the peak bin. Returns NaN for silence or fewer than two samples.
 */
export function dominantFrequency(pcm: Int16Array | Float32Array | Float64Array, sampleRate: number): number {
	const length = Math.min(pcm.length, MAX_ANALYSED_SAMPLES);
	if (length < 2) return Number.NaN;
	const size = Math.max(MIN_FFT_SIZE, nextPowerOfTwo(length));
	const real = new Float64Array(size);
	const imag = new Float64Array(size);
	for (let i = 0; i < length; i++) real[i] = pcm[i]! * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (length - 1)));
	fftInPlace(real, imag);

	const magnitude = (bin: number) => Math.hypot(real[bin]!, imag[bin]!);
	let peakBin = 1;
	for (let bin = 2; bin < size / 2; bin++) if (magnitude(bin) > magnitude(peakBin)) peakBin = bin;
	if (magnitude(peakBin) === 0) return Number.NaN;

	const left = Math.log(magnitude(peakBin - 1) + Number.MIN_VALUE);
	const centre = Math.log(magnitude(peakBin));
	const right = Math.log(magnitude(peakBin + 1) + Number.MIN_VALUE);
	const curvature = left - 2 * centre + right;
	const offset = curvature === 0 ? 0 : (0.5 * (left - right)) / curvature;
	return ((peakBin + offset) * sampleRate) / size;
}
