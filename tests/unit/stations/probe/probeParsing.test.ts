import { expect } from 'chai';
import { encodeToneToOggOpus } from '#emulator/audio/index';
import { OggPacketCounter } from '#lib/stations/probe/OggPacketCounter';
import { parseFfmpegStreamInfo } from '#lib/stations/probe/parseFfmpegStreamInfo';

describe('probe parsing', () => {
	it('GIVEN 1 s of Ogg Opus from ffmpeg fed in odd-sized chunks WHEN counting THEN there are 50 audio packets, headers excluded', async () => {
		const stdout = await encodeToneToOggOpus(440, 1);
		const counter = new OggPacketCounter();
		let reported = 0;
		for (let offset = 0; offset < stdout.length; offset += 777) reported += counter.push(stdout.subarray(offset, offset + 777));
		// libopus pads the end with one more frame; 50 or 51 both mean "one second".
		expect(counter.packets).to.be.within(50, 51);
		expect(reported).to.equal(counter.packets);
	});

	it('GIVEN bytes that are not Ogg WHEN counting THEN it says so', () => {
		expect(() => new OggPacketCounter().push(Buffer.alloc(64, 0x41))).to.throw(/Ogg page sync/);
	});

	it('GIVEN ffmpeg stderr for a live MP3 input WHEN parsing THEN format, codec, rate, channels and bitrate come from the input, not the output', () => {
		const stderr = [
			"Input #0, mp3, from 'http://127.0.0.1:1234/sine.mp3':",
			'  Metadata:',
			'    icy-name        : Probe FM',
			'  Duration: N/A, start: 0.000000, bitrate: 128 kb/s',
			'  Stream #0:0: Audio: mp3, 44100 Hz, stereo, fltp, 128 kb/s',
			'Stream mapping:',
			'  Stream #0:0 -> #0:0 (mp3 (mp3float) -> opus (libopus))',
			"Output #0, ogg, to 'pipe:1':",
			'  Stream #0:0: Audio: opus, 48000 Hz, stereo, flt, 96 kb/s'
		].join('\n');
		expect(parseFfmpegStreamInfo(stderr)).to.deep.equal({
			format: 'mp3',
			codec: 'mp3',
			profile: null,
			sampleRateHz: 44100,
			channels: 'stereo',
			bitrateKbps: 128
		});
	});

	it('GIVEN ffmpeg stderr for HLS with a profile and no stream bitrate WHEN parsing THEN the profile is read and an unknown (0) bitrate is null', () => {
		const stderr = [
			"Input #0, hls, from 'http://x/audio.m3u8':",
			'  Duration: 00:00:04.02, start: 1.400000, bitrate: 0 kb/s',
			'  Program 0 ',
			'    Metadata:',
			'      variant_bitrate : 0',
			'  Stream #0:0(und): Audio: aac (LC) ([15][0][0][0] / 0x000F), 44100 Hz, mono, fltp',
			'Stream mapping:'
		].join('\n');
		expect(parseFfmpegStreamInfo(stderr)).to.include({
			format: 'hls',
			codec: 'aac',
			profile: 'LC',
			sampleRateHz: 44100,
			channels: 'mono',
			bitrateKbps: null
		});
		expect(parseFfmpegStreamInfo('Connection refused')).to.equal(null);
	});
});
