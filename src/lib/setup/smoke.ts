import { getVoiceConnection } from '@discordjs/voice';
import { container, Events, type SapphireClient } from '@sapphire/framework';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Station } from '#lib/config/types';
import { botJoinProblem } from '#lib/discord/botJoinProblem';
import { SmokeFailure, type SmokeStep } from '#lib/smoke/runSmoke';
import { VoiceJoinError } from '#lib/voice/VoiceConnections';

export interface SmokeOptions {
	readonly guildId: string;
	/** A voice channel's name (any case) or id. */
	readonly channel: string;
	/** A config.yaml station's id, alias or name; default the first one. */
	readonly station: string | null;
	readonly seconds: number;
}

/** Logging in and command registration may take this long (a tool's patience, not a bot policy). */
const LoginTimeoutMs = 60_000;
/** Opus frames a second: one every 20 ms. */
const FramesPerSecond = 50;
/** Share of the expected frames that must have been sent for the audio step to pass. */
const MinimumShare = 0.9;

/**
 * The steps of `npm run smoke` on the bot itself (its pieces, services and config.yaml): log in, find the server,
 * register the commands there, find the voice channel, check the station, join, play and count what was sent, leave.
 */
export function smokeSteps(client: SapphireClient, token: string, options: SmokeOptions): SmokeStep[] {
	let station: Station;
	let channel: NonNullable<ReturnType<typeof findVoiceChannel>>;
	let registered: Promise<unknown>;
	const guild = () => client.guilds.cache.get(options.guildId)!;

	return [
		{
			name: 'config',
			run: () => {
				const { config, stations } = container;
				const found = options.station === null ? config.radios[0] : stations.exact(options.station);
				if (!found) {
					throw new SmokeFailure(
						`config.yaml has no station "${options.station}"`,
						`use an id, alias or name from ${config.file}: ${config.radios.map((radio) => radio.id).join(', ')}`
					);
				}
				station = found;
				return Promise.resolve(`${config.file}: ${config.radios.length} stations; playing "${station.name}" (${station.id})`);
			}
		},
		{
			name: 'login',
			run: async () => {
				registered = once(client, Events.ApplicationCommandRegistriesRegistered, { signal: AbortSignal.timeout(LoginTimeoutMs) });
				registered.catch(() => undefined);
				const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(LoginTimeoutMs) });
				try {
					await client.login(token);
					await ready;
				} catch (error) {
					throw new SmokeFailure(
						`could not log in: ${(error as Error).message}`,
						'check DISCORD_TOKEN (the bot token from the Developer Portal)'
					);
				}
				return `logged in as ${client.user!.tag} on ${client.ws.shards.size} shard(s), in ${client.guilds.cache.size} server(s)`;
			}
		},
		{
			name: 'server',
			run: () => {
				if (!guild()) {
					throw new SmokeFailure(
						`the bot is not in the server ${options.guildId}`,
						`invite it: https://discord.com/oauth2/authorize?client_id=${client.application!.id}&scope=bot%20applications.commands`
					);
				}
				return Promise.resolve(`${guild().name} (${guild().id})`);
			}
		},
		{
			name: 'commands',
			run: async () => {
				await registered.catch(() => {
					throw new SmokeFailure(`the commands were not registered within ${LoginTimeoutMs / 1_000} s`);
				});
				const commands = await guild().commands.fetch();
				if (!commands.some((command) => command.name === 'radio'))
					throw new SmokeFailure('/radio is not among the server`s commands after registering');
				return `${commands.size} commands registered in ${guild().name}: ${[...commands.values()].map((command) => `/${command.name}`).join(' ')}`;
			}
		},
		{
			name: 'channel',
			run: () => {
				const found = findVoiceChannel(guild(), options.channel);
				if (!found) {
					const names = guild()
						.channels.cache.filter((candidate) => candidate.isVoiceBased())
						.map((candidate) => `"${candidate.name}"`);
					throw new SmokeFailure(`no voice channel "${options.channel}" in ${guild().name}`, `pick one of: ${names.join(', ') || 'none'}`);
				}
				const problem = botJoinProblem(found);
				if (problem) {
					throw new SmokeFailure(
						problem.kind === 'channelFull' ? `"${found.name}" is full` : `the bot lacks ${problem.missing.join(', ')} in "${found.name}"`,
						'give the bot those permissions in that channel, or pick another channel'
					);
				}
				channel = found;
				return Promise.resolve(`"${found.name}" (${found.id}); the bot may join and speak`);
			}
		},
		{
			name: 'stream',
			run: async () => {
				const result = await container.streams.preflight(station);
				if (!result.ok)
					throw new SmokeFailure(
						`${station.url} sent no audio: ${result.message}`,
						`check the station with npm run probe -- ${station.url}`
					);
				return `${station.url} sends audio (first bytes after ${Math.round(result.firstAudioMs)} ms)`;
			}
		},
		{
			name: 'join',
			run: async () => {
				try {
					await container.voice.play(channel, station, null, 100);
				} catch (error) {
					if (!(error instanceof VoiceJoinError)) throw error;
					throw new SmokeFailure(
						`could not join "${channel.name}": ${error.message}`,
						'voice needs outbound UDP to Discord`s voice servers: check the firewall'
					);
				}
				return `joined "${channel.name}"`;
			}
		},
		{
			name: 'audio',
			run: async () => {
				const pipeline = container.voice.activePipelines.find((candidate) => candidate.listeningGuilds.has(options.guildId));
				if (!pipeline || !(await pipeline.whenAudible(container.config.voice.joinTimeoutSeconds * 1_000)))
					throw new SmokeFailure('the station did not start playing', `check the station with npm run probe -- ${station.url}`);
				const before = packetsSent(options.guildId);
				await sleep(options.seconds * 1_000);
				const sent = packetsSent(options.guildId) - before;
				const expected = options.seconds * FramesPerSecond;
				if (sent < expected * MinimumShare) {
					throw new SmokeFailure(
						`${sent} audio packets sent in ${options.seconds} s, expected about ${expected}`,
						'the voice connection drops audio: check the network'
					);
				}
				return `${sent} audio packets sent in ${options.seconds} s (about ${expected} expected)`;
			}
		},
		{
			name: 'leave',
			run: () => {
				container.voice.stop(options.guildId);
				return Promise.resolve(`left "${channel.name}"`);
			}
		}
	];
}

/** Whatever the outcome: voice left and every ffmpeg ended, the gateway closed, the temporary settings closed. */
export async function finishSmoke(client: SapphireClient): Promise<void> {
	await container.voice.shutdown();
	await client.destroy();
	await container.settings.close().catch(() => undefined);
}

function findVoiceChannel(guild: NonNullable<ReturnType<SapphireClient['guilds']['cache']['get']>>, wanted: string) {
	const channels = guild.channels.cache.filter((candidate) => candidate.isVoiceBased());
	return channels.get(wanted) ?? channels.find((candidate) => candidate.name.toLowerCase() === wanted.trim().toLowerCase()) ?? null;
}

/** Opus packets the voice connection has sent since it connected (@discordjs/voice counts them for its RTP headers). */
function packetsSent(guildId: string): number {
	const state = getVoiceConnection(guildId)?.state as { networking?: { state?: { connectionData?: { packetsPlayed?: number } } } } | undefined;
	return state?.networking?.state?.connectionData?.packetsPlayed ?? 0;
}
