import type { HttpMethod, RouteContext, RouteHandler, RouteResult } from './types.js';

interface Route {
	method: HttpMethod;
	pattern: RegExp;
	paramNames: string[];
	/** Interaction callbacks and webhook-token routes are authenticated by the token in the URL, not by the bot token. */
	requiresBotToken: boolean;
	handle: RouteHandler;
}

/** A tiny path router: patterns like `/applications/:applicationId/commands/:commandId`, parameters URL-decoded. */
export class Router {
	private readonly routes: Route[] = [];

	public add(method: HttpMethod, path: string, handle: RouteHandler, { requiresBotToken = true } = {}): this {
		const paramNames: string[] = [];
		const source = path.replace(/:(\w+)/g, (_, name: string) => {
			paramNames.push(name);
			return '([^/]+)';
		});
		this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), paramNames, requiresBotToken, handle });
		return this;
	}

	public match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
		for (const route of this.routes) {
			if (route.method !== method) continue;
			const found = route.pattern.exec(path);
			if (!found) continue;
			const params: Record<string, string> = {};
			route.paramNames.forEach((name, index) => {
				params[name] = decodeURIComponent(found[index + 1]!);
			});
			return { route, params };
		}
		return undefined;
	}
}

export type { RouteContext, RouteResult };
