import { expect } from 'chai';
import { buildFfmpegArgs } from '#lib/ffmpeg/ffmpegArgs';

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

	describe('the input format (what the resolver sniffed)', () => {
		const inputOptions = (options: Partial<Parameters<typeof buildFfmpegArgs>[0]>) => {
			const args = buildFfmpegArgs({ ...base, inputUrl: 'pipe:0', ...options });
			return args.slice(0, args.indexOf('-i'));
		};
		const after = (args: string[], flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : null);

		it('GIVEN piped MP3, AAC, Ogg and Opus WHEN building args THEN the input is forced to mp3, aac (ADTS), ogg and ogg, with their decoders only', () => {
			const forced = (['mp3', 'aac', 'ogg', 'opus'] as const).map((container) => {
				const args = inputOptions({ container });
				return [after(args, '-f'), after(args, '-format_whitelist'), after(args, '-codec_whitelist')];
			});
			expect(forced).to.deep.equal([
				['mp3', 'mp3', 'mp3float,mp3,mp2float,mp2,mp1float,mp1'],
				['aac', 'aac', 'aac,aac_fixed,aac_latm'],
				['ogg', 'ogg', 'opus,libopus,vorbis,libvorbis,flac,libspeex'],
				['ogg', 'ogg', 'opus,libopus,vorbis,libvorbis,flac,libspeex']
			]);
		});

		it('GIVEN a sniffed container or piped HLS WHEN building args THEN ffmpeg starts without probing seconds of the stream; unknown bytes are probed in full', () => {
			for (const container of ['mp3', 'aac', 'ogg', 'opus'] as const) {
				const args = inputOptions({ container });
				expect([after(args, '-probesize'), after(args, '-analyzeduration')]).to.deep.equal(['2048', '0']);
			}
			expect([
				after(inputOptions({ container: 'hls' }), '-probesize'),
				after(inputOptions({ container: 'hls' }), '-analyzeduration')
			]).to.deep.equal([null, '500000']);
			for (const container of ['unknown', undefined] as const) {
				expect(inputOptions({ container })).to.not.include('-probesize').and.not.include('-analyzeduration');
			}
		});

		it('GIVEN piped HLS segments WHEN building args THEN no format is forced but only segment formats and audio decoders are allowed', () => {
			const args = inputOptions({ container: 'hls' });
			expect([after(args, '-f'), after(args, '-format_whitelist')]).to.deep.equal([null, 'mpegts,aac,mp3,ac3,eac3,mov']);
			expect(after(args, '-codec_whitelist')?.split(',')).to.include.members(['aac', 'mp3float', 'ac3']).and.not.include('h264');
		});

		it('GIVEN piped bytes of an unknown container (or none said) WHEN building args THEN any audio container is allowed, and no playlist format', () => {
			for (const container of ['unknown', undefined] as const) {
				const args = inputOptions({ container });
				expect(after(args, '-f')).to.equal(null);
				expect(after(args, '-format_whitelist')?.split(','))
					.to.include.members(['mp3', 'aac', 'ogg', 'flac', 'mov', 'mpegts'])
					.and.not.include('hls');
			}
		});

		it('GIVEN an HLS URL ffmpeg fetches itself (config stations) WHEN building args THEN its HLS demuxer is left alone', () => {
			const args = buildFfmpegArgs({ ...base, inputUrl: 'https://streams.example/live.m3u8', container: 'hls' });
			expect(args).to.not.include('-format_whitelist').and.not.include('-codec_whitelist');
			expect(args.indexOf('-f')).to.be.greaterThan(args.indexOf('-i'));
		});
	});
});
