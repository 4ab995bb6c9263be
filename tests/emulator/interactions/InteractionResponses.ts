import { createMessage, editMessage } from '../model/messages.js';
import type { ApiUser, Json } from '../model/types.js';
import { ErrorCode, HttpError } from '../rest/HttpError.js';
import type { InteractionHandle } from './InteractionHandle.js';

const Loading = 128;
const Ephemeral = 64;
const CallbackType = { ChannelMessage: 4, DeferredChannelMessage: 5, DeferredUpdate: 6, UpdateMessage: 7, Autocomplete: 8, Modal: 9 };

interface Identity {
	applicationId: string;
	botUser: ApiUser;
}

/** The bot's side of interactions: the initial callback, then webhook follow-ups and edits by interaction token. */
export class InteractionResponses {
	private readonly byId = new Map<string, InteractionHandle>();
	private readonly byToken = new Map<string, InteractionHandle>();
	private readonly failedIds = new Set<string>();

	public constructor(private readonly identity: Identity) {}

	public track(handle: InteractionHandle): void {
		this.byId.set(handle.id, handle);
		this.byToken.set(handle.token, handle);
	}

	public fail(handle: InteractionHandle): void {
		this.failedIds.add(handle.id);
	}

	public latestModal(customId: string): InteractionHandle | undefined {
		return [...this.byId.values()].reverse().find((handle) => handle.modal?.custom_id === customId);
	}

	/** POST /interactions/:id/:token/callback (body already validated). */
	public callback(id: string, token: string, body: Json, withResponse: boolean): { status: number; body?: unknown } {
		const handle = this.byId.get(id);
		if (!handle || handle.token !== token || this.failedIds.has(id)) throw HttpError.notFound(ErrorCode.UnknownInteraction, 'interaction');
		if (handle.acknowledged) throw new HttpError(400, ErrorCode.InteractionAlreadyAcknowledged, 'Interaction has already been acknowledged.');
		handle.callback = body;
		const data: Json = body.data ?? {};
		switch (body.type) {
			case CallbackType.ChannelMessage:
				handle.original = this.createFor(handle, data);
				handle.recordMessage(handle.original);
				break;
			case CallbackType.DeferredChannelMessage:
				handle.original = this.createFor(handle, { content: '', flags: Loading | (data.flags ?? 0) });
				handle.notify();
				break;
			case CallbackType.UpdateMessage:
				handle.original = editMessage(this.originalOf(handle), data);
				handle.recordMessage(handle.original);
				break;
			case CallbackType.Autocomplete:
				handle.choices = data.choices ?? [];
				handle.notify();
				break;
			case CallbackType.Modal:
				handle.modal = data;
				handle.notify();
				break;
			default:
				handle.notify();
		}
		if (!withResponse) return { status: 204 };
		const message = [CallbackType.ChannelMessage, CallbackType.DeferredChannelMessage, CallbackType.UpdateMessage].includes(body.type)
			? handle.original
			: undefined;
		return {
			status: 200,
			body: {
				interaction: {
					id: handle.id,
					type: handle.payload.type,
					activity_instance_id: null,
					response_message_id: message?.id ?? null,
					response_message_loading: body.type === CallbackType.DeferredChannelMessage,
					response_message_ephemeral: ((message?.flags ?? 0) & Ephemeral) !== 0
				},
				resource: { type: body.type, ...(message ? { message } : {}) }
			}
		};
	}

	/** POST /webhooks/:app/:token: a follow-up message. */
	public followUp(applicationId: string, token: string, body: Json): Json {
		const handle = this.handleFor(applicationId, token);
		if (!handle.acknowledged) throw HttpError.notFound(ErrorCode.UnknownWebhook, 'Webhook');
		const message = this.createFor(handle, body);
		handle.recordMessage(message);
		return message;
	}

	public getMessage(applicationId: string, token: string, messageId: string): Json {
		return this.messageOf(this.handleFor(applicationId, token), messageId);
	}

	/** PATCH /webhooks/:app/:token/messages/:id (or @original). */
	public editMessage(applicationId: string, token: string, messageId: string, body: Json): Json {
		const handle = this.handleFor(applicationId, token);
		const current = this.messageOf(handle, messageId);
		const edited = editMessage(current, body);
		if (messageId === '@original' || current.id === handle.original?.id) {
			edited.flags = (edited.flags ?? 0) & ~Loading;
			handle.original = edited;
		}
		handle.recordMessage(edited);
		return edited;
	}

	public deleteMessage(applicationId: string, token: string, messageId: string): void {
		const handle = this.handleFor(applicationId, token);
		const message = this.messageOf(handle, messageId);
		if (message.id === handle.original?.id) handle.original = undefined;
		handle.recordMessage({ ...message, deleted: true });
	}

	private handleFor(applicationId: string, token: string): InteractionHandle {
		const handle = this.byToken.get(token);
		if (!handle || applicationId !== this.identity.applicationId) throw HttpError.notFound(ErrorCode.UnknownWebhook, 'Webhook');
		// Discord answers a token past its 15 minutes with 401, not 404.
		if (handle.expired) throw new HttpError(401, ErrorCode.InvalidWebhookToken, 'Invalid Webhook Token');
		return handle;
	}

	private messageOf(handle: InteractionHandle, messageId: string): Json {
		if (messageId === '@original') return this.originalOf(handle);
		const latest = [...handle.messages].reverse().find((message) => message.id === messageId);
		if (!latest || latest.deleted) throw HttpError.notFound(ErrorCode.UnknownMessage, 'Message');
		return latest;
	}

	private originalOf(handle: InteractionHandle): Json {
		if (!handle.original) throw HttpError.notFound(ErrorCode.UnknownMessage, 'Message');
		return handle.original;
	}

	private createFor(handle: InteractionHandle, body: Json): Json {
		const { payload } = handle;
		return createMessage(body, {
			channelId: payload.channel_id,
			guildId: payload.guild_id,
			author: this.identity.botUser,
			webhookId: this.identity.applicationId,
			applicationId: this.identity.applicationId,
			type: payload.type === 2 ? 20 : 0,
			interactionMetadata: {
				id: handle.id,
				type: payload.type,
				user: payload.member.user,
				authorizing_integration_owners: payload.authorizing_integration_owners,
				...(payload.data?.name ? { name: payload.data.name } : {})
			}
		});
	}
}
