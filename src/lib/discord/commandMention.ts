import { container } from '@sapphire/framework';

/**
 * A clickable mention of a slash command (`</radio play:id>`): Discord shows it in each reader's own language, which a
 * name written into a reply cannot do when a server's language override differs from the reader's. Plain `/radio play`
 * until the command is known (registered per guild while developing).
 */
export function commandMention(path: string): string {
	const [name] = path.split(' ');
	const command = container.client.application?.commands.cache.find((registered) => registered.name === name);
	return command ? `</${path}:${command.id}>` : `\`/${path}\``;
}
