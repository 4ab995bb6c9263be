import type { CommandStore } from '../model/CommandStore.js';
import type { EmulatedChannel } from '../model/Channel.js';
import type { InteractionActions, InteractionExtras } from '../model/context.js';
import type { EmulatedMember } from '../model/Member.js';
import type { ApiUser, Json } from '../model/types.js';
import { buildCommandData } from './commandData.js';
import { buttonData, modalData, selectData } from './componentData.js';
import { InitialResponseDeadlineMs, InteractionHandle, TokenLifetimeMs } from './InteractionHandle.js';
import { buildInteraction, InteractionType } from './payload.js';
import { InteractionResponses } from './InteractionResponses.js';

export interface InteractionHubDependencies {
	applicationId: string;
	botUser: ApiUser;
	commands: CommandStore;
	dispatch(event: string, data: Json): void;
	/** Default 3 s, as Discord. */
	responseWindowMs?: number;
	/** Default 15 min, as Discord. */
	tokenLifetimeMs?: number;
}

/** Sends interactions to the bot as Discord would and tracks what the bot answers to each. */
export class InteractionHub implements InteractionActions {
	public readonly responses: InteractionResponses;
	/** Interactions that got no callback within 3 s (Discord shows "The application did not respond"). */
	public readonly failed: InteractionHandle[] = [];
	/** Every interaction sent to the bot, in order (answered or not). */
	public readonly sent: InteractionHandle[] = [];
	/** How long the bot has for the initial callback; a later one gets 404 Unknown interaction (10062). Applies to new interactions. */
	public responseWindowMs: number;
	/** How long an interaction token works for follow-ups and edits; later they get 401 Invalid Webhook Token (50027). */
	public tokenLifetimeMs: number;

	public constructor(private readonly dependencies: InteractionHubDependencies) {
		this.responses = new InteractionResponses(dependencies);
		this.responseWindowMs = dependencies.responseWindowMs ?? InitialResponseDeadlineMs;
		this.tokenLifetimeMs = dependencies.tokenLifetimeMs ?? TokenLifetimeMs;
	}

	public async run(member: EmulatedMember, path: string, options: Record<string, unknown>, extras: InteractionExtras): Promise<InteractionHandle> {
		const data = buildCommandData(this.command(member, path), path, options, member.guild);
		return this.send(member, InteractionType.ApplicationCommand, data, extras);
	}

	public async autocomplete(member: EmulatedMember, path: string, options: Record<string, unknown>, focused: string, extras: InteractionExtras) {
		const data = buildCommandData(this.command(member, path), path, options, member.guild, focused);
		const handle = await this.send(member, InteractionType.Autocomplete, data, extras);
		if (handle.callback?.type !== 8) throw new Error(`autocomplete for /${path} was answered with callback type ${handle.callback?.type}, not 8`);
		return handle.choices ?? [];
	}

	public async clickButton(member: EmulatedMember, message: Json, customId: string, extras: InteractionExtras) {
		return this.send(
			member,
			InteractionType.MessageComponent,
			buttonData(message, customId),
			{ ...extras, channel: this.channelOf(member, message, extras) },
			message
		);
	}

	public async selectMenu(member: EmulatedMember, message: Json, customId: string, values: string[], extras: InteractionExtras) {
		const data = selectData(message, customId, values, member.guild);
		return this.send(member, InteractionType.MessageComponent, data, { ...extras, channel: this.channelOf(member, message, extras) }, message);
	}

	public async submitModal(member: EmulatedMember, customId: string, fields: Record<string, string>, extras: InteractionExtras) {
		const opener = this.responses.latestModal(customId);
		const data = modalData(customId, fields, opener?.modal);
		const message = opener?.payload.message as Json | undefined;
		return this.send(member, InteractionType.ModalSubmit, data, extras, message);
	}

	private command(member: EmulatedMember, path: string): Json {
		const name = path.trim().split(/\s+/)[0];
		const { commands } = this.dependencies;
		const command = [...commands.list(member.guild.id), ...commands.list()].find(
			(candidate) => candidate.name === name && (candidate.type ?? 1) === 1
		);
		if (!command)
			throw new Error(
				`no registered chat input command "${name}" (registered: ${
					commands
						.list()
						.map((c) => c.name)
						.join(', ') || 'none'
				})`
			);
		return command;
	}

	private channelOf(member: EmulatedMember, message: Json, extras: InteractionExtras): EmulatedChannel {
		return extras.channel ?? member.guild.channel(message.channel_id) ?? member.guild.defaultTextChannel;
	}

	/** Dispatches INTERACTION_CREATE and resolves once the bot's initial callback arrived; rejects after the response window (3 s). */
	private async send(member: EmulatedMember, type: number, data: Json, extras: InteractionExtras, message?: Json): Promise<InteractionHandle> {
		const channel = extras.channel ?? member.guild.defaultTextChannel;
		const payload = buildInteraction({
			applicationId: this.dependencies.applicationId,
			member,
			channel,
			locale: extras.locale,
			type,
			data,
			message
		});
		const handle = new InteractionHandle(payload.id, payload.token, payload, message, this.tokenLifetimeMs);
		this.responses.track(handle);
		this.sent.push(handle);
		const windowMs = this.responseWindowMs;
		const answered = new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => {
				stop();
				this.responses.fail(handle);
				this.failed.push(handle);
				reject(new Error(`interaction failed: the bot sent no callback for ${handle.describe()} within ${windowMs} ms`));
			}, windowMs);
			const stop = handle.onCallback(() => {
				if (!handle.acknowledged) return;
				clearTimeout(timer);
				stop();
				resolve();
			});
		});
		this.dependencies.dispatch('INTERACTION_CREATE', payload);
		await answered;
		return handle;
	}
}
