import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

export interface FfmpegBinary {
	path: string;
	/** Where it came from, logged at startup: a maintained system ffmpeg is preferable for untrusted streams. */
	source: 'FFMPEG_PATH' | 'PATH' | 'ffmpeg-static' | '@ffmpeg-installer/ffmpeg';
}

export class FfmpegNotFoundError extends Error {
	public override readonly name = 'FfmpegNotFoundError';
}

/** FFMPEG_PATH, then `ffmpeg` on PATH, then the optional npm-shipped binaries. */
export function resolveFfmpeg(env: NodeJS.ProcessEnv = process.env): FfmpegBinary {
	const explicit = env.FFMPEG_PATH?.trim();
	if (explicit) {
		if (isExecutable(explicit)) return { path: explicit, source: 'FFMPEG_PATH' };
		throw new FfmpegNotFoundError(`FFMPEG_PATH is set to "${explicit}", which is not an executable file.`);
	}

	for (const directory of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
		const candidate = join(directory, 'ffmpeg');
		if (isExecutable(candidate)) return { path: candidate, source: 'PATH' };
	}

	const require = createRequire(import.meta.url);
	const fromStatic = tryRequire<string | null>(require, 'ffmpeg-static', (module) => module as string | null);
	if (fromStatic && isExecutable(fromStatic)) return { path: fromStatic, source: 'ffmpeg-static' };

	const fromInstaller = tryRequire<string>(require, '@ffmpeg-installer/ffmpeg', (module) => (module as { path: string }).path);
	if (fromInstaller && isExecutable(fromInstaller)) return { path: fromInstaller, source: '@ffmpeg-installer/ffmpeg' };

	throw new FfmpegNotFoundError('No ffmpeg found: install ffmpeg (e.g. `apt-get install ffmpeg`) or set FFMPEG_PATH.');
}

function isExecutable(path: string): boolean {
	try {
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

function tryRequire<T>(require: NodeJS.Require, id: string, pick: (module: unknown) => T): T | null {
	try {
		return pick(require(id));
	} catch {
		return null;
	}
}
