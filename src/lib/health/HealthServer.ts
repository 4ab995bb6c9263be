import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { DefaultHealthHost } from '#lib/env';

export interface HealthServerOptions {
	port: number;
	/** Default 127.0.0.1: exposing the endpoints is a deliberate choice (HEALTH_HOST=0.0.0.0 in the Docker image). */
	host?: string;
	/** Healthy means: connected to the gateway and able to take commands. */
	isHealthy(): boolean;
	/**
	 * Ready means: every shard of this instance is READY and the voice service runs. `detail` (each shard's status) is
	 * shown as it is, so it must hold nothing secret. Absent: /readyz answers as /healthz.
	 */
	readiness?(): { ready: boolean; detail?: unknown } | Promise<{ ready: boolean; detail?: unknown }>;
	/** Absent: no /metrics (a ShardingManager's processes are scraped one by one). */
	metrics?: Registry;
	/**
	 * `GET /debug/resources` (HEALTH_DEBUG=on): resource counts for leak checks, as JSON. Answered to loopback clients only,
	 * whatever HEALTH_HOST says; absent, the path does not exist.
	 */
	debug?: () => unknown;
}

const isLoopback = (address: string | undefined) =>
	address === '::1' || Boolean(address?.startsWith('127.')) || Boolean(address?.startsWith('::ffff:127.'));

/**
 * `GET /healthz` for Docker's HEALTHCHECK, `GET /readyz` for orchestrators' traffic and rollouts, `GET /metrics` for
 * Prometheus, `GET /debug/resources` if enabled.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<Server> {
	const server = createServer((request, response) => {
		void (async () => {
			if (request.url === '/healthz') {
				const healthy = options.isHealthy();
				response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
				response.end(JSON.stringify({ status: healthy ? 'ok' : 'unavailable' }));
			} else if (request.url === '/readyz') {
				const { ready, detail } = options.readiness ? await options.readiness() : { ready: options.isHealthy(), detail: undefined };
				response.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
				response.end(JSON.stringify({ status: ready ? 'ready' : 'not ready', ...(detail === undefined ? {} : { detail }) }));
			} else if (request.url === '/metrics' && options.metrics) {
				response.writeHead(200, { 'content-type': options.metrics.contentType });
				response.end(await options.metrics.metrics());
			} else if (request.url === '/debug/resources' && options.debug && isLoopback(request.socket.remoteAddress)) {
				response.writeHead(200, { 'content-type': 'application/json' });
				response.end(JSON.stringify(options.debug()));
			} else {
				response.writeHead(404).end();
			}
		})().catch(() => response.writeHead(500).end());
	});
	server.listen(options.port, options.host ?? DefaultHealthHost);
	await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
	server.unref();
	return server;
}

export function serverPort(server: Server): number {
	return (server.address() as AddressInfo).port;
}
