/** In-place iterative radix-2 FFT; `real.length` must be a power of two. */
export function fftInPlace(real: Float64Array, imag: Float64Array): void {
	const size = real.length;
	if ((size & (size - 1)) !== 0) throw new RangeError(`FFT size ${size} is not a power of two`);
	for (let i = 1, j = 0; i < size; i++) {
		let bit = size >> 1;
		for (; j & bit; bit >>= 1) j ^= bit;
		j ^= bit;
		if (i < j) {
			[real[i], real[j]] = [real[j]!, real[i]!];
			[imag[i], imag[j]] = [imag[j]!, imag[i]!];
		}
	}
	for (let length = 2; length <= size; length <<= 1) {
		const angle = (-2 * Math.PI) / length;
		const stepReal = Math.cos(angle);
		const stepImag = Math.sin(angle);
		const half = length >> 1;
		for (let start = 0; start < size; start += length) {
			let twiddleReal = 1;
			let twiddleImag = 0;
			for (let k = 0; k < half; k++) {
				const even = start + k;
				const odd = even + half;
				const oddReal = real[odd]! * twiddleReal - imag[odd]! * twiddleImag;
				const oddImag = real[odd]! * twiddleImag + imag[odd]! * twiddleReal;
				real[odd] = real[even]! - oddReal;
				imag[odd] = imag[even]! - oddImag;
				real[even] = real[even]! + oddReal;
				imag[even] = imag[even]! + oddImag;
				const nextReal = twiddleReal * stepReal - twiddleImag * stepImag;
				twiddleImag = twiddleReal * stepImag + twiddleImag * stepReal;
				twiddleReal = nextReal;
			}
		}
	}
}

export function nextPowerOfTwo(value: number): number {
	let size = 1;
	while (size < value) size <<= 1;
	return size;
}
