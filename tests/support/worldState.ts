import { DefaultMemberPermissions, Permission, renderMessage } from '#emulator/index';
import type { VoiceSession } from '#emulator/voice/index';
import type { BotProcess, LogLine } from './BotProcess.js';
import { en } from './en.js';
import type { RadioWorld, WorldGuild } from './RadioWorld.js';
import { waitFor } from './waitFor.js';

/**
 * Idempotent steps that let each e2e `it` establish the state it needs from a shared RadioWorld, whatever ran before
 * it: each checks first and acts only if needed, so the test's own members keep their budgets (5 playback changes in
 * 30 s per user, 10 setup changes a minute per server) for what the test itself does.
 */

type Guild = WorldGuild['guild'];
type Member = WorldGuild['member'];
type Channel = WorldGuild['lounge'];
type Json = Record<string, any>;

const stagehands = new WeakMap<Guild, Member>();

/** A server manager of `guild` who is in no voice channel: does chores (stop, volume) without counting as a listener. */
export function stagehand(guild: Guild): Member {
	let member = stagehands.get(guild);
	if (!member) {
		member = guild.addMember({ username: 'stagehand', permissions: DefaultMemberPermissions | Permission.ManageGuild });
		stagehands.set(guild, member);
	}
	return member;
}

/** The voice channel the bot is in, in `guild`, or null. */
export function botChannel(world: RadioWorld, guild: Guild): string | null {
	return guild.voiceStates.get(world.emu.botUser.id)?.channelId ?? null;
}

export async function ensureInVoice(member: Member, channel: Channel): Promise<void> {
	if (member.voiceChannelId !== channel.id) await member.joinVoice(channel);
}

export async function ensureOutOfVoice(member: Member): Promise<void> {
	if (member.voiceChannelId !== null) await member.leaveVoice();
}

/**
 * The bot plays `alias` in the guild's Lounge (or `channel`) with `listener` (default the guild's member) there: unless
 * a ready voice session is already in that channel, `listener` runs /radio play. A session in the right channel is taken
 * to be that station, unless `name` is given: then /radio info must show that station, or it is played. Resolves with
 * the ready voice session.
 */
export async function ensurePlaying(
	world: RadioWorld,
	{ guild, lounge, member }: WorldGuild,
	alias: string,
	{ channel = lounge, listener = member, name }: { channel?: Channel; listener?: Member; name?: string } = {}
): Promise<VoiceSession> {
	await ensureInVoice(listener, channel);
	const current = world.emu.voice(guild);
	if (current?.state === 'ready' && current.channelId === channel.id && botChannel(world, guild) === channel.id) {
		if (name === undefined || (await playingStation(guild)) === name) return current;
	}
	const reply = renderMessage(await (await listener.run('radio play', { station: alias })).message());
	return waitFor(
		() => {
			const session = world.emu.voice(guild);
			return session?.state === 'ready' && session.channelId === channel.id ? session : null;
		},
		`the bot to play ${alias} in ${channel.name} (the play reply was: ${reply})`,
		20_000
	);
}

/** Nothing plays in the guild: if the bot is in voice there, a stagehand runs /radio stop and the bot leaves. */
export async function ensureStopped(world: RadioWorld, { guild }: WorldGuild): Promise<void> {
	if (botChannel(world, guild) === null && !world.emu.voice(guild)) return;
	await (await stagehand(guild).run('radio stop')).message();
	await waitFor(() => (botChannel(world, guild) === null ? true : null), 'the bot to leave voice', 10_000);
}

/** The value of the embed field called `name` in `message`, or undefined. */
export function embedField(message: Json, name: string): string | undefined {
	for (const embed of (message.embeds ?? []) as Json[]) {
		const field = ((embed.fields ?? []) as Json[]).find((candidate) => candidate.name === name);
		if (field) return String(field.value);
	}
	return undefined;
}

/** The name of the station /radio info shows for the guild (its embed title is "📻 <name>"), or undefined when nothing plays. */
export async function playingStation(guild: Guild): Promise<string | undefined> {
	const title = ((await (await stagehand(guild).run('radio info')).message()).embeds as Json[] | undefined)?.[0]?.title as string | undefined;
	return title?.replace(/^📻 /, '');
}

/** The volume /radio info shows for the guild (e.g. "50 %"), or undefined when nothing plays. */
export async function shownVolume(guild: Guild): Promise<string | undefined> {
	return embedField(await (await stagehand(guild).run('radio info')).message(), en('commands/radio:infoVolume'));
}

/** The guild plays at `percent` (the radio must be on): a stagehand runs /radio volume only if /radio info shows another level. */
export async function ensureVolume({ guild }: WorldGuild, percent: number): Promise<void> {
	const wanted = en('commands/radio:infoVolumeValue', { volume: percent });
	if ((await shownVolume(guild)) === wanted) return;
	const reply = (await (await stagehand(guild).run('radio volume', { percent })).message()).content as string;
	if (reply !== en('commands/radio:volumeSet', { volume: percent })) throw new Error(`ensureVolume(${percent}): the bot answered ${reply}`);
	await waitFor(async () => (await shownVolume(guild)) === wanted, `/radio info to show ${wanted}`, 10_000, 200);
}

/** One more server with a Lounge and a member, created while the bot runs (GUILD_CREATE), for a test that needs its own. */
export async function addWorldGuild(world: RadioWorld, name: string): Promise<WorldGuild> {
	const guild = world.emu.createGuild({ name });
	const lounge = guild.addVoiceChannel('Lounge');
	const member = guild.addMember({ username: `${name.toLowerCase().replaceAll(' ', '-')}-listener` });
	await waitFor(() => world.emu.gateway.isAnnounced(guild.id), `${name} to reach the bot`);
	return { guild, lounge, member };
}

/**
 * Log lines from now on: `waitFor` ignores what the bot logged before the cursor was made, so a line an earlier test
 * caused cannot satisfy a later test's wait.
 */
export function logCursor(bot: BotProcess) {
	const earlier = new Set(bot.logs);
	return {
		waitFor: (predicate: (line: LogLine) => boolean, timeoutMs?: number) =>
			bot.waitForLog((line) => !earlier.has(line) && predicate(line), timeoutMs),
		lines: () => bot.logs.filter((line) => !earlier.has(line))
	};
}
