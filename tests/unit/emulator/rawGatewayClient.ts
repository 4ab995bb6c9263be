import { WebSocket } from 'ws';

export interface Payload {
	op: number;
	t?: string;
	s?: number;
	d?: any;
}

/** A bare gateway client: what a bot library does, without one, so each opcode is visible. */
export class RawGatewayClient {
	public readonly received: Payload[] = [];
	public closeCode: number | undefined;
	private constructor(private readonly socket: WebSocket) {
		socket.on('message', (raw) => this.received.push(JSON.parse(String(raw as Buffer))));
		socket.on('close', (code) => (this.closeCode = code));
	}

	public send(op: number, d: unknown): void {
		this.socket.send(JSON.stringify({ op, d }));
	}

	public async next(predicate: (payload: Payload) => boolean, from = 0): Promise<Payload> {
		for (let waited = 0; waited < 5000; waited += 10) {
			const found = this.received.slice(from).find(predicate);
			if (found) return found;
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		throw new Error(`no matching gateway payload; got ${this.received.map((payload) => payload.t ?? payload.op).join(', ')}`);
	}

	/** Dispatch names received so far (from index `from`). */
	public events(from = 0): string[] {
		return this.received.slice(from).flatMap((payload) => (payload.t ? [payload.t] : []));
	}

	public async closed(): Promise<number> {
		for (let waited = 0; waited < 5000 && this.closeCode === undefined; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
		return this.closeCode ?? -1;
	}

	/** Drops the connection without a close frame (the server sees 1006), like a killed process. */
	public close(): void {
		this.socket.terminate();
	}

	/** Closes cleanly with `code`, as a library does on shutdown (1000) or before resuming (4200). */
	public closeWith(code: number): void {
		this.socket.close(code);
	}

	public static async connect(url: string, query = '?v=10&encoding=json'): Promise<RawGatewayClient> {
		const socket = new WebSocket(`${url}${query}`);
		const client = new RawGatewayClient(socket);
		await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
		return client;
	}

	/** Connects and sends IDENTIFY (with `shard` when given); does not wait for the answer. */
	public static async identify(url: string, token: string, intents: number, shard?: [number, number]): Promise<RawGatewayClient> {
		const client = await RawGatewayClient.connect(url);
		await client.next((payload) => payload.op === 10);
		client.send(2, { token, intents, properties: { os: 'linux', browser: 'test', device: 'test' }, ...(shard ? { shard } : {}) });
		return client;
	}
}
