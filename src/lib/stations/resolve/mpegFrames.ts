// Frame headers of MPEG audio (MP3 and its Layer I/II siblings) and AAC in ADTS: both start with a 12-bit 0xFFF sync.

const mpeg1Bitrates = [
	[0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
	[0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
	[0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
];
const mpeg2Bitrates = [
	[0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
	[0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
	[0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
];
const sampleRates: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/** Length in bytes of the MPEG audio frame whose header starts at `offset`, or 0 when there is no valid header. */
export function mpegFrameLength(bytes: Buffer, offset: number): number {
	if (offset + 4 > bytes.length || bytes[offset] !== 0xff || (bytes[offset + 1] & 0xe0) !== 0xe0) return 0;
	const version = (bytes[offset + 1] >> 3) & 3; // 3 MPEG-1, 2 MPEG-2, 0 MPEG-2.5, 1 reserved
	const layerBits = (bytes[offset + 1] >> 1) & 3; // 3 Layer I, 2 Layer II, 1 Layer III, 0 reserved (ADTS)
	const bitrateIndex = bytes[offset + 2] >> 4;
	const rateIndex = (bytes[offset + 2] >> 2) & 3;
	if (version === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return 0;
	const layer = 4 - layerBits;
	const bitrate = (version === 3 ? mpeg1Bitrates : mpeg2Bitrates)[layer - 1][bitrateIndex] * 1000;
	const sampleRate = sampleRates[version][rateIndex];
	const padding = (bytes[offset + 2] >> 1) & 1;
	if (layer === 1) return (Math.floor((12 * bitrate) / sampleRate) + padding) * 4;
	const samplesPerFrameOver8 = layer === 3 && version !== 3 ? 72 : 144;
	return Math.floor((samplesPerFrameOver8 * bitrate) / sampleRate) + padding;
}

/** Length in bytes of the ADTS (AAC) frame whose header starts at `offset`, or 0 when there is no valid header. */
export function adtsFrameLength(bytes: Buffer, offset: number): number {
	if (offset + 7 > bytes.length || bytes[offset] !== 0xff || (bytes[offset + 1] & 0xf6) !== 0xf0) return 0;
	if (((bytes[offset + 2] >> 2) & 0xf) > 12) return 0;
	const length = ((bytes[offset + 3] & 3) << 11) | (bytes[offset + 4] << 3) | (bytes[offset + 5] >> 5);
	return length >= 7 ? length : 0;
}
