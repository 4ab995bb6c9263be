import { ApplyOptions } from '@sapphire/decorators';
import { InteractionHandler, InteractionHandlerTypes } from '@sapphire/framework';
import { fetchT, type TFunction } from '@sapphire/plugin-i18next';
import { MessageFlags, time, TimestampStyles, type ButtonInteraction } from 'discord.js';
import { parseDirectoryCustomId, type DirectoryAction } from '#lib/discord/customIds';
import { deny } from '#lib/discord/Denial';
import { administratorDenial } from '#lib/discord/memberAccess';
import { replyEphemeral } from '#lib/discord/replies';
import { replyDenial } from '#lib/discord/replyDenial';
import { settingsUnavailableDenial } from '#lib/discord/settingsUnavailable';
import { toggleFavorite } from '#lib/favorites/toggleFavorite';
import { Preconditions, Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { addReply } from '#lib/stations/custom/addReply';
import { directoryStationId } from '#lib/stations/directory/directoryStation';
import { saveDirectoryStation } from '#lib/stations/directory/saveDirectoryStation';

/** ⭐ and Save under a /radio search result: the station becomes a favourite of whoever clicks, or (managers) a server station. */
@ApplyOptions<InteractionHandler.Options>({ interactionHandlerType: InteractionHandlerTypes.Button })
export class DirectoryStationButtonHandler extends InteractionHandler {
	public override parse(interaction: ButtonInteraction) {
		const parsed = parseDirectoryCustomId(interaction.customId);
		return parsed && interaction.inCachedGuild() ? this.some(parsed) : this.none();
	}

	public override async run(interaction: ButtonInteraction<'cached'>, { action, uuid }: { action: DirectoryAction; uuid: string }) {
		const t = await fetchT(interaction);
		const gone = () => translate(t, Radio.SearchGone, { command: this.container.mentions.of('radio search') });
		if (action === 'fav') return this.favorite(interaction, t, uuid, gone);
		return this.save(interaction, t, uuid, gone);
	}

	private async favorite(interaction: ButtonInteraction<'cached'>, t: TFunction, uuid: string, gone: () => string) {
		const retryAt = this.container.memberActions.take(interaction.user.id);
		if (retryAt)
			return replyDenial(this.container, interaction, deny(Preconditions.Cooldown, { remaining: time(retryAt, TimestampStyles.RelativeTime) }));
		const lookup = {
			guildId: interaction.guildId,
			userId: interaction.user.id,
			query: directoryStationId(uuid),
			beforeNetwork: () => interaction.deferReply({ flags: MessageFlags.Ephemeral })
		};
		return replyEphemeral(interaction, await toggleFavorite(this.container, t, lookup, gone));
	}

	/** Exactly as /station add: managers only, the server's setup budget, then URL safety, preflight, the limit and names. */
	private async save(interaction: ButtonInteraction<'cached'>, t: TFunction, uuid: string, gone: () => string) {
		const denial =
			administratorDenial(interaction) ?? this.container.setupChanges.takeOrDeny(interaction.guildId, Preconditions.GuildRateLimited);
		if (denial) return replyDenial(this.container, interaction, denial);
		await interaction.deferReply({ flags: MessageFlags.Ephemeral });
		const { settings, guildStations, streams, config, directory, mentions, logger } = this.container;
		if (!directory) return replyEphemeral(interaction, gone());
		const services = {
			settings,
			catalogs: guildStations,
			streams,
			directory,
			policy: { allowPrivateAddresses: config.stream.allowPrivateAddresses }
		};
		let outcome;
		try {
			outcome = await saveDirectoryStation(services, interaction.guildId, uuid, interaction.user.id);
		} catch (error) {
			return replyDenial(this.container, interaction, settingsUnavailableDenial(error, interaction.guildId, logger));
		}
		logger.info(
			{ guildId: interaction.guildId, userId: interaction.user.id, uuid, outcome: outcome.kind },
			outcome.kind === 'added' ? 'directory station saved' : 'directory station not saved'
		);
		return replyEphemeral(interaction, outcome.kind === 'gone' ? gone() : addReply(t, mentions, outcome));
	}
}
