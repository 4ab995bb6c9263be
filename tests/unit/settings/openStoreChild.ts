// Run as a child process (possibly as another user): opens the settings store at argv[2] and prints the outcome as JSON.
import { openSettingsStore } from '#lib/settings/openSettingsStore';
import { SettingsStoreError } from '#lib/settings/SettingsStoreError';

try {
	const store = await openSettingsStore({ sqlitePath: process.argv[2]!, busyTimeoutMs: 200 });
	await store.close();
	process.stdout.write(`${JSON.stringify({ opened: true })}\n`);
} catch (error) {
	if (!(error instanceof SettingsStoreError)) throw error;
	process.stdout.write(`${JSON.stringify({ opened: false, problem: error.problem, message: error.message })}\n`);
}
