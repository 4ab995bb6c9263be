// `npm run smoke -- --guild <id> --channel <name>`: checks a real token against a test server, step by step.
import '#lib/setup/loadEnvFile';
import '#lib/smoke/smokeEnvironment';
import '#lib/voice/prepareVoice';
import { readArguments } from '#lib/cli/readArguments';
import { runSmoke } from '#lib/smoke/runSmoke';
import { readEnvironmentOrExit, setupConfig, setupSettings } from '#lib/setup/bootstrap';
import { createClient } from '#lib/setup/createClient';
import { setupShards } from '#lib/setup/sharding';
import { finishSmoke, smokeSteps, type SmokeOptions } from '#lib/setup/smoke';
import { installGracefulShutdown } from '#lib/setup/gracefulShutdown';
import { requireDaveOrExit } from '#lib/voice/checkDave';

const usage = `Usage: npm run smoke -- --guild <server id> --channel <voice channel name or id> [--station <station>] [--seconds <n>]

Logs in with DISCORD_TOKEN, registers the bot's commands in that server, joins the voice channel, plays the station
(an id, alias or name from config.yaml; default the first) for 10 seconds (--seconds), checks that audio was sent,
leaves, and reports each step on one line. Its settings are a temporary file: the running bot's are not touched.
Run it with the bot stopped, or with a test application's token. Exit code: 0 when every step passed, 1 when one
failed, 2 on a usage error.
`;

function parseArguments(argv: readonly string[]): SmokeOptions | string {
	const values = new Map<string, string>();
	for (let index = 0; index < argv.length; index += 2) {
		const [flag, value] = [argv[index]!, argv[index + 1]];
		if (!['--guild', '--channel', '--station', '--seconds'].includes(flag)) return `Unknown option ${flag}.`;
		if (value === undefined || value.startsWith('--')) return `${flag} needs a value.`;
		values.set(flag, value);
	}
	const guildId = values.get('--guild');
	const channel = values.get('--channel');
	if (!guildId || !/^\d{17,20}$/.test(guildId)) return 'Missing or invalid --guild: the test server`s id (17 to 20 digits).';
	if (!channel) return 'Missing --channel: the voice channel to join, by name or id.';
	const seconds = Number(values.get('--seconds') ?? 10);
	if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600) return '--seconds must be a whole number from 1 to 600.';
	return { guildId, channel, station: values.get('--station') ?? null, seconds };
}

const options = readArguments(usage, parseArguments);
requireDaveOrExit();
await import('#lib/setup/plugins');
const env = readEnvironmentOrExit();
if (!env.discordToken) {
	process.stderr.write('DISCORD_TOKEN is not set: the smoke test logs in as the bot. Set it in the environment or .env.\n');
	process.exit(2);
}
setupConfig();
await setupSettings(env);
// Commands go to the test server only, as DEVELOPMENT_GUILD_IDS would put them: the global ones stay as they are.
const client = createClient({ ...env, developmentGuildIds: [options.guildId] }, await setupShards(env));
// Ctrl+C leaves voice and ends ffmpeg like the bot's own shutdown.
installGracefulShutdown(client);
const passed = await runSmoke(smokeSteps(client, env.discordToken, options), (line) => process.stdout.write(`${line}\n`));
await finishSmoke(client);
process.exit(passed ? 0 : 1);
