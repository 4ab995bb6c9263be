import { toDiscordErrors, type ValidationIssue } from '../validation/issues.js';

/** An error answered in Discord's JSON error shape: `{ code, message, errors? }`. */
export class HttpError extends Error {
	public constructor(
		public readonly status: number,
		public readonly code: number,
		message: string,
		public readonly errors?: Record<string, unknown>
	) {
		super(message);
	}

	public static invalidForm(issues: readonly ValidationIssue[]): HttpError {
		return new HttpError(400, 50035, 'Invalid Form Body', toDiscordErrors(issues));
	}

	public static notFound(code: number, what: string): HttpError {
		return new HttpError(404, code, `Unknown ${what}`);
	}

	public get body(): Record<string, unknown> {
		return { code: this.code, message: this.message, ...(this.errors ? { errors: this.errors } : {}) };
	}
}

/** Discord's JSON error codes used by the emulator. */
export const ErrorCode = {
	UnknownApplication: 10002,
	UnknownChannel: 10003,
	UnknownGuild: 10004,
	UnknownMember: 10007,
	UnknownMessage: 10008,
	UnknownWebhook: 10015,
	UnknownApplicationCommand: 10063,
	UnknownInteraction: 10062,
	MissingAccess: 50001,
	MissingPermissions: 50013,
	InvalidWebhookToken: 50027,
	InteractionAlreadyAcknowledged: 40060
} as const;
