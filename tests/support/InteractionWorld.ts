import {
	Client,
	Events,
	GatewayIntentBits,
	type ApplicationCommandDataResolvable,
	type ClientOptions,
	type Guild,
	type Interaction
} from 'discord.js';
import { once } from 'node:events';
import { DiscordEmulator, type CreateGuildOptions, type EmulatedGuild, type EmulatedMember, type InteractionHandle } from '#emulator/index';
import type { InteractionExtras } from '#emulator/model/context';
import { CommandMentions } from '#lib/discord/commandMention';
import { waitFor } from '#support/waitFor';

/** The bot's part in a test: what it does with each interaction. What it returns (or throws) is handed to the test. */
export type InteractionHandler = (interaction: Interaction) => Promise<unknown>;

export interface InteractionWorldOptions {
	/** Registered globally at start; members can only run registered commands. */
	readonly commands: readonly ApplicationCommandDataResolvable[];
	/** Default the bot's: Guilds and GuildVoiceStates (members' voice channels). */
	readonly intents?: readonly GatewayIntentBits[];
	/** Caches and sweepers (the bot's clientCacheOptions, say); default discord.js's. */
	readonly caches?: Pick<ClientOptions, 'makeCache' | 'sweepers'>;
}

export interface HandledInteraction<T> {
	/** What Discord saw: the callback, edits and follow-ups. */
	readonly handle: InteractionHandle;
	/** What the handler returned. */
	readonly result: T;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/**
 * A real discord.js client logged into an offline DiscordEmulator, for unit tests of library code that takes discord.js
 * structures. Members run commands in the emulator, and the client's InteractionCreate hands each real interaction to
 * `handler`; `run` waits for the handler to finish and returns what it returned. No Sapphire, no bot process.
 *
 * Gateway dispatches (a member joining voice, a new channel) reach the client asynchronously, in order: an interaction
 * run afterwards sees them; code called directly should wait for the client's cache with `until`.
 */
export class InteractionWorld {
	/** Set by the test; the default answers nothing (the interaction then fails after Discord's 3 s). */
	public handler: InteractionHandler;
	/** Mentions of the commands this client registered, as the bot's CommandMentions. */
	public readonly mentions: CommandMentions;
	private readonly outcomes = new Map<string, Promise<Outcome>>();

	private constructor(
		public readonly emu: DiscordEmulator,
		public readonly client: Client<true>
	) {
		this.handler = () => Promise.resolve(undefined);
		this.mentions = new CommandMentions(() => client.application.commands.cache.values());
		client.on(Events.InteractionCreate, (interaction) => {
			// Settled outcomes only: a handler's error must reach the test that ran the command, never go unhandled.
			const outcome = Promise.resolve()
				.then(() => this.handler(interaction))
				.then(
					(value): Outcome => ({ ok: true, value }),
					(error: unknown): Outcome => ({ ok: false, error })
				);
			this.outcomes.set(interaction.id, outcome);
		});
	}

	/** A new guild, once the client has it (its GUILD_CREATE was handled). */
	public async createGuild(options: CreateGuildOptions = {}): Promise<EmulatedGuild> {
		const guild = this.emu.createGuild(options);
		await this.until(() => this.client.guilds.cache.has(guild.id), `the client to receive guild ${guild.id}`);
		return guild;
	}

	/** The client's view of an emulated guild. */
	public guild(emulated: EmulatedGuild): Guild {
		const guild = this.client.guilds.cache.get(emulated.id);
		if (!guild) throw new Error(`the client does not know guild ${emulated.id}`);
		return guild;
	}

	/**
	 * Runs a command as `member` and waits for the handler: rethrows its error, else returns its result with the
	 * interaction's handle. The handler must answer within Discord's 3 s, as the bot must.
	 */
	public async run<T = unknown>(
		member: EmulatedMember,
		path: string,
		options: Record<string, unknown> = {},
		extras: InteractionExtras = {}
	): Promise<HandledInteraction<T>> {
		const sentBefore = this.emu.interactions.sent.length;
		let handle: InteractionHandle;
		try {
			handle = await member.run(path, options, extras);
		} catch (error) {
			// No callback: the handler's own failure, if it had one, says more than "no callback within 3 s".
			const sent = this.emu.interactions.sent[sentBefore];
			const outcome = sent ? await this.outcomes.get(sent.id) : undefined;
			throw outcome && !outcome.ok ? outcome.error : error;
		}
		const outcome = await waitFor(() => this.outcomes.get(handle.id), `the client to receive interaction ${handle.id}`, 5_000, 5);
		this.outcomes.delete(handle.id);
		const settled = await outcome;
		if (!settled.ok) throw settled.error;
		return { handle, result: settled.value as T };
	}

	/** Waits until the client's cache shows what `check` looks for (dispatches arrive asynchronously). */
	public async until(check: () => unknown, what: string): Promise<void> {
		await waitFor(check, what, 5_000, 5);
	}

	public async stop(): Promise<void> {
		await this.client.destroy();
		await this.emu.stop();
	}

	public static async start(options: InteractionWorldOptions): Promise<InteractionWorld> {
		const emu = await DiscordEmulator.start();
		const client = new Client({
			intents: [...(options.intents ?? [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates])],
			rest: { api: emu.apiUrl },
			...options.caches
		});
		try {
			const ready = once(client, Events.ClientReady);
			await client.login(emu.token);
			await ready;
			await client.application!.commands.set([...options.commands]);
		} catch (error) {
			await client.destroy();
			await emu.stop();
			throw error;
		}
		return new InteractionWorld(emu, client as Client<true>);
	}
}
