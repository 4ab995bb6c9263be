import type { LanguageBundle, Namespace } from '#lib/i18n/check/loadLanguages';

/** A command, subcommand or option as the en-US keys describe it: `<base>Name` + `<base>Description` in `commands/*`. */
export interface CommandNode {
	readonly namespace: string;
	readonly base: string;
	/** Siblings share this: `top` for top-level commands, else `namespace:parentBase`. */
	readonly group: string;
}

/**
 * The command structure, inferred from key names as the code writes them: `commands/radio.json` holds `radio` (the
 * command), `play` (its subcommand) and `playStation` (play's option): a base's parent is the longest other base it
 * starts with, else the file's own command. A file without a base named like it (`commands/general.json`) holds
 * top-level commands.
 */
export function commandNodes(reference: LanguageBundle): CommandNode[] {
	const nodes: CommandNode[] = [];
	for (const [namespace, strings] of reference.namespaces) {
		if (!namespace.startsWith('commands/')) continue;
		const bases = commandBases(strings);
		const root = namespace.slice('commands/'.length);
		const hasRoot = bases.includes(root);
		for (const base of bases) {
			const parent = bases
				.filter((other) => other !== base && base.startsWith(other) && /^\p{Lu}/u.test(base.slice(other.length)))
				.sort((a, b) => b.length - a.length)[0];
			const group = parent ? `${namespace}:${parent}` : hasRoot && base !== root ? `${namespace}:${root}` : 'top';
			nodes.push({ namespace, base, group });
		}
	}
	return nodes;
}

function commandBases(strings: Namespace): string[] {
	return [...strings.keys()]
		.filter((key) => key.endsWith('Name') && strings.has(`${key.slice(0, -'Name'.length)}Description`))
		.map((key) => key.slice(0, -'Name'.length));
}

/** Names that two siblings share in `bundle`'s language (a missing translation registers the en-US name). */
export function nameClashes(
	nodes: readonly CommandNode[],
	bundle: LanguageBundle,
	reference: LanguageBundle
): { name: string; nodes: CommandNode[] }[] {
	const byGroup = new Map<string, Map<string, CommandNode[]>>();
	for (const node of nodes) {
		const key = `${node.base}Name`;
		const name = bundle.namespaces.get(node.namespace)?.get(key) ?? reference.namespaces.get(node.namespace)?.get(key);
		if (!name) continue;
		const names = byGroup.get(node.group) ?? byGroup.set(node.group, new Map()).get(node.group)!;
		names.set(name, [...(names.get(name) ?? []), node]);
	}
	return [...byGroup.values()].flatMap((names) =>
		[...names].filter(([, shared]) => shared.length > 1).map(([name, shared]) => ({ name, nodes: shared }))
	);
}
