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
	metrics: Registry;
}

/** `GET /healthz` for Docker's HEALTHCHECK and orchestrators, `GET /metrics` for Prometheus. */
export async function startHealthServer(options: HealthServerOptions): Promise<Server> {
	const server = createServer((request, response) => {
		void (async () => {
			if (request.url === '/healthz') {
				const healthy = options.isHealthy();
				response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
				response.end(JSON.stringify({ status: healthy ? 'ok' : 'unavailable' }));
			} else if (request.url === '/metrics') {
				response.writeHead(200, { 'content-type': options.metrics.contentType });
				response.end(await options.metrics.metrics());
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
