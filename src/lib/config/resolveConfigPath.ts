import { isAbsolute, relative, resolve } from 'node:path';

export interface ConfigLocation {
	readonly absolutePath: string;
	/** How errors name the file: relative to the working directory when inside it ("config.yaml"), else absolute. */
	readonly displayName: string;
}

/** The config file to load: the argument, else CONFIG_PATH, else ALASTOR_CONFIG_PATH, else ./config.yaml. */
export function resolveConfigPath(path?: string, env: NodeJS.ProcessEnv = process.env): ConfigLocation {
	const chosen =
		[path, env.CONFIG_PATH, env.ALASTOR_CONFIG_PATH].find((candidate) => candidate !== undefined && candidate.trim() !== '') ?? 'config.yaml';
	const absolutePath = resolve(chosen);
	const fromCwd = relative(process.cwd(), absolutePath);
	const displayName = fromCwd !== '' && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : absolutePath;
	return { absolutePath, displayName };
}
