import type { TFunction } from '@sapphire/plugin-i18next';
import { channelMention, EmbedBuilder, roleMention, type Guild } from 'discord.js';
import type { Station } from '#lib/config/types';
import { Colors } from '#lib/discord/colors';
import { localeLabel } from '#lib/guild-settings/languageChoices';
import { Setup } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import type { GuildSettings } from '#lib/settings/types';
import { markdownText, QuotedTextLength } from '#lib/text/userText';

/** What the settings point at that may have gone since they were saved. */
export interface SettingsLookups {
	/** Display name of a station id, or null when the catalog no longer has it. */
	stationName: (stationId: string) => string | null;
	/** Whether the server still has this role (a deleted one would render as "@deleted-role"). */
	hasRole: (roleId: string) => boolean;
	/** Whether the server still has this channel. */
	hasChannel: (channelId: string) => boolean;
}

/** Looks a station id up in a server's catalog by id only (no fuzzy match: a removed station must show as removed). */
export function stationNameIn(stations: readonly Station[]): (stationId: string) => string | null {
	return (stationId) => stations.find((station) => station.id === stationId)?.name ?? null;
}

/** Lookups against a server as the bot sees it now, and the server's catalog. */
export function settingsLookups(guild: Guild, stations: readonly Station[]): SettingsLookups {
	return {
		stationName: stationNameIn(stations),
		hasRole: (roleId) => guild.roles.cache.has(roleId),
		hasChannel: (channelId) => guild.channels.cache.has(channelId)
	};
}

/** 24/7 is on but cannot work: the default channel or station is unset, deleted or removed (so the bot never joins). */
export function isAutoJoinIncomplete(settings: GuildSettings, lookups: SettingsLookups): boolean {
	const channel = settings.voiceChannelId;
	const station = settings.defaultStationId;
	return settings.autoJoin && (channel === null || !lookups.hasChannel(channel) || station === null || lookups.stationName(station) === null);
}

/** One line per setting, shared by /setup show, the wizard's summary and its "Currently:" lines. */
export const settingValues = {
	language: (t: TFunction, settings: GuildSettings) =>
		settings.language ? localeLabel(settings.language) : translate(t, Setup.ValueLanguageAutomatic),
	voice: (t: TFunction, settings: GuildSettings, lookups: SettingsLookups) =>
		settings.voiceChannelId ? channelValue(t, settings.voiceChannelId, lookups) : translate(t, Setup.ValueNotSet),
	dj: (t: TFunction, settings: GuildSettings, lookups: SettingsLookups) => {
		if (!settings.djRoleId) return translate(t, Setup.ValueDjEveryone);
		return lookups.hasRole(settings.djRoleId) ? roleMention(settings.djRoleId) : translate(t, Setup.DeletedRoleValue);
	},
	station: (t: TFunction, settings: GuildSettings, lookups: SettingsLookups) => {
		if (!settings.defaultStationId) return translate(t, Setup.ValueNotSet);
		const name = lookups.stationName(settings.defaultStationId);
		return name === null ? translate(t, Setup.RemovedStationValue) : markdownText(name, QuotedTextLength);
	},
	autoJoin: (t: TFunction, settings: GuildSettings, lookups: SettingsLookups) => {
		if (isAutoJoinIncomplete(settings, lookups)) return translate(t, Setup.AutoJoinInactiveValue);
		return translate(t, settings.autoJoin ? Setup.ValueOn : Setup.ValueOff);
	},
	volume: (t: TFunction, settings: GuildSettings) => translate(t, Setup.ValueVolume, { ...settings.volume }),
	notices: (t: TFunction, settings: GuildSettings, lookups: SettingsLookups) =>
		settings.noticeChannelId ? channelValue(t, settings.noticeChannelId, lookups) : translate(t, Setup.ValueNoticesCommandChannel),
	card: (t: TFunction, settings: GuildSettings) => translate(t, settings.nowPlayingCard ? Setup.ValueOn : Setup.ValueOff),
	switchBack: (t: TFunction, settings: GuildSettings) => translate(t, settings.switchBack ? Setup.ValueOn : Setup.ValueOff)
};

/** Every setting as one embed field each: /setup show and the wizard's summary look the same. */
export function settingsEmbed(t: TFunction, settings: GuildSettings, lookups: SettingsLookups): EmbedBuilder {
	return new EmbedBuilder()
		.setColor(Colors.Info)
		.addFields(
			{ name: translate(t, Setup.FieldLanguage), value: settingValues.language(t, settings) },
			{ name: translate(t, Setup.FieldVoice), value: settingValues.voice(t, settings, lookups), inline: true },
			{ name: translate(t, Setup.FieldDj), value: settingValues.dj(t, settings, lookups), inline: true },
			{ name: translate(t, Setup.FieldStation), value: settingValues.station(t, settings, lookups), inline: true },
			{ name: translate(t, Setup.FieldAutoJoin), value: settingValues.autoJoin(t, settings, lookups), inline: true },
			{ name: translate(t, Setup.FieldVolume), value: settingValues.volume(t, settings), inline: true },
			{ name: translate(t, Setup.FieldNotices), value: settingValues.notices(t, settings, lookups), inline: true },
			{ name: translate(t, Setup.CardField), value: settingValues.card(t, settings), inline: true },
			{ name: translate(t, Setup.SwitchBackField), value: settingValues.switchBack(t, settings), inline: true }
		);
}

function channelValue(t: TFunction, channelId: string, lookups: SettingsLookups): string {
	return lookups.hasChannel(channelId) ? channelMention(channelId) : translate(t, Setup.DeletedChannelValue);
}
