import { ApplyOptions } from '@sapphire/decorators';
import { applyLocalizedBuilder, fetchT, type TFunction } from '@sapphire/plugin-i18next';
import { Subcommand } from '@sapphire/plugin-subcommands';
import { EmbedBuilder, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { Colors } from '#lib/discord/colors';
import { replyDenial } from '#lib/discord/replyDenial';
import { settingsUnavailableDenial } from '#lib/discord/settingsUnavailable';
import { replyEphemeral } from '#lib/discord/replies';
import { Station } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { customStationFromRecord, MaxCustomStations } from '#lib/stations/custom/customStation';
import { addCustomStation, removeCustomStation, type AddOutcome, type CustomStationServices } from '#lib/stations/custom/customStationChanges';
import { addReply } from '#lib/stations/custom/addReply';
import { MaxAliases, MaxAliasLength, MaxNameLength } from '#lib/stations/custom/validateCustomStation';
import { MaxUrlLength } from '#lib/net/safety/AddressPolicy';
import { stationBadge } from '#lib/stations/catalog/stationLabels';
import { DiscordLimits } from '#lib/discord/limits';
import { markdownText, QuotedTextLength } from '#lib/text/userText';

/** Embed descriptions hold at most 4,096 characters. */
const MaxListLength = 4_000;

@ApplyOptions<Subcommand.Options>({
	description: "This server's own stations",
	subcommands: [
		{ name: 'add', chatInputRun: 'chatInputAdd', preconditions: ['Administrator', 'GuildRateLimit'] },
		{ name: 'remove', chatInputRun: 'chatInputRemove', preconditions: ['Administrator', 'GuildRateLimit'] },
		{ name: 'list', chatInputRun: 'chatInputList', preconditions: ['Administrator'] }
	],
	runIn: ['GUILD_ANY']
})
export class StationCommand extends Subcommand {
	public override registerApplicationCommands(registry: Subcommand.Registry) {
		registry.registerChatInputCommand((builder) =>
			applyLocalizedBuilder(builder, Station.Root)
				.setDMPermission(false)
				// Shown to server managers only; the Administrator precondition enforces it.
				.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
				.addSubcommand((add) =>
					applyLocalizedBuilder(add, Station.Add)
						.addStringOption((name) => applyLocalizedBuilder(name, Station.AddNameOption).setRequired(true).setMaxLength(MaxNameLength))
						.addStringOption((url) => applyLocalizedBuilder(url, Station.AddUrlOption).setRequired(true).setMaxLength(MaxUrlLength))
						.addStringOption((aliases) =>
							applyLocalizedBuilder(aliases, Station.AddAliasesOption).setMaxLength(MaxAliases * (MaxAliasLength + 2))
						)
				)
				.addSubcommand((remove) =>
					applyLocalizedBuilder(remove, Station.Remove).addStringOption((station) =>
						applyLocalizedBuilder(station, Station.RemoveStationOption).setRequired(true).setAutocomplete(true).setMaxLength(100)
					)
				)
				.addSubcommand((list) => applyLocalizedBuilder(list, Station.List))
		);
	}

	public async chatInputAdd(interaction: Subcommand.ChatInputCommandInteraction<'cached'>) {
		// The preflight may take a few seconds.
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const t = await fetchT(interaction);
		const input = {
			name: interaction.options.getString('name', true),
			url: interaction.options.getString('url', true),
			aliases: interaction.options.getString('aliases'),
			addedBy: interaction.user.id
		};
		const outcome = await this.whileStorageWorks(interaction, () => addCustomStation(this.services(), interaction.guildId, input));
		if (!outcome) return;
		this.container.logger.info(
			{ guildId: interaction.guildId, userId: interaction.user.id, outcome: outcome.kind, url: input.url, detail: detailOf(outcome) },
			outcome.kind === 'added' ? 'custom station added' : 'custom station refused'
		);
		await interaction.editReply({ content: addReply(t, this.container.mentions, outcome) });
	}

	public async chatInputRemove(interaction: Subcommand.ChatInputCommandInteraction<'cached'>) {
		// A busy database may take longer than the 3 s Discord gives the first answer.
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const t = await fetchT(interaction);
		const query = interaction.options.getString('station', true);
		const removed = await this.whileStorageWorks(interaction, () => removeCustomStation(this.services(), interaction.guildId, query));
		if (removed === undefined) return;
		if (!removed) return replyEphemeral(interaction, translate(t, Station.NotFound, { query: markdownText(query, QuotedTextLength) }));
		this.container.logger.info({ guildId: interaction.guildId, userId: interaction.user.id, station: removed.id }, 'custom station removed');
		// A removed station stops playing here, and its stream is not kept for a quick re-play: the admin may have removed
		// it because of what it plays, or to add it again with another URL.
		const playing = this.container.voice.sessionFor(interaction.guildId)?.station.id === removed.id;
		this.container.voice.retireStation(removed.id);
		const lines = [
			translate(t, playing ? Station.RemovedAndStopped : Station.Removed, { station: markdownText(removed.name, QuotedTextLength) })
		];
		if (await this.isDefaultStation(interaction.guildId, removed.id))
			lines.push(translate(t, Station.RemovedWasDefault, { command: this.container.mentions.of('setup wizard') }));
		return replyEphemeral(interaction, lines.join('\n'));
	}

	public async chatInputList(interaction: Subcommand.ChatInputCommandInteraction<'cached'>) {
		const t = await fetchT(interaction);
		const records = await this.whileStorageWorks(interaction, () => this.container.settings.customStations(interaction.guildId));
		if (!records) return;
		const lines = records.map((record) => {
			const aliases = record.aliases.length
				? ` · ${translate(t, Station.ListAliases, { aliases: markdownText(record.aliases.join(', '), DiscordLimits.EmbedFieldValue) })}`
				: '';
			return `**${markdownText(record.name, QuotedTextLength)}** · ${stationBadge(customStationFromRecord(record, interaction.guildId))}${aliases}\n${hostOf(record.url)}`;
		});
		const embed = new EmbedBuilder()
			.setColor(Colors.Radio)
			.setTitle(translate(t, Station.ListTitle))
			.setDescription(
				records.length ? fitLines(t, lines) : translate(t, Station.ListEmpty, { command: this.container.mentions.of('station add') })
			)
			.setFooter({ text: translate(t, Station.ListFooter, { count: records.length, max: MaxCustomStations }) });
		return replyEphemeral(interaction, { embeds: [embed] });
	}

	/** Whether 24/7 would play this station; an unreadable setting only costs the hint. */
	private async isDefaultStation(guildId: string, stationId: string): Promise<boolean> {
		const settings = await this.container.settings.guild(guildId).catch(() => null);
		return settings?.defaultStationId === stationId;
	}

	private services(): CustomStationServices {
		const { settings, guildStations, streams, config } = this.container;
		return { settings, catalogs: guildStations, streams, policy: { allowPrivateAddresses: config.stream.allowPrivateAddresses } };
	}

	/** Runs a settings read or write; when storage fails, says so (nothing was changed) and resolves undefined. */
	private async whileStorageWorks<T>(interaction: Subcommand.ChatInputCommandInteraction<'cached'>, task: () => Promise<T>) {
		try {
			return await task();
		} catch (error) {
			const { logger } = this.container;
			await replyDenial(this.container, interaction, settingsUnavailableDenial(error, interaction.guildId, logger));
			return undefined;
		}
	}
}

function detailOf(outcome: AddOutcome): unknown {
	if (outcome.kind === 'added') return outcome.station.id;
	if (outcome.kind === 'url-refused') return outcome.refusal;
	if (outcome.kind === 'unplayable') return outcome.refusal ?? outcome.message;
	return outcome.kind === 'names' ? outcome.problem : outcome.kind;
}

function hostOf(url: string): string {
	try {
		return `-# ${markdownText(new URL(url).host, QuotedTextLength)}`;
	} catch {
		return '';
	}
}

/** As many lines as fit in an embed, then "…and N more". */
function fitLines(t: TFunction, lines: readonly string[]): string {
	const kept: string[] = [];
	let length = 0;
	for (const [index, line] of lines.entries()) {
		const more = translate(t, Station.ListMore, { count: lines.length - index });
		if (length + line.length + 2 + more.length > MaxListLength) return [...kept, more].join('\n\n');
		kept.push(line);
		length += line.length + 2;
	}
	return kept.join('\n\n');
}
