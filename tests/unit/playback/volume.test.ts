import { expect } from 'chai';
import { buildFfmpegArgs } from '#lib/ffmpeg/ffmpegArgs';
import { isWithinLimits, quantizeVolume, volumeFilter } from '#lib/playback/volume';
import { pipelineKey } from '#lib/voice/PipelinePool';

describe('volume steps', () => {
	const limits = { min: 10, max: 150, default: 100 };

	it('GIVEN volumes near each other WHEN quantized THEN they land on the same 5 % step (so their servers share one ffmpeg)', () => {
		expect([47, 48, 50, 52].map((percent) => quantizeVolume(percent))).to.deep.equal([45, 50, 50, 50]);
		expect(quantizeVolume(100)).to.equal(100);
		expect(quantizeVolume(0)).to.equal(0);
		expect(quantizeVolume(-3)).to.equal(0);
	});

	it('GIVEN limits that are not multiples of the step WHEN quantized THEN the step stays inside the limits', () => {
		const odd = { min: 12, max: 143, default: 50 };
		expect(quantizeVolume(12, odd)).to.equal(12);
		expect(quantizeVolume(143, odd)).to.equal(143);
		expect(quantizeVolume(77, odd)).to.equal(75);
	});

	it('GIVEN the server limits WHEN checking a wish THEN both ends are allowed and anything outside is not', () => {
		expect([10, 150, 100].map((percent) => isWithinLimits(percent, limits))).to.deep.equal([true, true, true]);
		expect([9, 151, 0].map((percent) => isWithinLimits(percent, limits))).to.deep.equal([false, false, false]);
	});

	it('GIVEN a station at two steps WHEN keyed THEN the keys differ; the same step gives the same key', () => {
		expect(pipelineKey('lofi', 50)).to.equal('lofi@50');
		expect(pipelineKey('lofi', 50)).to.not.equal(pipelineKey('lofi', 100));
	});

	it('GIVEN the unshared benchmark design WHEN two servers play the same station and step THEN their keys differ', () => {
		expect(pipelineKey('lofi', 50, '1')).to.not.equal(pipelineKey('lofi', 50, '2'));
		expect(pipelineKey('lofi', 50, '1')).to.not.equal(pipelineKey('lofi', 50));
		expect(pipelineKey('lofi', 50, '1')).to.equal(pipelineKey('lofi', 50, '1'));
	});

	it('GIVEN 100 % WHEN building ffmpeg args THEN no filter runs; other steps scale the samples before Opus encoding', () => {
		const base = { inputUrl: 'pipe:0', userAgent: 'Alastor/1.0', bitrateKbps: 96, marker: 'alastor-station=x' };
		expect(volumeFilter(100)).to.equal(null);
		expect(buildFfmpegArgs({ ...base, volumePercent: 100 })).to.not.include('-af');
		expect(buildFfmpegArgs(base)).to.not.include('-af');

		const args = buildFfmpegArgs({ ...base, volumePercent: 35 });
		expect(args[args.indexOf('-af') + 1]).to.equal('volume=0.35');
		expect(args.indexOf('-af')).to.be.below(args.indexOf('-c:a'));
	});
});
