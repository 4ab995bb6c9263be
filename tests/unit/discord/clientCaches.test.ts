import { expect } from 'chai';
import type { GuildMember } from 'discord.js';
import pino from 'pino';
import type { EmulatedChannel, EmulatedGuild, EmulatedMember } from '#emulator/index';
import { clientCacheOptions } from '#lib/discord/clientCaches';
import { humansInChannel } from '#lib/discord/humansInChannel';
import { playbackChannel } from '#lib/playback/playbackChannel';
import { InteractionWorld } from '#support/InteractionWorld';

describe('clientCacheOptions (the bot’s discord.js caches) on a real client and the emulator', () => {
	let world: InteractionWorld;
	let guild: EmulatedGuild;
	let lounge: EmulatedChannel;
	let text: EmulatedChannel;
	let listener: EmulatedMember;
	let musicBot: EmulatedMember;
	let passerby: EmulatedMember;
	const caches = clientCacheOptions();
	const settings = { guild: () => Promise.resolve({ voiceChannelId: null }) } as never;
	const logger = pino({ level: 'silent' });

	/** What the member sweeper (every few minutes in the bot) does, run now with the bot's own filter. */
	const sweepMembers = () => world.client.sweepers.sweepGuildMembers(caches.sweepers.guildMembers!.filter!()!);
	const cachedMembers = () => [...world.guild(guild).members.cache.keys()].sort();
	/** Each test starts with `member` in the Lounge, as the client sees it. */
	const inLounge = async (member: EmulatedMember) => {
		await member.joinVoice(lounge);
		await world.until(() => world.guild(guild).members.cache.get(member.id)?.voice.channelId === lounge.id, `${member.id} in the Lounge`);
	};

	before(async () => {
		world = await InteractionWorld.start({ commands: [{ name: 'where', description: 'Names the voice channel a play would go to' }], caches });
		world.handler = async (interaction) => {
			if (!interaction.isChatInputCommand() || !interaction.inCachedGuild()) return;
			const channel = await playbackChannel({ settings, logger }, interaction.member);
			await interaction.reply(channel?.name ?? 'nowhere');
		};
		guild = await world.createGuild({ name: 'Caches' });
		lounge = guild.addVoiceChannel('Lounge');
		text = guild.addTextChannel('radio');
		listener = guild.addMember({ username: 'listener' });
		musicBot = guild.addMember({ username: 'another-bot', bot: true });
		passerby = guild.addMember({ username: 'passerby' });
	});

	beforeEach(async () => {
		await inLounge(listener);
		await inLounge(musicBot);
	});

	after(() => world?.stop());

	it('GIVEN members in and out of voice WHEN the member sweep runs THEN the bot and those in voice stay, and a bot in voice is still told from a listener', async () => {
		// The passer-by arrives in the cache with an interaction, as members out of voice do.
		expect((await world.run(passerby, 'where')).handle).to.exist;
		expect(cachedMembers()).to.include(passerby.id);

		sweepMembers();

		expect(cachedMembers()).to.deep.equal([world.client.user.id, listener.id, musicBot.id].sort());
		expect(humansInChannel(world.guild(guild), lounge.id)).to.equal(1);
	});

	it('GIVEN a listener who left voice WHEN swept and back in voice THEN they are cached again with their voice state (leave-when-alone counts them)', async () => {
		await listener.leaveVoice();
		await world.until(() => !world.guild(guild).voiceStates.cache.get(listener.id)?.channelId, 'the listener to leave');
		sweepMembers();
		expect(cachedMembers()).to.not.include(listener.id);
		expect(humansInChannel(world.guild(guild), lounge.id)).to.equal(0);

		await inLounge(listener);
		expect(humansInChannel(world.guild(guild), lounge.id)).to.equal(1);
		sweepMembers();
		expect(cachedMembers()).to.include(listener.id);
	});

	it('GIVEN a member in the Lounge who is not cached WHEN they run a command THEN the play goes to their own channel', async () => {
		const member: GuildMember | undefined = world.guild(guild).members.cache.get(listener.id);
		world.guild(guild).members.cache.delete(listener.id);
		const { handle } = await world.run(listener, 'where');
		expect((await handle.message()).content).to.equal('Lounge');
		if (member) world.guild(guild).members.cache.set(listener.id, member);
	});

	it('GIVEN a message the bot posted WHEN it is edited by id (as the now-playing card is) THEN Discord gets the edit, though no message and no user but the bot is cached', async () => {
		const channel = world.guild(guild).channels.cache.get(text.id);
		if (!channel?.isSendable()) throw new Error('the radio channel is not sendable');
		const posted = await channel.send('first');
		expect(channel.messages.cache.size).to.equal(0);

		await channel.messages.edit(posted.id, 'second');

		expect(guild.channelMessages(text.id).map((message) => message.content)).to.deep.equal(['second']);
		expect([...world.client.users.cache.keys()]).to.deep.equal([world.client.user.id]);
	});
});
