/** Placeholder until the emulator lands: the offline demo. */
export async function runDemo(): Promise<number> {
	process.stderr.write('The offline demo is not built yet.\n');
	return 1;
}
