import {
	createAudioPlayer,
	createAudioResource,
	entersState,
	joinVoiceChannel,
	StreamType,
	VoiceConnectionStatus,
	type VoiceConnection
} from '@discordjs/voice';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { once } from 'node:events';
import { startToneStream } from '#emulator/audio/index';
import type { DiscordEmulator, EmulatedChannel, EmulatedGuild } from '#emulator/index';

/** A discord.js client logged in to the emulator with the intents a voice bot needs. */
export async function loginClient(emu: DiscordEmulator): Promise<Client> {
	const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates], rest: { api: emu.apiUrl } });
	const ready = once(client, Events.ClientReady);
	await client.login(emu.token);
	await ready;
	return client;
}

export interface ClientPlayback {
	connection: VoiceConnection;
	/** Every status the connection went through since it joined, in order. */
	statuses: string[];
	/** Close codes of Disconnected states, in order. */
	disconnectCodes: number[];
	stop(): Promise<void>;
}

/**
 * Joins `channel` through discord.js's own voice adapter (the main gateway carries VOICE_STATE_UPDATE / VOICE_SERVER_UPDATE,
 * as in the bot) and plays an ffmpeg tone; resolves once the connection is ready.
 */
export async function playThroughClient(client: Client, guild: EmulatedGuild, channel: EmulatedChannel, frequency: number): Promise<ClientPlayback> {
	const connection = joinVoiceChannel({
		guildId: guild.id,
		channelId: channel.id,
		adapterCreator: client.guilds.cache.get(guild.id)!.voiceAdapterCreator,
		selfDeaf: true
	});
	const statuses: string[] = [];
	const disconnectCodes: number[] = [];
	connection.on('stateChange', (_, next) => {
		statuses.push(next.status);
		if (next.status === VoiceConnectionStatus.Disconnected && 'closeCode' in next) disconnectCodes.push(next.closeCode);
	});
	connection.on('error', () => undefined);
	const player = createAudioPlayer();
	const tone = startToneStream(frequency);
	const stop = async () => {
		player.stop(true);
		if (connection.state.status !== VoiceConnectionStatus.Destroyed) connection.destroy();
		await tone.stop();
	};
	try {
		await entersState(connection, VoiceConnectionStatus.Ready, 10_000);
		connection.subscribe(player);
		player.play(createAudioResource(tone.stream, { inputType: StreamType.OggOpus }));
		return { connection, statuses, disconnectCodes, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
