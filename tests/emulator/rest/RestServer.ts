import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DiscordEmulator } from '../DiscordEmulator.js';
import { readBody } from './body.js';
import { HttpError } from './HttpError.js';
import { RestFaultInjector, type FaultResponse, type InjectedFault, type RateLimitWindow, type RestFaultRule } from './RestFaults.js';
import type { Router } from './Router.js';

export interface RestRequestRecord {
	method: string;
	path: string;
	body: unknown;
	status: number;
	/** Date.now() when the request arrived. */
	receivedAt: number;
	/** Answered by an injected fault instead of the route. */
	faulted?: true;
}

const apiPrefix = '/api/v10';

/** Serves Discord's REST API v10 from a router, logging every request and answering errors in Discord's shape. */
export class RestServer {
	public readonly requests: RestRequestRecord[] = [];
	/** Requests no route matched (the bot called something the emulator does not know). */
	public readonly unknownRoutes: RestRequestRecord[] = [];
	private readonly faults = new RestFaultInjector();

	public constructor(
		private readonly emulator: DiscordEmulator,
		private readonly router: Router
	) {}

	/** Answers matching requests with a fault (429, 5xx, a Discord error…) instead of handling them; see RestFaultRule. */
	public inject(rule: RestFaultRule): InjectedFault {
		return this.faults.inject(rule);
	}

	/** A rate limit on a route (or every route, scope 'global') lasting `seconds`, retry_after counting down. */
	public rateLimit(window: RateLimitWindow): InjectedFault {
		return this.faults.rateLimit(window);
	}

	/** Lifts every injected fault. */
	public clearFaults(): void {
		this.faults.clear();
	}

	public async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const receivedAt = Date.now();
		const method = request.method ?? 'GET';
		const path = url.pathname.startsWith(apiPrefix) ? url.pathname.slice(apiPrefix.length) : url.pathname;
		let body: unknown;
		let status = 500;
		let payload: unknown;
		try {
			body = await readBody(request);
			// @discordjs/rest sends '@me' as %40me: literal segments of a route match it decoded.
			const found = url.pathname.startsWith(apiPrefix)
				? (this.router.match(method, path) ?? this.router.match(method, decodeSegments(path)))
				: undefined;
			if (!found) {
				this.unknownRoutes.push({ method, path, body, status: 404, receivedAt });
				console.warn(`[discord-emulator] unexpected route ${method} ${url.pathname}`);
				throw new HttpError(404, 0, '404: Not Found');
			}
			if (found.route.requiresBotToken && request.headers.authorization !== `Bot ${this.emulator.token}`) {
				throw new HttpError(401, 0, '401: Unauthorized');
			}
			const fault = this.faults.answer({ method, path, body, receivedAt });
			if (fault) {
				this.requests.push({ method, path, body, status: fault.status, receivedAt, faulted: true });
				sendFault(response, fault);
				return;
			}
			const result = await found.route.handle({ emulator: this.emulator, params: found.params, query: url.searchParams, body });
			status = result.status;
			payload = result.body;
		} catch (error) {
			const httpError = error instanceof HttpError ? error : new HttpError(500, 0, `500: ${(error as Error).message}`);
			if (!(error instanceof HttpError)) console.error('[discord-emulator] route failed', error);
			status = httpError.status;
			payload = httpError.body;
			if (httpError.code === 50035) this.emulator.rejections.push({ method, path, body, error: httpError.body });
		}
		this.requests.push({ method, path, body, status, receivedAt });
		if (payload === undefined) {
			response.writeHead(status).end();
			return;
		}
		response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
	}
}

function decodeSegments(path: string): string {
	return path
		.split('/')
		.map((segment) => {
			try {
				return decodeURIComponent(segment);
			} catch {
				return segment;
			}
		})
		.join('/');
}

function sendFault(response: ServerResponse, fault: FaultResponse): void {
	const text = typeof fault.body === 'string' ? fault.body : fault.body === undefined ? undefined : JSON.stringify(fault.body);
	const contentType = fault.contentType ?? (typeof fault.body === 'string' ? 'text/plain' : 'application/json');
	response.writeHead(fault.status, { ...(text === undefined ? {} : { 'content-type': contentType }), ...fault.headers }).end(text);
}
