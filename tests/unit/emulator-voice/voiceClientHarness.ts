import {
	createAudioPlayer,
	createAudioResource,
	entersState,
	joinVoiceChannel,
	StreamType,
	VoiceConnectionStatus,
	type AudioPlayer,
	type VoiceConnection
} from '@discordjs/voice';
import { startToneStream, type ToneSource } from '#emulator/audio/index';
import { voiceServerAdapter, type VoiceServer, type VoiceSession } from '#emulator/voice/index';

const botUserId = '100000000000000001';
let guildCounter = 0;

/** A real @discordjs/voice connection to the emulated voice server, playing an ffmpeg tone. */
export interface PlayingBot {
	guildId: string;
	channelId: string;
	userId: string;
	connection: VoiceConnection;
	player: AudioPlayer;
	tone: ToneSource;
	session: VoiceSession;
	stop(): Promise<void>;
}

/** A guild id no test used yet: @discordjs/voice tracks connections per guild in module state. */
export function freshGuildId(): string {
	return `20000000000000${String(++guildCounter).padStart(4, '0')}`;
}

export async function joinAndPlayTone(
	server: VoiceServer,
	frequency: number,
	{ daveEncryption = true, guildId = freshGuildId() } = {}
): Promise<PlayingBot> {
	const channelId = '300000000000000001';
	const connection = joinVoiceChannel({
		guildId,
		channelId,
		adapterCreator: voiceServerAdapter(server, botUserId),
		selfDeaf: true,
		daveEncryption
	});
	const player = createAudioPlayer();
	const tone = startToneStream(frequency);
	const stop = async () => {
		player.stop(true);
		if (connection.state.status !== VoiceConnectionStatus.Destroyed) connection.destroy();
		await tone.stop();
	};
	try {
		connection.on('error', () => undefined);
		await entersState(connection, VoiceConnectionStatus.Ready, 10_000);
		connection.subscribe(player);
		player.play(createAudioResource(tone.stream, { inputType: StreamType.OggOpus }));
		const session = await server.waitForSession(guildId, 5_000);
		return { guildId, channelId, userId: botUserId, connection, player, tone, session, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
