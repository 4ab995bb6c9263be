/** A registered application command, as far as a mention needs it. */
export interface RegisteredCommand {
	readonly id: string;
	readonly name: string;
}

/**
 * Clickable mentions of slash commands (`</radio play:id>`): Discord shows them in each reader's own language, which a
 * name written into a reply cannot do when a server's language override differs from the reader's. Plain `/radio play`
 * until the command is known (registered per guild while developing).
 */
export class CommandMentions {
	public constructor(private readonly registered: () => Iterable<RegisteredCommand> | undefined) {}

	/** `path` is the command's name and subcommand as typed: 'radio play'. */
	public of(path: string): string {
		const [name] = path.split(' ');
		for (const command of this.registered() ?? []) if (command.name === name) return `</${path}:${command.id}>`;
		return `\`/${path}\``;
	}
}
