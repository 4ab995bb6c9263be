import { expect } from 'chai';
import {
	ActionRowBuilder,
	ApplicationCommandOptionType,
	ButtonBuilder,
	ButtonStyle,
	Client,
	DiscordAPIError,
	Events,
	GatewayIntentBits,
	MessageFlags,
	ModalBuilder,
	StringSelectMenuBuilder,
	TextInputBuilder,
	TextInputStyle,
	Routes,
	type ChatInputApplicationCommandData,
	type Interaction
} from 'discord.js';
import { once } from 'node:events';
import { DiscordEmulator, renderMessage, type EmulatedChannel, type EmulatedGuild, type EmulatedMember } from '#emulator/index';

/** The commands a test bot registers: one with a subcommand and an autocompleted option. */
const commands: ChatInputApplicationCommandData[] = [
	{
		name: 'radio',
		description: 'Radio controls',
		options: [
			{
				type: ApplicationCommandOptionType.Subcommand,
				name: 'play',
				description: 'Play a station',
				options: [
					{ type: ApplicationCommandOptionType.String, name: 'station', description: 'Station name', required: true, autocomplete: true }
				]
			}
		]
	},
	{ name: 'ping', description: 'Replies pong' },
	{ name: 'slow', description: 'Defers, then edits' },
	{ name: 'secret', description: 'Replies ephemerally, then follows up' },
	{ name: 'buttons', description: 'Replies with a button' },
	{ name: 'silent', description: 'Never answers' },
	{ name: 'twice', description: 'Answers the same interaction twice' },
	{ name: 'pick', description: 'Offers a station select menu' },
	{ name: 'form', description: 'Opens a modal' }
];

/** The error code Discord gave the second callback of /twice. */
let secondCallbackError: number | string | undefined;

/** A small discord.js bot: the real library reacting to the emulator's interactions. */
async function handle(interaction: Interaction): Promise<void> {
	if (interaction.isAutocomplete()) {
		const typed = interaction.options.getFocused();
		await interaction.respond(
			['bbc radio 1', 'bbc radio 2', 'jazz fm'].filter((name) => name.includes(typed)).map((name) => ({ name, value: name }))
		);
		return;
	}
	if (interaction.isStringSelectMenu()) {
		await interaction.update({ content: `picked ${interaction.values.join(', ')}`, components: [] });
		return;
	}
	if (interaction.isModalSubmit()) {
		await interaction.reply(`feedback: ${interaction.fields.getTextInputValue('feedback')}`);
		return;
	}
	if (interaction.isButton()) {
		await interaction.update({ content: `clicked ${interaction.customId} by ${interaction.user.username}`, components: [] });
		return;
	}
	if (!interaction.isChatInputCommand()) return;
	switch (interaction.commandName) {
		case 'radio':
			await interaction.reply(
				`${interaction.options.getSubcommand()} ${interaction.options.getString('station', true)} (${interaction.locale})`
			);
			break;
		case 'ping':
			await interaction.reply({
				content: 'pong',
				embeds: [{ title: 'Latency', description: 'fine', fields: [{ name: 'guild', value: interaction.guild!.name }] }]
			});
			break;
		case 'slow':
			await interaction.deferReply();
			await interaction.editReply('done after a while');
			break;
		case 'secret':
			await interaction.reply({ content: 'only you', flags: MessageFlags.Ephemeral });
			await interaction.followUp({ content: 'and a follow-up', flags: MessageFlags.Ephemeral });
			break;
		case 'buttons': {
			const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
				new ButtonBuilder().setCustomId('stop').setLabel('Stop').setStyle(ButtonStyle.Danger)
			);
			await interaction.reply({ content: 'Now playing', components: [row] });
			break;
		}
		case 'pick': {
			const menu = new StringSelectMenuBuilder()
				.setCustomId('station')
				.setPlaceholder('Station')
				.addOptions({ label: 'Jazz', value: 'jazz' }, { label: 'Rock', value: 'rock' });
			await interaction.reply({ content: 'Pick one', components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)] });
			break;
		}
		case 'form': {
			const input = new TextInputBuilder().setCustomId('feedback').setLabel('Feedback').setStyle(TextInputStyle.Short);
			await interaction.showModal(
				new ModalBuilder()
					.setCustomId('feedback-form')
					.setTitle('Feedback')
					.addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input))
			);
			break;
		}
		case 'twice':
			await interaction.reply('first');
			await interaction.client.rest
				.post(Routes.interactionCallback(interaction.id, interaction.token), { body: { type: 4, data: { content: 'second' } }, auth: false })
				.catch((error: DiscordAPIError) => (secondCallbackError = error.code));
			break;
		default:
			break;
	}
}

describe('Discord emulator with a real discord.js client', () => {
	let emu: DiscordEmulator;
	let guild: EmulatedGuild;
	let lounge: EmulatedChannel;
	let alice: EmulatedMember;
	let client: Client;

	before(async () => {
		emu = await DiscordEmulator.start();
		guild = emu.createGuild({ name: 'Radio Club', preferredLocale: 'de' });
		lounge = guild.addVoiceChannel('Lounge');
		alice = guild.addMember({ username: 'alice' });
		await alice.joinVoice(lounge);
		client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates], rest: { api: emu.apiUrl } });
		client.on(Events.InteractionCreate, (interaction) => void handle(interaction).catch((error: unknown) => console.error(error)));
		const ready = once(client, Events.ClientReady);
		await client.login(emu.token);
		await ready;
		await client.application!.commands.set(commands);
	});

	after(async () => {
		await client?.destroy();
		await emu?.stop();
	});

	afterEach(() => {
		expect(emu.rejections).to.deep.equal([]);
		expect(emu.unknownRoutes).to.deep.equal([]);
	});

	it('GIVEN a guild with a voice channel and a member in it WHEN the client logs in THEN it sees the guild, its channels, roles and members', () => {
		const seen = client.guilds.cache.get(guild.id);
		expect(seen?.name).to.equal('Radio Club');
		expect(seen?.preferredLocale).to.equal('de');
		expect(seen?.channels.cache.get(lounge.id)?.name).to.equal('Lounge');
		expect(seen?.channels.cache.get(guild.defaultTextChannel.id)?.name).to.equal('general');
		expect(seen?.roles.everyone.id).to.equal(guild.id);
		expect(seen?.members.me?.id).to.equal(emu.botUser.id);
		expect(seen?.voiceStates.cache.get(alice.id)?.channelId).to.equal(lounge.id);
		expect(seen?.members.cache.get(alice.id)?.user.username).to.equal('alice');
		expect(seen?.members.me?.permissionsIn(lounge.id).has('Connect')).to.equal(true);
	});

	it('GIVEN commands set through client.application.commands.set WHEN the emulator stores them THEN they pass validation and are listed', () => {
		expect(emu.registeredCommands().map((command) => command.name)).to.have.members(commands.map((command) => command.name));
		expect(emu.rejections).to.deep.equal([]);
	});

	it('GIVEN a slash command with a subcommand WHEN alice runs it THEN the reply reaches the test with her locale', async () => {
		const reply = await alice.run('radio play', { station: 'jazz fm' }, { locale: 'fr' });
		expect((await reply.message()).content).to.equal('play jazz fm (fr)');
		expect(reply.deferred).to.equal(false);
		expect(reply.ephemeral).to.equal(false);
	});

	it('GIVEN a reply with an embed WHEN rendered THEN content and embed fields are readable', async () => {
		const text = renderMessage(await (await alice.run('ping')).message());
		expect(text).to.include('pong').and.include('Latency').and.include('guild: Radio Club');
	});

	it('GIVEN a command that defers WHEN it edits the reply THEN message() is the edit', async () => {
		const reply = await alice.run('slow');
		expect(reply.deferred).to.equal(true);
		expect((await reply.message()).content).to.equal('done after a while');
	});

	it('GIVEN an ephemeral reply and a follow-up WHEN run THEN both are recorded, the reply ephemeral', async () => {
		const reply = await alice.run('secret');
		expect(reply.ephemeral).to.equal(true);
		const followUp = await reply.waitFor((message) => message.content === 'and a follow-up', 5000);
		expect(followUp.flags & MessageFlags.Ephemeral).to.equal(MessageFlags.Ephemeral);
		expect(reply.messages.map((message) => message.content)).to.deep.equal(['only you', 'and a follow-up']);
	});

	it('GIVEN an autocompleted option WHEN alice types part of it THEN the bot responds with matching choices', async () => {
		const choices = await alice.autocomplete('radio play', { station: 'bbc' }, 'station');
		expect(choices.map((choice) => choice.name)).to.deep.equal(['bbc radio 1', 'bbc radio 2']);
	});

	it('GIVEN a reply with a button WHEN alice clicks it THEN the bot updates the message', async () => {
		const reply = await alice.run('buttons');
		const message = await reply.message();
		expect(renderMessage(message)).to.include('[Stop]');
		const click = await alice.clickButton(message, 'stop');
		expect((await click.message()).content).to.equal('clicked stop by alice');
		expect((await click.message()).id).to.equal(message.id);
	});

	it('GIVEN a string select menu WHEN alice picks a value THEN the bot sees it and updates the message', async () => {
		const message = await (await alice.run('pick')).message();
		expect(renderMessage(message)).to.include('<Station: Jazz | Rock>');
		const selection = await alice.selectMenu(message, 'station', ['rock']);
		expect((await selection.message()).content).to.equal('picked rock');
	});

	it('GIVEN a command that opens a modal WHEN alice submits it THEN the bot reads the field', async () => {
		const opener = await alice.run('form');
		expect(opener.modal?.custom_id).to.equal('feedback-form');
		const submission = await alice.submitModal('feedback-form', { feedback: 'great tone' });
		expect((await submission.message()).content).to.equal('feedback: great tone');
	});

	it('GIVEN a command the bot never answers WHEN run THEN the test gets an interaction-failed error after 3 s', async () => {
		let failure: Error | undefined;
		await alice.run('silent').catch((error: Error) => (failure = error));
		expect(failure?.message).to.match(/no callback/);
	});

	it('GIVEN an interaction already answered WHEN the bot sends a second callback THEN Discord answers 400 with code 40060', async () => {
		const reply = await alice.run('twice');
		expect((await reply.message()).content).to.equal('first');
		for (let waited = 0; waited < 5000 && secondCallbackError === undefined; waited += 20)
			await new Promise((resolve) => setTimeout(resolve, 20));
		expect(secondCallbackError).to.equal(40060);
		expect(reply.messages.map((message) => message.content)).to.deep.equal(['first']);
	});

	it('GIVEN the gateway drops with 4000 WHEN the client resumes THEN it still receives interactions', async () => {
		const resumed = once(emu.gateway, 'resumed');
		emu.gateway.disconnect(4000);
		await resumed;
		expect((await (await alice.run('ping')).message()).content).to.equal('pong');
	});
});
