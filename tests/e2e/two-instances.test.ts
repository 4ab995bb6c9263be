import { expect } from 'chai';
import { DiscordEmulator, renderMessage, type EmulatedGuild } from '#emulator/index';
import { openSettingsStore } from '#lib/settings/openSettingsStore';
import { BotProcess } from '#support/BotProcess';
import { botConfigFor } from '#support/botConfig';
import { RedisServer } from '#support/RedisServer';
import { TestStation } from '#support/TestStation';
import { waitFor } from '#support/waitFor';
import { stagehand } from '#support/worldState';

const Namespace = 'twins';

interface Server {
	guild: EmulatedGuild;
	lounge: ReturnType<EmulatedGuild['addVoiceChannel']>;
	member: ReturnType<EmulatedGuild['addMember']>;
	/** The shard (of 2) that serves it, and so the instance. */
	shard: number;
}

describe('GIVEN two instances running shards [0] and [1] of 2 against one Discord, sharing one Redis', () => {
	let emu: DiscordEmulator;
	let station: TestStation;
	let redis: RedisServer;
	let bots: [BotProcess, BotProcess];
	let servers: Server[];
	const config = () => ({ ...botConfigFor(station), sharding: { stats_interval_seconds: 1 } });

	function startInstance(shard: number): BotProcess {
		return BotProcess.start({
			env: {
				...emu.botEnv(),
				HEALTH_PORT: '0',
				REDIS_URL: redis.url,
				SETTINGS_NAMESPACE: Namespace,
				SHARD_COUNT: '2',
				SHARD_IDS: String(shard)
			},
			config: config()
		});
	}

	async function play({ guild, lounge, member }: Server) {
		if (guild.voiceStates.get(member.user.id)?.channelId !== lounge.id) await member.joinVoice(lounge);
		await (await member.run('radio play', { station: 'sine' })).message();
		return emu.waitForVoice(guild, 20_000);
	}

	/** Both instances run (one another test stopped starts again on the shared Redis) and are ready. */
	async function ensureInstances(): Promise<void> {
		const started = ([0, 1] as const).filter((shard) => !bots[shard] || bots[shard].hasExited);
		for (const shard of started) bots[shard] = startInstance(shard);
		await Promise.all(started.map((shard) => bots[shard].waitForLog((line) => line.msg === 'ready', 30_000)));
	}

	/** The radio plays in the server (its member in the Lounge ran /radio play, unless a session is ready there already). */
	async function ensurePlaying(server: Server) {
		const current = emu.voice(server.guild);
		if (current?.state === 'ready') return current;
		const voice = await play(server);
		await voice.waitForAudio(10_000);
		return voice;
	}

	/** Nothing plays in the server: a server manager (DJ role or not) runs /radio stop if the bot is there. */
	async function ensureSilent({ guild }: Server): Promise<void> {
		if (!emu.voice(guild) && !guild.voiceStates.get(emu.botUser.id)?.channelId) return;
		await (await stagehand(guild).run('radio stop')).message();
		await waitFor(() => (!guild.voiceStates.get(emu.botUser.id)?.channelId && emu.voice(guild)?.state !== 'ready') || null, 'the bot to leave');
	}

	const playingIn = (shard?: number) =>
		servers.filter((server) => (shard === undefined || server.shard === shard) && emu.voice(server.guild)?.state === 'ready').length;

	const info = async ({ member }: Server) => renderMessage(await (await member.run('info')).message());
	const opFours = (guildId: string) =>
		emu.gateway.allSessions.map(
			(session) => session.voiceStateUpdates.filter((command) => (command.d as { guild_id?: string }).guild_id === guildId).length
		);
	const ignored = () => emu.gateway.allSessions.flatMap((session) => session.ignoredVoiceStateUpdates);
	const mentions = (bot: BotProcess, guildId: string) => bot.logs.filter((line) => line.guildId === guildId);

	before(async () => {
		station = await TestStation.start({ mounts: { '/sine.mp3': { frequency: 440 } } });
		emu = await DiscordEmulator.start({ gateway: { shards: 2, maxConcurrency: 2 } });
		servers = [0, 1, 0, 1].map((shard, index) => {
			const guild = emu.createGuild({ name: `Server ${index + 1}`, shard: [shard, 2] });
			return { guild, lounge: guild.addVoiceChannel('Lounge'), member: guild.addMember({ username: `listener${index + 1}` }), shard };
		});
		redis = await RedisServer.start();
		bots = [] as unknown as [BotProcess, BotProcess];
		await ensureInstances();
		await emu.waitForCommands((commands) => commands.some((command) => command.name === 'radio'), 30_000);
	});

	after(async () => {
		await Promise.all((bots ?? []).map((bot) => bot.stop('SIGKILL')));
		await emu?.stop();
		await station?.stop();
		await redis?.kill();
	});

	it('WHEN both are up THEN each has only the servers of its own shard, and its /readyz says so', async () => {
		await ensureInstances();
		for (const [shard, bot] of bots.entries()) {
			expect(bot.logs.find((line) => line.msg === 'ready')?.guilds, `instance ${shard}`).to.equal(2);
			const port = (await bot.waitForLog((line) => line.msg === 'health server listening')).port as number;
			const response = await fetch(`http://127.0.0.1:${port}/readyz`);
			expect(response.status).to.equal(200);
			expect(await response.json()).to.deep.equal({ status: 'ready', detail: { shards: [{ id: shard, status: 'Ready' }], voice: true } });
		}
	});

	it('WHEN a server of each shard plays THEN the instance of its shard joins it, and the other never touches it', async () => {
		const [zero, one] = servers as [Server, Server];
		await ensureInstances();
		await Promise.all([ensureSilent(zero), ensureSilent(one)]);
		const joinsBefore = new Map([zero, one].map((server) => [server.guild.id, opFours(server.guild.id)]));
		const [zeroVoice, oneVoice] = await Promise.all([play(zero), play(one)]);
		await Promise.all([zeroVoice.waitForAudio(10_000), oneVoice.waitForAudio(10_000)]);
		await bots[0].waitForLog((line) => line.msg === 'playing' && line.guildId === zero.guild.id);
		await bots[1].waitForLog((line) => line.msg === 'playing' && line.guildId === one.guild.id);
		expect(mentions(bots[1], zero.guild.id)).to.deep.equal([]);
		expect(mentions(bots[0], one.guild.id)).to.deep.equal([]);
		// The joins went out on the owning shard's own connection: one join there, none on any other connection.
		for (const server of [zero, one]) {
			const [owner, ...others] = emu.gateway.sessionsFor(server.guild.id);
			expect(owner?.shardId).to.equal(server.shard);
			expect(others).to.deep.equal([]);
			const before = joinsBefore.get(server.guild.id)!;
			const joins = opFours(server.guild.id).map((count, index) => count - (before[index] ?? 0));
			expect(joins, `joins per gateway connection for ${server.guild.name}`).to.deep.equal(
				emu.gateway.allSessions.map((session) => (session === owner ? 1 : 0))
			);
		}
		expect(ignored()).to.deep.equal([]);
	});

	it('WHEN /info is asked on either THEN it shows the totals of both instances', async () => {
		await ensureInstances();
		await Promise.all(servers.slice(0, 2).map((server) => ensurePlaying(server)));
		// Another test may have made a server of shard 1 play around the clock: the totals count what plays.
		const listening = `Listening now: ${playingIn()} servers`;
		for (const server of servers.slice(0, 2)) {
			const text = await waitFor(async () => {
				const rendered = await info(server);
				return rendered.includes(listening) ? rendered : null;
			}, `/info on shard ${server.shard} to count the sessions of both instances (${listening})`);
			expect(text).to.include('Servers: 4').and.include('Shards: 2').and.include('Instances: 2').and.include('Streams: 2');
			expect(text).to.not.include('Figures from this instance only');
		}
	});

	it('WHEN a server`s settings are changed in the shared Redis (an operator`s tool, or any other instance) THEN the instance serving it acts on them at once, not after its cache expires', async () => {
		const allDay = servers[3]!;
		const listening = servers[1]!;
		await ensureInstances();
		await ensurePlaying(listening);
		await ensureSilent(allDay);
		const dj = listening.guild.addRole({ name: 'DJ' });
		const operator = await openSettingsStore({ redisUrl: redis.url, namespace: Namespace });
		try {
			// The instance cached the listening server's settings when it played there: a DJ role now must apply at once.
			await operator.updateGuild(listening.guild.id, { djRoleId: dj.id });
			await bots[1].waitForLog(
				(line) => line.msg === 'settings changed on another instance' && (line.change as { guildId?: string }).guildId === listening.guild.id
			);
			const denied = renderMessage(await (await listening.member.run('radio stop')).message());
			expect(denied).to.include('DJ');
			expect(emu.voice(listening.guild)?.state).to.equal('ready');

			// 24/7 switched on elsewhere: the serving instance joins now, not at its next start.
			await operator.updateGuild(allDay.guild.id, { autoJoin: true, voiceChannelId: allDay.lounge.id, defaultStationId: 'test-tone' });
			const joined = await emu.waitForVoice(allDay.guild, 15_000);
			await joined.waitForAudio(10_000);
			expect(mentions(bots[0], allDay.guild.id)).to.deep.equal([]);
		} finally {
			// The other tests' members play there without the DJ role: the instance must have seen it go before they do.
			const seen = bots[1].logs.length;
			await operator.updateGuild(listening.guild.id, { djRoleId: null });
			await bots[1].waitForLog(
				(line) =>
					bots[1].logs.indexOf(line) >= seen &&
					line.msg === 'settings changed on another instance' &&
					(line.change as { guildId?: string }).guildId === listening.guild.id
			);
			await operator.close();
		}
	});

	it('WHEN one instance stops gracefully THEN it saves its sessions and leaves the other`s alone, and the totals drop it at once', async () => {
		const [zero, one] = servers as [Server, Server];
		await ensureInstances();
		await Promise.all([ensurePlaying(zero), ensurePlaying(one)]);
		expect(await bots[0].stop('SIGTERM')).to.deep.equal({ code: 0, signal: null });
		const operator = await openSettingsStore({ redisUrl: redis.url, namespace: Namespace });
		try {
			const saved = (await operator.listSessions()).map((record) => record.guildId);
			expect(saved).to.include.members([zero.guild.id, one.guild.id]);
		} finally {
			await operator.close();
		}
		expect(emu.voice(one.guild)?.state).to.equal('ready');
		const text = await info(one);
		expect(text).to.include('Instances: 1').and.include('Shards: 1').and.include('Servers: 2');
	});

	it('WHEN an instance stopped gracefully starts again THEN it resumes its own saved session only, on its own shard', async () => {
		const [zero] = servers as [Server];
		await ensureInstances();
		await ensurePlaying(zero);
		await ensurePlaying(servers[1]!);
		expect(await bots[0].stop('SIGTERM')).to.deep.equal({ code: 0, signal: null });
		const othersSaved = playingIn(1);
		const before = opFours(zero.guild.id).reduce((total, count) => total + count, 0);
		bots[0] = startInstance(0);
		const voice = await waitFor(() => (emu.voice(zero.guild)?.state === 'ready' ? emu.voice(zero.guild) : null), 'the resumed session', 30_000);
		await voice!.waitForAudio(10_000);
		await bots[0].waitForLog((line) => line.msg === 'resuming voice sessions');
		const resuming = bots[0].logs.find((line) => line.msg === 'resuming voice sessions')!;
		// The saved sessions of the other instance's shard (what plays there) are left to it.
		expect(resuming).to.deep.include({ resume: 1, otherInstances: othersSaved });
		expect(opFours(zero.guild.id).reduce((total, count) => total + count, 0)).to.be.above(before);
		expect(ignored()).to.deep.equal([]);
	});
});
