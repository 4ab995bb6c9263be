// Side-effect module, imported first by the entry point, before anything reads process.env (the logger reads LOG_LEVEL
// as it loads): the ENV_FILE file (default `.env` in the working directory; `off` for none) fills in the variables the
// environment leaves unset. A missing default `.env` is fine; a named or unreadable one stops the bot (exit 78).
const chosen = process.env.ENV_FILE?.trim();
if (chosen !== 'off') {
	try {
		process.loadEnvFile(chosen || '.env');
	} catch (error) {
		if (chosen || (error as NodeJS.ErrnoException).code !== 'ENOENT') {
			process.stderr.write(
				`${chosen || '.env'} could not be read (${error instanceof Error ? error.message : String(error)}). Fix it or set ENV_FILE.\n`
			);
			process.exit(78);
		}
	}
}
