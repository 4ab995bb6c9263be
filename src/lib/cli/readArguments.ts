/**
 * The command line of one of our tools: `--help` prints `usage` and exits 0; arguments `parse` refuses (it returns
 * the reason as a string) print the reason and the usage and exit 2.
 */
export function readArguments<T extends object>(usage: string, parse: (argv: string[]) => T | string): T {
	const argv = process.argv.slice(2);
	if (argv.includes('--help') || argv.includes('-h')) {
		process.stdout.write(usage);
		process.exit(0);
	}
	const parsed = parse(argv);
	if (typeof parsed === 'string') {
		process.stderr.write(`${parsed}\n\n${usage}`);
		process.exit(2);
	}
	return parsed;
}
