import { resolve } from 'node:path';
import { checkLanguages } from '#lib/i18n/check/checkLanguages';
import { formatI18nReport } from '#lib/i18n/check/formatI18nReport';
import { languageDirectory } from '#lib/i18n/i18nOptions';
import { readArguments } from '#lib/cli/readArguments';

const usage = `Usage: npm run i18n:check -- [--json] [--dir <languages folder>]

Checks every languages/<locale>/ bundle against en-US: missing and extra keys, {{variables}}, plural forms for each
language, command names and Discord's length limits (see docs/TRANSLATING.md).
Exit code: 0 when there are no errors, 1 when there are, 2 on a usage error.
`;

function parseArguments(argv: readonly string[]): { json: boolean; directory: string } | string {
	let json = false;
	let directory = languageDirectory;
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index]!;
		if (argument === '--json') json = true;
		else if (argument === '--dir') {
			const value = argv[++index];
			if (!value) return '--dir needs a folder.';
			directory = resolve(value);
		} else return `Unknown argument ${argument}.`;
	}
	return { json, directory };
}

const parsed = readArguments(usage, parseArguments);

try {
	const report = checkLanguages(parsed.directory);
	process.stdout.write(parsed.json ? `${JSON.stringify(report, null, '\t')}\n` : formatI18nReport(report));
	process.exitCode = report.ok ? 0 : 1;
} catch (error) {
	process.stderr.write(`Could not read ${parsed.directory}: ${(error as Error).message}\n`);
	process.exitCode = 2;
}
