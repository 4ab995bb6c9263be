import { once } from 'node:events';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { loadTestTlsMaterial } from '#emulator/voice/tls';

/** A station object as radio-browser.info documents it (`/json/stations/...`), every field present. */
export interface DirectoryStationJson {
	changeuuid: string;
	stationuuid: string;
	serveruuid: string | null;
	name: string;
	url: string;
	url_resolved: string;
	homepage: string;
	favicon: string;
	tags: string;
	country: string;
	countrycode: string;
	iso_3166_2: string | null;
	state: string;
	language: string;
	languagecodes: string;
	votes: number;
	lastchangetime: string;
	lastchangetime_iso8601: string;
	codec: string;
	bitrate: number;
	hls: number;
	lastcheckok: number;
	lastchecktime: string;
	lastchecktime_iso8601: string;
	lastcheckoktime: string;
	lastcheckoktime_iso8601: string;
	lastlocalchecktime: string;
	lastlocalchecktime_iso8601: string;
	clicktimestamp: string;
	clicktimestamp_iso8601: string | null;
	clickcount: number;
	clicktrend: number;
	ssl_error: number;
	geo_lat: number | null;
	geo_long: number | null;
	has_extended_info: boolean;
	[field: string]: unknown;
}

/** A documented station object; `fields` override the defaults (any value, for hostile entries). */
export function directoryStationJson(
	fields: Partial<Record<keyof DirectoryStationJson, unknown>> & { name?: unknown; url?: unknown }
): DirectoryStationJson {
	const when = '2025-01-01 12:00:00';
	const iso = '2025-01-01T12:00:00Z';
	return {
		changeuuid: randomUUID(),
		stationuuid: randomUUID(),
		serveruuid: randomUUID(),
		name: 'Example Radio',
		url: 'http://stream.example.com/live',
		url_resolved: '',
		homepage: 'https://radio.example.com/',
		favicon: '',
		tags: 'pop,rock',
		country: 'Germany',
		countrycode: 'DE',
		iso_3166_2: null,
		state: '',
		language: 'german',
		languagecodes: 'de',
		votes: 10,
		lastchangetime: when,
		lastchangetime_iso8601: iso,
		codec: 'MP3',
		bitrate: 128,
		hls: 0,
		lastcheckok: 1,
		lastchecktime: when,
		lastchecktime_iso8601: iso,
		lastcheckoktime: when,
		lastcheckoktime_iso8601: iso,
		lastlocalchecktime: when,
		lastlocalchecktime_iso8601: iso,
		clicktimestamp: when,
		clicktimestamp_iso8601: iso,
		clickcount: 3,
		clicktrend: 0,
		ssl_error: 0,
		geo_lat: null,
		geo_long: null,
		has_extended_info: false,
		...fields
	} as DirectoryStationJson;
}

export interface DirectoryRequest {
	readonly path: string;
	readonly query: URLSearchParams;
	readonly headers: IncomingHttpHeaders;
}

/** Answers one request instead of the fake's own logic (hostile bodies, stalls, redirects…). */
export type DirectoryOverride = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A local stand-in for a radio-browser.info API server, over HTTPS on 127.0.0.1 with the emulator's test certificate
 * (trusted through NODE_EXTRA_CA_CERTS, as `npm test` sets it). It serves the documented routes from the station
 * objects it holds: `/json/stations/search` (name, country, countrycode, tag, language as partial, case-insensitive
 * matches; hidebroken, order=votes, reverse, limit), `/json/stations/byuuid?uuids=` and `/json/servers`. Tests put
 * hostile entries among the stations, or replace the answer to a path altogether (`override`).
 */
export class FakeRadioBrowser {
	public readonly requests: DirectoryRequest[] = [];
	public stations: unknown[] = [];
	private readonly overrides = new Map<string, DirectoryOverride>();

	private constructor(private readonly server: Server) {}

	public get url(): string {
		return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	public requestsTo(path: string): DirectoryRequest[] {
		return this.requests.filter((request) => request.path === path);
	}

	/** Answers `path` with `handler` from now on; `null` restores the fake's own answer. */
	public override(path: string, handler: DirectoryOverride | null): void {
		if (handler) this.overrides.set(path, handler);
		else this.overrides.delete(path);
	}

	public async stop(): Promise<void> {
		const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
		this.server.closeAllConnections();
		await closed;
	}

	private handle(request: IncomingMessage, response: ServerResponse): void {
		const url = new URL(request.url ?? '/', 'https://x');
		this.requests.push({ path: url.pathname, query: url.searchParams, headers: request.headers });
		const override = this.overrides.get(url.pathname);
		if (override) return override(request, response);
		if (url.pathname === '/json/stations/search') return json(response, this.search(url.searchParams));
		if (url.pathname === '/json/stations/byuuid') {
			const wanted = new Set((url.searchParams.get('uuids') ?? '').split(','));
			return json(
				response,
				this.stations.filter((station) => wanted.has(String(field(station, 'stationuuid'))))
			);
		}
		if (url.pathname === '/json/servers') return json(response, [{ ip: '127.0.0.1', name: '127.0.0.1' }]);
		response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
	}

	private search(params: URLSearchParams): unknown[] {
		const contains = (value: unknown, wanted: string | null) =>
			!wanted ||
			String(value ?? '')
				.toLowerCase()
				.includes(wanted.toLowerCase());
		const found = this.stations.filter(
			(station) =>
				contains(field(station, 'name'), params.get('name')) &&
				contains(field(station, 'country'), params.get('country')) &&
				(!params.get('countrycode') || String(field(station, 'countrycode')).toUpperCase() === params.get('countrycode')!.toUpperCase()) &&
				contains(field(station, 'tags'), params.get('tag')) &&
				contains(field(station, 'language'), params.get('language')) &&
				(params.get('hidebroken') !== 'true' || field(station, 'lastcheckok') !== 0)
		);
		if (params.get('order') === 'votes') found.sort((a, b) => (Number(field(a, 'votes')) || 0) - (Number(field(b, 'votes')) || 0));
		if (params.get('reverse') === 'true') found.reverse();
		return found.slice(0, Number(params.get('limit') ?? 100_000));
	}

	public static async start(stations: unknown[] = []): Promise<FakeRadioBrowser> {
		const holder: { fake?: FakeRadioBrowser } = {};
		const server = createServer(loadTestTlsMaterial(), (request, response) => holder.fake!.handle(request, response));
		const fake = new FakeRadioBrowser(server);
		holder.fake = fake;
		fake.stations = stations;
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
		return fake;
	}
}

function field(station: unknown, name: string): unknown {
	return typeof station === 'object' && station !== null ? (station as Record<string, unknown>)[name] : undefined;
}

function json(response: ServerResponse, body: unknown): void {
	response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
