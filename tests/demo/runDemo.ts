import { container } from '@sapphire/framework';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DiscordEmulator, renderMessage } from '#emulator/index';
import { BotProcess } from '#support/BotProcess';
import { TestStation } from '#support/TestStation';

const ToneHz = 440;
const ListenMs = 5_000;

/**
 * `npm start` without a token: the real bot process against the emulated Discord and a local test station,
 * a scripted session printed as a user would see it, then what arrived over voice. Returns the exit code.
 */
export async function runDemo(): Promise<number> {
	const say = (line = '') => process.stdout.write(`${line}\n`);
	say('Alastor offline demo: no DISCORD_TOKEN, so the real bot runs against an emulated Discord and a local test station.');
	say('(Set DISCORD_TOKEN to connect to Discord instead.)\n');

	const station = await TestStation.start({ mounts: { '/sine.mp3': { frequency: ToneHz, title: 'Alastor Demo - 440 Hz Sine' } } });
	const emu = await DiscordEmulator.start();
	let bot: BotProcess | null = null;
	try {
		const guild = emu.createGuild({ name: 'Alastor Demo' });
		const lounge = guild.addVoiceChannel('Lounge');
		const user = guild.addMember({ username: 'demo-user' });
		bot = BotProcess.start({ env: { ...emu.botEnv(), HEALTH_PORT: 'off', LOG_LEVEL: 'warn' }, config: demoConfig(station.url('/sine.mp3')) });
		await emu.waitForBotReady(30_000);
		const commands = await emu.waitForCommands((registered) => registered.some((command) => command.name === 'radio'), 30_000);
		say(`● Bot online in "${guild.name}"; registered ${commands.map((command) => `/${command.name}`).join(', ')}\n`);

		const show = async (line: string, reply: Promise<{ message(): Promise<unknown>; ephemeral: boolean }>) => {
			say(`demo-user › ${line}`);
			const handle = await reply;
			const text = renderMessage((await handle.message()) as Parameters<typeof renderMessage>[0]);
			say(indent(`Alastor${handle.ephemeral ? ' (only you can see this)' : ''} ›\n${text}`));
			say();
		};

		await show('/help', user.run('help', {}));
		const choices = await user.autocomplete('radio play', { station: 'sin' }, 'station');
		say(`demo-user types "/radio play station: sin" → suggestions: ${choices.map((choice) => choice.name).join(' | ')}\n`);
		await user.joinVoice(lounge);
		say(`demo-user joins 🔊 ${lounge.name}\n`);
		await show('/radio play station: sine', user.run('radio play', { station: 'sine' }));

		const voice = await emu.waitForVoice(guild, 20_000);
		say(`🎧 Listening in ${lounge.name} for ${ListenMs / 1_000} s…\n`);
		const audio = await voice.capture(ListenMs);
		await show('/radio stop', user.run('radio stop', {}));

		const frequency = audio.dominantFrequency();
		const withinTolerance = Math.abs(frequency - ToneHz) <= ToneHz * 0.02;
		say('Audio the emulated Discord received and decrypted:');
		say(
			`  ${audio.seconds.toFixed(2)} s of Opus in ${audio.packets} packets (${voice.mode}), ${audio.sequenceGaps} sequence gaps, ${audio.decryptFailures} decryption failures`
		);
		say(`  detected tone: ${frequency.toFixed(1)} Hz (the test station plays ${ToneHz} Hz) ${withinTolerance ? '✔' : '✘'}`);
		return withinTolerance && audio.seconds >= ListenMs / 1_000 - 0.5 ? 0 : 1;
	} catch (error) {
		say(`Demo failed: ${(error as Error).message}`);
		if (bot) say(`Last bot log lines:\n${bot.tail()}\n${bot.stderr.join('\n')}`);
		return 1;
	} finally {
		await bot?.stop('SIGTERM');
		await emu.stop();
		await station.stop();
	}
}

/** The shipped config.yaml plus the local test station, so the catalog is the real one. */
function demoConfig(testStationUrl: string): Record<string, unknown> {
	const shipped = parse(readFileSync(container.config.file, 'utf8')) as { radios?: Record<string, unknown> };
	return {
		...shipped,
		radios: {
			'Test Tone': {
				url: testStationUrl,
				aliases: ['sine'],
				bitrate: 128,
				format: 'MP3',
				description: 'A 440 Hz sine from the built-in test station.'
			},
			...shipped.radios
		}
	};
}

function indent(text: string): string {
	return text
		.split('\n')
		.map((line) => `    ${line}`)
		.join('\n');
}
