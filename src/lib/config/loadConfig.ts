import { readFileSync } from 'node:fs';
import { buildConfig } from '#lib/config/buildConfig';
import { checkStations } from '#lib/config/checkStations';
import { ConfigError, type ConfigIssue } from '#lib/config/ConfigError';
import { describeIssue, type LocatedProblem } from '#lib/config/describeIssue';
import { formatKeyPath } from '#lib/config/keyPath';
import { parseConfigYaml } from '#lib/config/parseConfigYaml';
import { resolveConfigPath } from '#lib/config/resolveConfigPath';
import { configSchema } from '#lib/config/schema';
import type { Config } from '#lib/config/types';

/**
 * Loads and validates the bot's config file: the `path` argument, else env CONFIG_PATH, else ALASTOR_CONFIG_PATH, else ./config.yaml.
 * Returns a frozen, camelCased Config with defaults applied. Throws ConfigError listing every problem found, each with file, line and key path.
 */
export function loadConfig(path?: string): Config {
	const { absolutePath, displayName } = resolveConfigPath(path);
	const source = readSource(absolutePath, displayName);

	const parsed = parseConfigYaml(source, displayName);
	if (!parsed.ok) throw new ConfigError(parsed.issues);
	const { document, positions } = parsed;

	const data: unknown = document.toJS();
	const locate = (problem: LocatedProblem): ConfigIssue => ({
		file: displayName,
		line: positions.lineOf(problem.path),
		keyPath: formatKeyPath(problem.path),
		message: problem.message
	});

	if (data === null || data === undefined)
		throw new ConfigError([{ file: displayName, line: 1, keyPath: '', message: 'the file is empty: it needs at least a "radios" section' }]);
	if (typeof data !== 'object' || Array.isArray(data)) {
		throw new ConfigError([
			{
				file: displayName,
				line: positions.lineOf([]),
				keyPath: '',
				message: 'must be a mapping of sections (bot, radios, donations, voice, stream)'
			}
		]);
	}

	const result = configSchema.safeParse(data, { reportInput: true });
	const problems = [
		...(result.success ? [] : result.error.issues.flatMap(describeIssue)),
		...checkStations((data as { radios?: unknown }).radios, positions, displayName)
	];
	if (!result.success || problems.length > 0) {
		const issues = problems.map(locate).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
		throw new ConfigError(issues);
	}

	return buildConfig(result.data, positions.keysOf(['radios']), absolutePath);
}

function readSource(absolutePath: string, displayName: string): string {
	try {
		return readFileSync(absolutePath, 'utf8');
	} catch (error) {
		const { code } = error as NodeJS.ErrnoException;
		const reason =
			code === 'ENOENT'
				? `file not found (looked for ${absolutePath}; set CONFIG_PATH to use another file)`
				: code === 'EISDIR'
					? 'is a directory, not a file'
					: `cannot be read (${code ?? (error as Error).message})`;
		throw new ConfigError([{ file: displayName, keyPath: '', message: reason }]);
	}
}
