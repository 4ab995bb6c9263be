import { randomBytes } from 'node:crypto';
import {
	MessageFlags,
	type AnySelectMenuInteraction,
	type ButtonInteraction,
	type ChatInputCommandInteraction,
	type ModalSubmitInteraction,
	type RepliableInteraction
} from 'discord.js';
import type { Station } from '#lib/config/types';
import { administratorDenial } from '#lib/discord/memberAccess';
import type { ChangeBudget } from '#lib/discord/ChangeBudget';
import { replyDenial } from '#lib/discord/replyDenial';
import { AutomaticLanguage } from '#lib/guild-settings/languageChoices';
import { settingsEmbed, settingsLookups } from '#lib/guild-settings/settingsEmbed';
import { settingsUnavailableDenial } from '#lib/discord/settingsUnavailable';
import { Preconditions, Setup } from '#lib/i18n/keys/index';
import { translate, type Translator } from '#lib/i18n/T';
import type { Log } from '#lib/logger/logger';
import type { SessionRestorer } from '#lib/sessions/SessionRestorer';
import type { SettingsStore } from '#lib/settings/types';
import type { GuildCatalogs } from '#lib/stations/catalog/GuildCatalogs';
import { VolumeInputs, type WizardCustomId } from '#lib/discord/customIds';
import { renderWizard, StationsPerPage, volumeModal } from '#lib/guild-settings/renderWizard';
import { SetupWizard } from '#lib/guild-settings/SetupWizard';
import { WizardRegistry } from '#lib/guild-settings/WizardRegistry';
import type { CommandMentions } from '#lib/discord/commandMention';
import { markdownText, QuotedTextLength } from '#lib/text/userText';

export type WizardInteraction = ButtonInteraction<'cached'> | AnySelectMenuInteraction<'cached'> | ModalSubmitInteraction<'cached'>;

interface WizardSession {
	readonly id: string;
	readonly wizard: SetupWizard;
	/** The latest interaction on the wizard's message: its token can still edit that message when the wizard times out. */
	interaction: RepliableInteraction;
}

export interface WizardServices {
	readonly settings: Pick<SettingsStore, 'guild' | 'updateGuild'>;
	readonly guildStations: Pick<GuildCatalogs, 'forGuild'>;
	/** A server that is 24/7 after Save joins right away. */
	readonly sessionRestorer: Pick<SessionRestorer, 'settingsChanged'>;
	readonly setupChanges: ChangeBudget;
	readonly mentions: CommandMentions;
	readonly tFor: Translator;
	readonly logger: Log;
	/** An untouched wizard ends after this long, saving nothing (`setup.wizard_timeout_seconds`). */
	readonly idleTimeoutMs: number;
}

/** The live /setup wizards of this process: one draft per admin and server, saved only on Save. */
export class WizardSessions {
	private readonly sessions: WizardRegistry<WizardSession>;

	public constructor(private readonly services: WizardServices) {
		this.sessions = new WizardRegistry<WizardSession>({
			idleTimeoutMs: services.idleTimeoutMs,
			onExpire: (session) => void this.timeOut(session)
		});
	}

	/** Wizards open right now. */
	public get size(): number {
		return this.sessions.size;
	}

	/** /setup wizard: a fresh draft of the current settings, shown ephemerally at the first step. */
	public async start(interaction: ChatInputCommandInteraction<'cached'>): Promise<void> {
		const { settings, logger } = this.services;
		let current;
		try {
			current = await settings.guild(interaction.guildId);
		} catch (error) {
			return replyDenial(this.services, interaction, settingsUnavailableDenial(error, interaction.guildId, logger));
		}
		const wizard = new SetupWizard(randomBytes(6).toString('base64url'), interaction.guildId, interaction.user.id, current);
		// One wizard per admin and server: starting again replaces the previous one, whose buttons then say it expired.
		this.sessions.removeWhere((session) => session.wizard.guildId === wizard.guildId && session.wizard.userId === wizard.userId);
		this.sessions.add({ id: wizard.id, wizard, interaction });
		logger.info({ guildId: wizard.guildId, userId: wizard.userId, wizardId: wizard.id }, 'setup wizard started');
		const t = await this.services.tFor(interaction);
		const stations = await this.stationsOf(wizard.guildId);
		await interaction.reply({
			...renderWizard(t, wizard, stations, settingsLookups(interaction.guild, stations)),
			flags: MessageFlags.Ephemeral
		});
	}

	/** A click, pick or modal on a wizard's message: apply it to the draft and show the next page. */
	public async continue(interaction: WizardInteraction, target: WizardCustomId): Promise<void> {
		const session = this.sessions.touch(target.wizardId);
		const t = await this.services.tFor(interaction);
		if (!session || session.wizard.guildId !== interaction.guildId || session.wizard.userId !== interaction.user.id) {
			await interaction.reply({
				content: translate(t, Setup.WizardExpired, { command: this.services.mentions.of('setup wizard') }),
				flags: MessageFlags.Ephemeral
			});
			return;
		}
		const { wizard } = session;

		// A component of a page no longer on screen (double click, lagging client): show the current page again.
		if (target.step === wizard.step) {
			switch (target.action) {
				case 'cancel':
					this.sessions.remove(wizard.id);
					this.services.logger.info({ guildId: wizard.guildId, wizardId: wizard.id }, 'setup wizard cancelled');
					return update(interaction, { content: translate(t, Setup.WizardCancelled), embeds: [], components: [] });
				case 'save':
					return this.save(interaction, session);
				case 'volume':
					if (interaction.isButton()) return interaction.showModal(volumeModal(t, wizard));
					break;
				default:
					applyAnswer(interaction, wizard, target, await this.stationsOf(wizard.guildId));
			}
		}
		// Only an interaction that edits the wizard's message (not one answered with a modal) can edit it again on timeout.
		session.interaction = interaction;
		const stations = await this.stationsOf(wizard.guildId);
		await update(interaction, { content: '', ...renderWizard(t, wizard, stations, settingsLookups(interaction.guild, stations)) });
	}

	/** Save: still an admin, within the server's change budget, and the store accepts it; otherwise the summary stays for another try. */
	private async save(interaction: WizardInteraction, { wizard }: WizardSession): Promise<void> {
		const { settings, logger } = this.services;
		const denial = administratorDenial(interaction) ?? this.services.setupChanges.takeOrDeny(wizard.guildId, Preconditions.GuildRateLimited);
		if (denial) return replyDenial(this.services, interaction, denial);
		let saved;
		try {
			saved = await settings.updateGuild(wizard.guildId, wizard.changes());
		} catch (error) {
			return replyDenial(this.services, interaction, settingsUnavailableDenial(error, wizard.guildId, logger));
		}
		this.sessions.remove(wizard.id);
		logger.info({ guildId: wizard.guildId, userId: wizard.userId, wizardId: wizard.id }, 'setup wizard saved');
		void this.services.sessionRestorer.settingsChanged(wizard.guildId);
		const t = await this.services.tFor(interaction);
		const embed = settingsEmbed(t, saved, settingsLookups(interaction.guild, await this.stationsOf(wizard.guildId))).setTitle(
			translate(t, Setup.ShowTitle, { server: markdownText(interaction.guild.name, QuotedTextLength) })
		);
		await update(interaction, { content: translate(t, Setup.WizardSaved), embeds: [embed], components: [] });
	}

	private async timeOut({ wizard, interaction }: WizardSession): Promise<void> {
		const { logger } = this.services;
		logger.info({ guildId: wizard.guildId, wizardId: wizard.id }, 'setup wizard timed out');
		try {
			const t = await this.services.tFor(interaction);
			await interaction.editReply({
				content: translate(t, Setup.WizardTimedOut, { command: this.services.mentions.of('setup wizard') }),
				embeds: [],
				components: []
			});
		} catch (error) {
			logger.warn({ err: error, guildId: wizard.guildId, wizardId: wizard.id }, 'could not mark the setup wizard as timed out');
		}
	}

	/** The server's catalog: config stations and its own custom stations. */
	private async stationsOf(guildId: string): Promise<readonly Station[]> {
		return (await this.services.guildStations.forGuild(guildId)).stations;
	}
}

function applyAnswer(interaction: WizardInteraction, wizard: SetupWizard, { action }: WizardCustomId, stations: readonly Station[]): void {
	const value = interaction.isAnySelectMenu() ? interaction.values[0] : undefined;
	switch (action) {
		case 'back':
			return wizard.back();
		case 'skip':
			return wizard.skip();
		case 'previous':
		case 'next':
			return wizard.turnStationPage(action === 'next' ? 1 : -1, Math.ceil(stations.length / StationsPerPage));
		case 'on':
		case 'off':
			return wizard.answer({ autoJoin: action === 'on' });
		case 'none':
			return wizard.answer(wizard.step === 'dj' ? { djRoleId: null } : { noticeChannelId: null });
		case 'language':
			if (value) wizard.answer({ language: value === AutomaticLanguage ? null : value });
			return;
		case 'pick':
			if (!value) return;
			if (wizard.step === 'voice') wizard.answer({ voiceChannelId: value });
			else if (wizard.step === 'dj') wizard.answer({ djRoleId: value });
			else if (wizard.step === 'station' && stations.some((station) => station.id === value)) wizard.answer({ defaultStationId: value });
			else if (wizard.step === 'notices') wizard.answer({ noticeChannelId: value });
			return;
		case 'volumeModal':
			if (!interaction.isModalSubmit()) return;
			wizard.answerVolume({
				min: interaction.fields.getTextInputValue(VolumeInputs.Min),
				default: interaction.fields.getTextInputValue(VolumeInputs.Default),
				max: interaction.fields.getTextInputValue(VolumeInputs.Max)
			});
			break;
		default:
	}
}

/** Edits the wizard's message in place; a modal from that message can too. */
async function update(interaction: WizardInteraction, body: Parameters<ButtonInteraction['update']>[0] & object): Promise<void> {
	if (interaction.isModalSubmit()) {
		if (interaction.isFromMessage()) await interaction.update(body);
		else await interaction.reply({ ...body, flags: MessageFlags.Ephemeral } as Parameters<ModalSubmitInteraction['reply']>[0]);
		return;
	}
	await interaction.update(body);
}
