import { expect } from 'chai';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FfmpegNotFoundError, resolveFfmpeg } from '#lib/ffmpeg/resolveFfmpeg';

function fakeBinary(directory: string): string {
	const path = join(directory, 'ffmpeg');
	writeFileSync(path, '#!/bin/sh\n');
	chmodSync(path, 0o755);
	return path;
}

describe('resolveFfmpeg', () => {
	const directory = mkdtempSync(join(tmpdir(), 'alastor-ffmpeg-'));
	const binary = fakeBinary(directory);

	it('GIVEN FFMPEG_PATH names an executable WHEN resolving THEN it wins over PATH', () => {
		expect(resolveFfmpeg({ FFMPEG_PATH: binary, PATH: '/usr/bin' })).to.deep.equal({ path: binary, source: 'FFMPEG_PATH' });
	});

	it('GIVEN FFMPEG_PATH names nothing executable WHEN resolving THEN a clear error names it', () => {
		expect(() => resolveFfmpeg({ FFMPEG_PATH: join(directory, 'missing') })).to.throw(FfmpegNotFoundError, /FFMPEG_PATH.*missing/);
	});

	it('GIVEN no FFMPEG_PATH WHEN an ffmpeg is on PATH THEN the first one on PATH is used', () => {
		expect(resolveFfmpeg({ PATH: ['/nonexistent', directory].join(':') })).to.deep.equal({ path: binary, source: 'PATH' });
	});

	it('GIVEN nothing on PATH WHEN resolving THEN an npm-shipped binary is the fallback, and it exists', () => {
		const found = resolveFfmpeg({ PATH: '/nonexistent' });
		expect(found.source).to.be.oneOf(['ffmpeg-static', '@ffmpeg-installer/ffmpeg']);
	});
});
