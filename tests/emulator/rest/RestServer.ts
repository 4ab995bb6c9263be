import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DiscordEmulator } from '../DiscordEmulator.js';
import { readBody } from './body.js';
import { HttpError } from './HttpError.js';
import type { Router } from './Router.js';

export interface RestRequestRecord {
	method: string;
	path: string;
	body: unknown;
	status: number;
}

const apiPrefix = '/api/v10';

/** Serves Discord's REST API v10 from a router, logging every request and answering errors in Discord's shape. */
export class RestServer {
	public readonly requests: RestRequestRecord[] = [];
	/** Requests no route matched (the bot called something the emulator does not know). */
	public readonly unknownRoutes: RestRequestRecord[] = [];

	public constructor(
		private readonly emulator: DiscordEmulator,
		private readonly router: Router
	) {}

	public async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const method = request.method ?? 'GET';
		const path = url.pathname.startsWith(apiPrefix) ? url.pathname.slice(apiPrefix.length) : url.pathname;
		let body: unknown;
		let status = 500;
		let payload: unknown;
		try {
			body = await readBody(request);
			const found = url.pathname.startsWith(apiPrefix) ? this.router.match(method, path) : undefined;
			if (!found) {
				this.unknownRoutes.push({ method, path, body, status: 404 });
				console.warn(`[discord-emulator] unexpected route ${method} ${url.pathname}`);
				throw new HttpError(404, 0, '404: Not Found');
			}
			if (found.route.requiresBotToken && request.headers.authorization !== `Bot ${this.emulator.token}`) {
				throw new HttpError(401, 0, '401: Unauthorized');
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
		this.requests.push({ method, path, body, status });
		if (payload === undefined) {
			response.writeHead(status).end();
			return;
		}
		response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
	}
}
