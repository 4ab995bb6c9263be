/** Discord's size limits for what the bot sends (UTF-16 code units), from the API documentation. */
export const DiscordLimits = {
	MessageContent: 2_000,
	EmbedTitle: 256,
	EmbedDescription: 4_096,
	EmbedFieldName: 256,
	EmbedFieldValue: 1_024,
	EmbedFooter: 2_048,
	EmbedAuthor: 256,
	/** Title, description, field names and values, footer and author together. */
	EmbedTotal: 6_000,
	SelectOptionLabel: 100,
	SelectOptionDescription: 100,
	ButtonLabel: 80,
	ChoiceName: 100,
	CustomId: 100,
	VoiceStatus: 500
} as const;
