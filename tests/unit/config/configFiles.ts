import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The config.yaml shipped at the repository root (tests run from dist/tests/unit/config). */
export const shippedConfigPath = fileURLToPath(new URL('../../../../config.yaml', import.meta.url));

/** Temporary config files for one test file; `cleanup()` in after(). */
export class ConfigFiles {
	public readonly directory = mkdtempSync(join(tmpdir(), 'alastor-config-'));
	private count = 0;

	/** Writes `lines` (joined with newlines) to a new file, so tests can refer to lines by their index + 1. */
	public write(lines: readonly string[], name = `config-${++this.count}.yaml`): string {
		const path = join(this.directory, name);
		writeFileSync(path, `${lines.join('\n')}\n`);
		return path;
	}

	public cleanup(): void {
		rmSync(this.directory, { recursive: true, force: true });
	}
}

/** A small valid config; tests copy and break it. Line numbers: 'BBC Radio 1' is line 2, its url line 3. */
export const validLines = [
	'radios:',
	"  'BBC Radio 1':",
	"    url: 'http://example.com/bbc1.m3u8'",
	'    aliases: [bbc1, Radio1]',
	'    bitrate: 96',
	'    format: hls',
	"    description: 'Hits.'",
	"  'Absolut Relax':",
	"    url: 'https://example.com/relax.mp3'",
	'    aliases: [relax]',
	'    bitrate: 128',
	'    format: MP3'
] as const;
