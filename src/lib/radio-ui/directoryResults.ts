import type { TFunction } from '@sapphire/plugin-i18next';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import { Colors } from '#lib/discord/colors';
import { directoryCustomId, playStationId } from '#lib/discord/customIds';
import { DiscordLimits } from '#lib/discord/limits';
import { Radio } from '#lib/i18n/keys/index';
import { translate } from '#lib/i18n/T';
import type { DirectoryEntry } from '#lib/stations/directory/directoryEntry';
import { directoryStationId } from '#lib/stations/directory/directoryStation';
import { joinWithin, labelText, markdownText, QuotedTextLength } from '#lib/text/userText';

/** Room per result in the embed: its name and a line of details. */
const NameLength = 100;
const DetailLength = 60;

/**
 * /radio search's answer: each result's name, country, codec and bitrate, votes and tags (all of it the directory's
 * text, so escaped and cut), and a row of buttons per result: Play, Favourite, and for server managers Save.
 */
export function directoryResultsMessage(t: TFunction, entries: readonly DirectoryEntry[], query: string, canSave: boolean) {
	const lines = entries.map((entry, index) => {
		const details = [
			entry.country ? `${flagOf(entry.countryCode)}${markdownText(entry.country, DetailLength)}` : '',
			[entry.codec, entry.bitrate > 0 ? `${entry.bitrate} kbps` : ''].filter(Boolean).join(' '),
			`👍 ${entry.votes}`,
			entry.tags ? markdownText(entry.tags, DetailLength) : ''
		].filter(Boolean);
		return `**${index + 1}. ${markdownText(entry.name, NameLength)}**\n-# ${details.join(' · ')}`;
	});
	const embed = new EmbedBuilder()
		.setColor(Colors.Radio)
		.setTitle(translate(t, Radio.SearchTitle, { query: markdownText(query, QuotedTextLength) }))
		.setDescription(joinWithin(lines, DiscordLimits.EmbedDescription, '\n\n'))
		.setFooter({ text: translate(t, Radio.SearchFooter) });
	const components = entries.map((entry, index) => {
		const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
			new ButtonBuilder()
				.setCustomId(playStationId(directoryStationId(entry.uuid)))
				.setLabel(labelText(`${index + 1}. ${entry.name}`, DiscordLimits.ButtonLabel))
				.setStyle(ButtonStyle.Primary)
				.setEmoji('▶️'),
			new ButtonBuilder().setCustomId(directoryCustomId('fav', entry.uuid)).setStyle(ButtonStyle.Secondary).setEmoji('⭐')
		);
		if (canSave) {
			row.addComponents(
				new ButtonBuilder()
					.setCustomId(directoryCustomId('save', entry.uuid))
					.setLabel(translate(t, Radio.SearchSaveButton))
					.setStyle(ButtonStyle.Secondary)
					.setEmoji('💾')
			);
		}
		return row;
	});
	return { embeds: [embed], components };
}

/** 🇫🇷 for FR: regional indicator letters, from a code the directory parser already checked to be two letters. */
function flagOf(countryCode: string): string {
	if (!/^[A-Z]{2}$/.test(countryCode)) return '';
	return `${String.fromCodePoint(...[...countryCode].map((letter) => 0x1f1e6 + letter.charCodeAt(0) - 65))} `;
}
