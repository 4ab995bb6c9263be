import { expect } from 'chai';
import { DiscordEmulator, renderMessage, type EmulatedGuild } from '#emulator/index';
import { openSettingsStore } from '#lib/settings/openSettingsStore';
import { BotProcess, ShardingManagerEntryPoint } from '#support/BotProcess';
import { botConfigFor } from '#support/botConfig';
import { descendantProcesses, isAlive } from '#support/processes';
import { TestStation } from '#support/TestStation';
import { waitFor } from '#support/waitFor';

describe('GIVEN `npm run start:sharded` (discord.js`s ShardingManager) against a Discord that recommends 2 shards', () => {
	let emu: DiscordEmulator;
	let station: TestStation;
	let manager: BotProcess;
	let servers: { guild: EmulatedGuild; lounge: ReturnType<EmulatedGuild['addVoiceChannel']>; member: ReturnType<EmulatedGuild['addMember']> }[];
	let healthPort: number;

	const botProcesses = () => descendantProcesses(manager.pid, 'node');

	before(async () => {
		station = await TestStation.start({ mounts: { '/sine.mp3': { frequency: 440 } } });
		emu = await DiscordEmulator.start({ gateway: { shards: 2, maxConcurrency: 2 } });
		servers = [0, 1].map((shard) => {
			const guild = emu.createGuild({ name: `Shard ${shard} server`, shard: [shard, 2] });
			return { guild, lounge: guild.addVoiceChannel('Lounge'), member: guild.addMember({ username: `listener${shard}` }) };
		});
		await ensureManager();
		await emu.waitForCommands((commands) => commands.some((command) => command.name === 'radio'), 30_000);
	});

	/** A manager runs with both shard processes ready (a new one, on the same settings, when another test stopped it). */
	async function ensureManager(): Promise<BotProcess> {
		if (!manager || manager.hasExited) {
			manager = BotProcess.start({
				env: { ...emu.botEnv(), HEALTH_PORT: '0' },
				config: botConfigFor(station),
				entryPoint: ShardingManagerEntryPoint,
				settingsPath: manager?.settingsPath
			});
			healthPort = (await manager.waitForLog((line) => line.msg === 'health server listening', 30_000)).port as number;
		}
		await waitFor(async () => (await fetch(`http://127.0.0.1:${healthPort}/readyz`)).status === 200 || null, 'every shard to be ready', 60_000);
		return manager;
	}

	/** Each server has the radio on (a member in the Lounge ran /radio play, unless a session plays there already). */
	async function ensureBothPlaying(): Promise<void> {
		for (const { guild, lounge, member } of servers) {
			if (guild.voiceStates.get(member.user.id)?.channelId !== lounge.id) await member.joinVoice(lounge);
			if (emu.voice(guild)?.state === 'ready') continue;
			await (await member.run('radio play', { station: 'sine' })).message();
			await (await emu.waitForVoice(guild, 20_000)).waitForAudio(10_000);
		}
	}

	after(async () => {
		for (const child of manager ? botProcesses() : []) process.kill(child.pid, 'SIGKILL');
		await manager?.stop('SIGKILL');
		await emu?.stop();
		await station?.stop();
	});

	it('WHEN it starts THEN it runs one bot process per shard, and /readyz turns ready once every shard is', async () => {
		await ensureManager();
		expect(manager.logs.find((line) => line.msg === 'shard count chosen')).to.deep.include({ shardCount: 2, recommended: 2 });
		expect(botProcesses()).to.have.lengthOf(2);
		expect(emu.gateway.sessions.map((session) => session.shard).sort()).to.deep.equal([
			[0, 2],
			[1, 2]
		]);
		const response = await fetch(`http://127.0.0.1:${healthPort}/readyz`);
		expect(await response.json()).to.deep.equal({
			status: 'ready',
			detail: {
				shards: [
					{ id: 0, ready: true },
					{ id: 1, ready: true }
				]
			}
		});
	});

	it('WHEN a server of each shard plays THEN each plays, and /info on either counts both processes', async () => {
		await ensureManager();
		for (const { guild, lounge, member } of servers) {
			if (guild.voiceStates.get(member.user.id)?.channelId !== lounge.id) await member.joinVoice(lounge);
			await (await member.run('radio play', { station: 'sine' })).message();
			await (await emu.waitForVoice(guild, 20_000)).waitForAudio(10_000);
		}
		// Each process reports its counts to the others every few seconds.
		const text = await waitFor(async () => {
			const rendered = renderMessage(await (await servers[0]!.member.run('info')).message());
			return rendered.includes('Listening now: 2 servers') ? rendered : null;
		}, '/info to count both sessions');
		expect(text).to.include('Servers: 2').and.include('Listening now: 2 servers').and.include('Shards: 2').and.include('Instances: 2');
	});

	it('WHEN a shard process dies THEN the manager starts it again, its shard identifies anew and plays again, and /readyz waits for it', async () => {
		await ensureManager();
		await ensureBothPlaying();
		const [victim] = botProcesses();
		const identifies = emu.gateway.identifies.length;
		process.kill(victim!.pid, 'SIGKILL');
		await manager.waitForLog((line) => line.msg === 'shard process exited: starting it again');
		await waitFor(() => emu.gateway.identifies.length > identifies || null, 'the new process to identify', 30_000);
		await waitFor(async () => (await fetch(`http://127.0.0.1:${healthPort}/readyz`)).status === 200 || null, 'ready again', 30_000);
		expect(botProcesses()).to.have.lengthOf(2);
		expect(botProcesses().map((child) => child.pid)).to.not.include(victim!.pid);
		// Its saved session came back with it.
		for (const { guild } of servers) await waitFor(() => emu.voice(guild)?.state === 'ready' || null, `${guild.name} playing`, 30_000);
	});

	it('WHEN the manager gets SIGTERM THEN every shard process stops gracefully, none is respawned, and every session is saved', async () => {
		await ensureManager();
		await ensureBothPlaying();
		const children = botProcesses().map((child) => child.pid);
		const { settingsPath } = manager;
		expect(await manager.stop('SIGTERM')).to.deep.equal({ code: 0, signal: null });
		expect(manager.logs.find((line) => line.msg === 'every shard process stopped')).to.deep.include({ processes: 2, failed: 0 });
		expect(manager.logs.filter((line) => line.msg === 'shutdown complete')).to.have.lengthOf(2);
		await waitFor(() => children.every((pid) => !isAlive(pid)) || null, 'the shard processes to be gone');
		const store = await openSettingsStore({ sqlitePath: settingsPath });
		try {
			expect((await store.listSessions()).map((record) => record.guildId).sort()).to.deep.equal(servers.map(({ guild }) => guild.id).sort());
		} finally {
			await store.close();
		}
	});
});
