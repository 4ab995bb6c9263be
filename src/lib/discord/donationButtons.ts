import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import type { Donation } from '#lib/config/types';

/** Discord allows 5 buttons per row and 5 rows per message. */
const ButtonsPerRow = 5;
const MaxRows = 5;
const MaxLabelLength = 80;

/** A custom emoji (`<:name:id>`, `<a:name:id>`) or a Unicode pictograph; anything else Discord rejects with a 400. */
const ButtonEmoji =
	/^(?:<a?:\w{2,32}:\d{17,20}>|[\p{Extended_Pictographic}\p{Regional_Indicator}][\p{Extended_Pictographic}\p{Emoji_Component}\u200d\ufe0f]*)$/u;

/** Link buttons for the configured donation pages; an emoji Discord would refuse goes into the label instead. */
export function donationButtonRows(donations: readonly Donation[]): ActionRowBuilder<ButtonBuilder>[] {
	const buttons = donations.slice(0, ButtonsPerRow * MaxRows).map((donation) => {
		const button = new ButtonBuilder().setStyle(ButtonStyle.Link).setURL(donation.url);
		const emoji = donation.emoji?.trim();
		if (emoji && ButtonEmoji.test(emoji)) return button.setEmoji(emoji).setLabel(truncate(donation.name));
		return button.setLabel(truncate(emoji ? `${emoji} ${donation.name}` : donation.name));
	});
	const rows: ActionRowBuilder<ButtonBuilder>[] = [];
	for (let index = 0; index < buttons.length; index += ButtonsPerRow) {
		rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(index, index + ButtonsPerRow)));
	}
	return rows;
}

function truncate(label: string): string {
	return label.length <= MaxLabelLength ? label : `${label.slice(0, MaxLabelLength - 1)}…`;
}
