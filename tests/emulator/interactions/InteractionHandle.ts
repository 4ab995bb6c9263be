import type { Json } from '../model/types.js';

/** Discord fails an interaction that gets no initial response within 3 seconds (configurable: InteractionHub.responseWindowMs). */
export const InitialResponseDeadlineMs = 3000;
/** Interaction tokens stay valid for follow-ups and edits this long (configurable: InteractionHub.tokenLifetimeMs). */
export const TokenLifetimeMs = 15 * 60 * 1000;

const Ephemeral = 64;
type Listener = () => void;

/** One interaction sent to the bot: its callback, and every message state that came of it (callback, edits, follow-ups). */
export class InteractionHandle {
	public readonly createdAt = Date.now();
	/** The initial callback body, once the bot answered. */
	public callback: Json | undefined;
	/** Every message state in order: the callback message, each edit of it, each follow-up. */
	public readonly messages: Json[] = [];
	/** Autocomplete choices (callback type 8). */
	public choices: { name: string; value: string | number }[] | undefined;
	/** The modal the bot opened (callback type 9). */
	public modal: Json | undefined;
	/** The message @original refers to: the response message, or for a component interaction the message it is on. */
	public original: Json | undefined;
	private readonly listeners = new Set<Listener>();
	private tokenExpiresAt: number;

	public constructor(
		public readonly id: string,
		public readonly token: string,
		public readonly payload: Json,
		componentMessage?: Json,
		tokenLifetimeMs = TokenLifetimeMs
	) {
		this.original = componentMessage;
		this.tokenExpiresAt = this.createdAt + tokenLifetimeMs;
	}

	public get acknowledged(): boolean {
		return this.callback !== undefined;
	}

	public get deferred(): boolean {
		return this.callback?.type === 5 || this.callback?.type === 6;
	}

	public get ephemeral(): boolean {
		return ((this.callback?.data?.flags ?? 0) & Ephemeral) !== 0;
	}

	/** The token is past its lifetime: follow-ups and edits get 401 Invalid Webhook Token (50027). */
	public get expired(): boolean {
		return Date.now() >= this.tokenExpiresAt;
	}

	/** Ends the token's lifetime now, as if its 15 minutes had passed. */
	public expireToken(): void {
		this.tokenExpiresAt = Date.now();
	}

	/** The first real content: the type-4/7 callback message, or after a deferral the first edit of @original. */
	public async message(timeoutMs = 15_000): Promise<Json> {
		return this.waitFor(() => true, timeoutMs);
	}

	/** Any message state (callback, edit, follow-up) matching `predicate`, already recorded or still to come. */
	public async waitFor(predicate: (message: Json) => boolean, timeoutMs = 15_000): Promise<Json> {
		const found = this.messages.find(predicate);
		if (found) return found;
		return new Promise((resolve, reject) => {
			let seen = this.messages.length;
			const listener = () => {
				const match = this.messages.slice(seen).find(predicate);
				seen = this.messages.length;
				if (!match) return;
				cleanup();
				resolve(match);
			};
			const timer = setTimeout(() => {
				cleanup();
				reject(
					new Error(
						`no matching message for interaction ${this.describe()} within ${timeoutMs} ms (messages so far: ${this.messages.length})`
					)
				);
			}, timeoutMs);
			const cleanup = () => {
				clearTimeout(timer);
				this.listeners.delete(listener);
			};
			this.listeners.add(listener);
		});
	}

	/** Called when the callback arrives; resolves waiters in the hub. */
	public onCallback(listener: Listener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	public recordMessage(message: Json): void {
		this.messages.push(message);
		this.notify();
	}

	public notify(): void {
		for (const listener of [...this.listeners]) listener();
	}

	public describe(): string {
		const data = this.payload.data ?? {};
		return `${this.id} (type ${this.payload.type}${data.name ? ` /${data.name}` : ''}${data.custom_id ? ` ${data.custom_id}` : ''})`;
	}
}
