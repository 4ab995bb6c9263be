import { expect } from 'chai';
import { buildFfmpegArgs } from '#lib/voice/ffmpegArgs';

describe('buildFfmpegArgs', () => {
	const base = { userAgent: 'Alastor/1.0', bitrateKbps: 96, marker: 'alastor-station=x' };

	it('GIVEN an http stream WHEN building args THEN ffmpeg reconnects, sends our user agent, and writes 48 kHz stereo Opus in Ogg to stdout', () => {
		const args = buildFfmpegArgs({ ...base, inputUrl: 'https://streams.example/live.mp3' });
		const after = (flag: string) => args[args.indexOf(flag) + 1];
		expect(after('-reconnect')).to.equal('1');
		expect(after('-user_agent')).to.equal('Alastor/1.0');
		expect(after('-i')).to.equal('https://streams.example/live.mp3');
		expect([after('-ac'), after('-ar'), after('-c:a'), after('-b:a'), after('-f')]).to.deep.equal(['2', '48000', 'libopus', '96k', 'ogg']);
		expect(args.at(-1)).to.equal('pipe:1');
		expect(args).to.include('comment=alastor-station=x');
	});

	it('GIVEN a local file WHEN building args THEN no network options are passed', () => {
		expect(buildFfmpegArgs({ ...base, inputUrl: '/tmp/tone.ogg' }))
			.to.not.include('-reconnect')
			.and.not.include('-protocol_whitelist');
	});

	it('GIVEN bytes fed on stdin WHEN building args THEN ffmpeg may open no protocol but the pipe, before the input', () => {
		const args = buildFfmpegArgs({ ...base, inputUrl: 'pipe:0' });
		expect(args.slice(args.indexOf('-protocol_whitelist'), args.indexOf('-i') + 2)).to.deep.equal([
			'-protocol_whitelist',
			'pipe',
			'-i',
			'pipe:0'
		]);
	});
});
