import { expect } from 'chai';
import { DiscordEmulator, type EmulatedGuild } from '#emulator/index';
import { BotProcess, SmokeEntryPoint } from '#support/BotProcess';
import { botConfigFor } from '#support/botConfig';
import { descendantProcesses } from '#support/processes';
import { TestStation } from '#support/TestStation';

describe('GIVEN `npm run smoke` pointed at a test server of the emulated Discord', () => {
	let emu: DiscordEmulator;
	let station: TestStation;
	let guild: EmulatedGuild;

	const smoke = (args: string[]) =>
		BotProcess.start({
			env: { ...emu.botEnv(), SMOKE_LOG_LEVEL: 'silent' },
			config: botConfigFor(station),
			entryPoint: SmokeEntryPoint,
			args: ['--guild', guild.id, ...args]
		});
	const report = (run: BotProcess) => run.logs.map((line) => line.msg);

	before(async () => {
		station = await TestStation.start({ mounts: { '/sine.mp3': { frequency: 440 } } });
		emu = await DiscordEmulator.start();
		emu.createGuild({ name: 'Another Server' });
		guild = emu.createGuild({ name: 'Test Server' });
		guild.addVoiceChannel('Lounge');
	});

	after(async () => {
		await emu?.stop();
		await station?.stop();
	});

	it('WHEN every step works THEN it reports each one as ok, the commands are in that server only, and the audio it counted reached the voice channel', async () => {
		const run = smoke(['--channel', 'lounge', '--station', 'sine', '--seconds', '3']);
		// Listen in while it plays: what the voice server receives is the proof the packets count is right.
		const voice = await emu.waitForVoice(guild, 60_000);
		const heard = await voice.capture(2_000);
		expect(await run.waitForExit()).to.deep.equal({ code: 0, signal: null });

		const lines = report(run);
		expect(lines.map((line) => line.trim().split(/\s+/).slice(0, 3).join(' '))).to.deep.equal([
			'ok 1/9 config',
			'ok 2/9 login',
			'ok 3/9 server',
			'ok 4/9 commands',
			'ok 5/9 channel',
			'ok 6/9 stream',
			'ok 7/9 join',
			'ok 8/9 audio',
			'ok 9/9 leave'
		]);
		expect(lines[3]).to.include('/radio');
		const packets = Number(/(\d+) audio packets sent in 3 s/.exec(lines[7]!)?.[1]);
		expect(packets).to.be.at.least(135);
		expect(heard.dominantFrequency()).to.be.closeTo(440, 10);
		expect(emu.registeredCommands(guild.id).map((command) => command.name)).to.include('radio');
		expect(emu.registeredCommands()).to.deep.equal([]);
		expect(guild.voiceStates.get(emu.botUser.id)?.channelId ?? null).to.equal(null);
		expect(descendantProcesses(run.pid, 'ffmpeg')).to.deep.equal([]);
	});

	it('WHEN the voice channel does not exist THEN that step fails naming the channels there are, the rest is skipped, and it exits 1', async () => {
		const run = smoke(['--channel', 'Nowhere', '--seconds', '1']);
		expect(await run.waitForExit()).to.deep.equal({ code: 1, signal: null });
		const lines = report(run);
		expect(lines.map((line) => line.trim().split(/\s+/).slice(0, 3).join(' '))).to.deep.equal([
			'ok 1/9 config',
			'ok 2/9 login',
			'ok 3/9 server',
			'ok 4/9 commands',
			'FAIL 5/9 channel',
			'next: pick one',
			'skip 6/9 stream',
			'skip 7/9 join',
			'skip 8/9 audio',
			'skip 9/9 leave'
		]);
		expect(lines[4]).to.include('no voice channel "Nowhere" in Test Server');
		expect(lines[5]).to.include('"Lounge"');
	});

	it('WHEN the arguments are wrong THEN it explains them and exits 2 without logging in', async () => {
		const before = emu.gateway.allSessions.length;
		const run = BotProcess.start({
			env: emu.botEnv(),
			config: botConfigFor(station),
			entryPoint: SmokeEntryPoint,
			args: ['--channel', 'Lounge']
		});
		expect(await run.waitForExit()).to.deep.equal({ code: 2, signal: null });
		expect(run.stderr.join('\n')).to.include('--guild').and.include('Usage: npm run smoke');
		expect(emu.gateway.allSessions.length).to.equal(before);
	});
});
