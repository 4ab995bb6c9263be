/** The environment the bot reads, parsed once. Everything else comes from config.yaml. */
export interface Environment {
	/** Absent: `npm start` runs the offline demo instead of connecting to Discord. */
	discordToken: string | null;
	/** Overrides Discord's REST base (`https://discord.com/api`); the emulator and HTTP proxies use it. */
	discordApiUrl: string | null;
	logLevel: string;
	/** Register commands in these guilds only (instant updates while developing); empty registers globally. */
	developmentGuildIds: string[];
}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
	return {
		discordToken: nonEmpty(env.DISCORD_TOKEN),
		discordApiUrl: nonEmpty(env.DISCORD_API_URL),
		logLevel: nonEmpty(env.LOG_LEVEL) ?? 'info',
		developmentGuildIds: (env.DEVELOPMENT_GUILD_IDS ?? '')
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean)
	};
}

function nonEmpty(value: string | undefined): string | null {
	const trimmed = value?.trim();
	return trimmed ? trimmed : null;
}
