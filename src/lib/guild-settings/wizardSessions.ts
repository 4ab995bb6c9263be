import { container } from '@sapphire/framework';
import { fetchT } from '@sapphire/plugin-i18next';
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
import { guildRateLimitDenial } from '#lib/discord/guildRateLimit';
import { replyDenial } from '#lib/discord/replyDenial';
import { AutomaticLanguage } from '#lib/guild-settings/languageChoices';
import { settingsEmbed, settingsLookups } from '#lib/guild-settings/settingsEmbed';
import { settingsUnavailableDenial } from '#lib/discord/settingsUnavailable';
import { Setup } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import { VolumeInputs, type WizardCustomId } from '#lib/guild-settings/wizardCustomIds';
import { renderWizard, StationsPerPage, volumeModal } from '#lib/guild-settings/renderWizard';
import { SetupWizard } from '#lib/guild-settings/SetupWizard';
import { WizardRegistry } from '#lib/guild-settings/WizardRegistry';
import { commandMention } from '#lib/discord/commandMention';
import { markdownText, QuotedTextLength } from '#lib/text/userText';

export type WizardInteraction = ButtonInteraction<'cached'> | AnySelectMenuInteraction<'cached'> | ModalSubmitInteraction<'cached'>;

interface WizardSession {
	readonly id: string;
	readonly wizard: SetupWizard;
	/** The latest interaction on the wizard's message: its token can still edit that message when the wizard times out. */
	interaction: RepliableInteraction;
}

let registry: WizardRegistry<WizardSession> | undefined;

/** Live wizards of this process; the idle timeout is `setup.wizard_timeout_seconds`. */
function sessions(): WizardRegistry<WizardSession> {
	registry ??= new WizardRegistry<WizardSession>({
		idleTimeoutMs: container.config.setup.wizardTimeoutSeconds * 1000,
		onExpire: (session) => void timeOut(session)
	});
	return registry;
}

/** /setup wizard: a fresh draft of the current settings, shown ephemerally at the first step. */
export async function startWizard(interaction: ChatInputCommandInteraction<'cached'>): Promise<void> {
	let current;
	try {
		current = await container.settings.guild(interaction.guildId);
	} catch (error) {
		return replyDenial(interaction, settingsUnavailableDenial(error, interaction.guildId));
	}
	const wizard = new SetupWizard(randomBytes(6).toString('base64url'), interaction.guildId, interaction.user.id, current);
	// One wizard per admin and server: starting again replaces the previous one, whose buttons then say it expired.
	sessions().removeWhere((session) => session.wizard.guildId === wizard.guildId && session.wizard.userId === wizard.userId);
	sessions().add({ id: wizard.id, wizard, interaction });
	container.logger.info({ guildId: wizard.guildId, userId: wizard.userId, wizardId: wizard.id }, 'setup wizard started');
	const t = await fetchT(interaction);
	const stations = await stationsOf(wizard.guildId);
	await interaction.reply({ ...renderWizard(t, wizard, stations, settingsLookups(interaction.guild, stations)), flags: MessageFlags.Ephemeral });
}

/** A click, pick or modal on a wizard's message: apply it to the draft and show the next page. */
export async function continueWizard(interaction: WizardInteraction, target: WizardCustomId): Promise<void> {
	const session = sessions().touch(target.wizardId);
	const t = await fetchT(interaction);
	if (!session || session.wizard.guildId !== interaction.guildId || session.wizard.userId !== interaction.user.id) {
		await interaction.reply({
			content: translate(t, Setup.WizardExpired, { command: commandMention('setup wizard') }),
			flags: MessageFlags.Ephemeral
		});
		return;
	}
	const { wizard } = session;

	// A component of a page no longer on screen (double click, lagging client): show the current page again.
	if (target.step === wizard.step) {
		switch (target.action) {
			case 'cancel':
				sessions().remove(wizard.id);
				container.logger.info({ guildId: wizard.guildId, wizardId: wizard.id }, 'setup wizard cancelled');
				return update(interaction, { content: translate(t, Setup.WizardCancelled), embeds: [], components: [] });
			case 'save':
				return save(interaction, session);
			case 'volume':
				if (interaction.isButton()) return interaction.showModal(volumeModal(t, wizard));
				break;
			default:
				applyAnswer(interaction, wizard, target, await stationsOf(wizard.guildId));
		}
	}
	// Only an interaction that edits the wizard's message (not one answered with a modal) can edit it again on timeout.
	session.interaction = interaction;
	const stations = await stationsOf(wizard.guildId);
	await update(interaction, { content: '', ...renderWizard(t, wizard, stations, settingsLookups(interaction.guild, stations)) });
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

/** Save: still an admin, within the server's change budget, and the store accepts it; otherwise the summary stays for another try. */
async function save(interaction: WizardInteraction, { wizard }: WizardSession): Promise<void> {
	const denial = administratorDenial(interaction) ?? guildRateLimitDenial(wizard.guildId);
	if (denial) return replyDenial(interaction, denial);
	let saved;
	try {
		saved = await container.settings.updateGuild(wizard.guildId, wizard.changes());
	} catch (error) {
		return replyDenial(interaction, settingsUnavailableDenial(error, wizard.guildId));
	}
	sessions().remove(wizard.id);
	container.logger.info({ guildId: wizard.guildId, userId: wizard.userId, wizardId: wizard.id }, 'setup wizard saved');
	void container.sessionRestorer.settingsChanged(wizard.guildId);
	const t = await fetchT(interaction);
	const embed = settingsEmbed(t, saved, settingsLookups(interaction.guild, await stationsOf(wizard.guildId))).setTitle(
		translate(t, Setup.ShowTitle, { server: markdownText(interaction.guild.name, QuotedTextLength) })
	);
	await update(interaction, { content: translate(t, Setup.WizardSaved), embeds: [embed], components: [] });
}

async function timeOut({ wizard, interaction }: WizardSession): Promise<void> {
	container.logger.info({ guildId: wizard.guildId, wizardId: wizard.id }, 'setup wizard timed out');
	try {
		const t = await fetchT(interaction);
		await interaction.editReply({
			content: translate(t, Setup.WizardTimedOut, { command: commandMention('setup wizard') }),
			embeds: [],
			components: []
		});
	} catch (error) {
		container.logger.warn({ err: error, guildId: wizard.guildId, wizardId: wizard.id }, 'could not mark the setup wizard as timed out');
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

/** The server's catalog: config stations and its own custom stations. */
async function stationsOf(guildId: string): Promise<readonly Station[]> {
	return (await container.guildStations.forGuild(guildId)).stations;
}
