import type { DiscordEmulator } from '../DiscordEmulator.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext {
	emulator: DiscordEmulator;
	params: Record<string, string>;
	query: URLSearchParams;
	body: any;
}

export interface RouteResult {
	status: number;
	body?: unknown;
}

export type RouteHandler = (context: RouteContext) => RouteResult | Promise<RouteResult>;

export const ok = (body: unknown): RouteResult => ({ status: 200, body });
export const created = (body: unknown): RouteResult => ({ status: 201, body });
export const noContent = (): RouteResult => ({ status: 204 });
