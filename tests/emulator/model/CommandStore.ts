import { nextSnowflake } from '../snowflake.js';
import type { Json } from './types.js';

type Waiter = () => void;

/** Application commands as Discord stores them: global ones and per-guild ones, each with an id and a version. */
export class CommandStore {
	private readonly scopes = new Map<string, Json[]>();
	private readonly waiters = new Set<Waiter>();

	public constructor(private readonly applicationId: string) {}

	public list(guildId?: string): Json[] {
		return this.scopes.get(scopeKey(guildId)) ?? [];
	}

	public get(commandId: string, guildId?: string): Json | undefined {
		return this.list(guildId).find((command) => command.id === commandId);
	}

	/** POST: creating a command whose (type, name) exists overwrites that one, keeping its id. */
	public upsert(body: Json, guildId?: string): { command: Json; created: boolean } {
		const existing = this.list(guildId).find((command) => sameCommand(command, body));
		const command = this.normalize(body, guildId, existing?.id);
		this.replace(guildId, [...this.list(guildId).filter((other) => other !== existing), command]);
		return { command, created: existing === undefined };
	}

	/** PUT: the list becomes exactly `bodies`; commands keeping their (type, name) keep their ids. */
	public overwrite(bodies: Json[], guildId?: string): Json[] {
		const previous = this.list(guildId);
		const commands = bodies.map((body) => this.normalize(body, guildId, previous.find((command) => sameCommand(command, body))?.id));
		this.replace(guildId, commands);
		return commands;
	}

	public patch(commandId: string, merged: Json, guildId?: string): Json {
		const command = this.normalize(merged, guildId, commandId);
		this.replace(
			guildId,
			this.list(guildId).map((other) => (other.id === commandId ? command : other))
		);
		return command;
	}

	public delete(commandId: string, guildId?: string): boolean {
		const before = this.list(guildId);
		this.replace(
			guildId,
			before.filter((command) => command.id !== commandId)
		);
		return before.length !== this.list(guildId).length;
	}

	/** Resolves once `predicate` holds for the commands of that scope. */
	public async waitFor(predicate: (commands: Json[]) => boolean, timeoutMs: number, guildId?: string): Promise<Json[]> {
		if (predicate(this.list(guildId))) return this.list(guildId);
		return new Promise((resolve, reject) => {
			const waiter = () => {
				if (!predicate(this.list(guildId))) return;
				cleanup();
				resolve(this.list(guildId));
			};
			const timer = setTimeout(() => {
				cleanup();
				reject(
					new Error(
						`commands did not reach the expected state within ${timeoutMs} ms (have: ${this.list(guildId)
							.map((c) => c.name)
							.join(', ')})`
					)
				);
			}, timeoutMs);
			const cleanup = () => {
				clearTimeout(timer);
				this.waiters.delete(waiter);
			};
			this.waiters.add(waiter);
		});
	}

	private replace(guildId: string | undefined, commands: Json[]): void {
		this.scopes.set(scopeKey(guildId), commands);
		for (const waiter of [...this.waiters]) waiter();
	}

	private normalize(body: Json, guildId: string | undefined, id = nextSnowflake()): Json {
		return {
			...body,
			id,
			application_id: this.applicationId,
			version: nextSnowflake(),
			type: body.type ?? 1,
			description: body.description ?? '',
			name_localizations: body.name_localizations ?? null,
			description_localizations: body.description_localizations ?? null,
			default_member_permissions:
				body.default_member_permissions === undefined || body.default_member_permissions === null
					? null
					: String(body.default_member_permissions),
			nsfw: body.nsfw ?? false,
			...(guildId === undefined ? { integration_types: body.integration_types ?? [0], contexts: body.contexts ?? null } : { guild_id: guildId })
		};
	}
}

function scopeKey(guildId: string | undefined): string {
	return guildId ?? 'global';
}

function sameCommand(command: Json, body: Json): boolean {
	return command.name === body.name && command.type === (body.type ?? 1);
}
