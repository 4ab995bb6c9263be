import type { TFunction } from '@sapphire/plugin-i18next';
import { channelMention, EmbedBuilder, roleMention } from 'discord.js';
import type { Station } from '#lib/config/types';
import { Colors } from '#lib/discord/colors';
import { localeLabel } from '#lib/guild-setup/discordLocales';
import { Setup } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import type { GuildSettings } from '#lib/settings/types';

export interface SettingsEmbedContext {
	/** Display name of a station id, or null when the catalog no longer has it. */
	stationName: (stationId: string) => string | null;
}

/** Looks a station id up in a server's catalog by id only (no fuzzy match: a removed station must show as removed). */
export function stationNameIn(stations: readonly Station[]): (stationId: string) => string | null {
	return (stationId) => stations.find((station) => station.id === stationId)?.name ?? null;
}

/** Every setting as one embed field each: /setup show and the wizard's summary look the same. */
export function settingsEmbed(t: TFunction, settings: GuildSettings, { stationName }: SettingsEmbedContext): EmbedBuilder {
	const notSet = translate(t, Setup.ValueNotSet);
	const station = settings.defaultStationId;
	return new EmbedBuilder().setColor(Colors.Info).addFields(
		{
			name: translate(t, Setup.FieldLanguage),
			value: settings.language ? localeLabel(settings.language) : translate(t, Setup.ValueLanguageAutomatic)
		},
		{ name: translate(t, Setup.FieldVoice), value: settings.voiceChannelId ? channelMention(settings.voiceChannelId) : notSet, inline: true },
		{
			name: translate(t, Setup.FieldDj),
			value: settings.djRoleId ? roleMention(settings.djRoleId) : translate(t, Setup.ValueDjEveryone),
			inline: true
		},
		{
			name: translate(t, Setup.FieldStation),
			value: station ? (stationName(station) ?? translate(t, Setup.ValueStationMissing, { station })) : notSet,
			inline: true
		},
		{ name: translate(t, Setup.FieldAutoJoin), value: translate(t, settings.autoJoin ? Setup.ValueOn : Setup.ValueOff), inline: true },
		{ name: translate(t, Setup.FieldVolume), value: translate(t, Setup.ValueVolume, { ...settings.volume }), inline: true },
		{
			name: translate(t, Setup.FieldNotices),
			value: settings.noticeChannelId ? channelMention(settings.noticeChannelId) : translate(t, Setup.ValueNoticesCommandChannel),
			inline: true
		}
	);
}
