import type { IncomingMessage } from 'node:http';
import { HttpError } from './HttpError.js';

/** Reads a JSON body, or the `payload_json` part of a multipart body (discord.js uses multipart when files are attached). */
export async function readBody(request: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const raw = Buffer.concat(chunks).toString('utf8');
	if (raw.length === 0) return undefined;
	const type = request.headers['content-type'] ?? '';
	const text = type.startsWith('multipart/form-data') ? payloadJson(raw) : raw;
	try {
		return text === undefined ? {} : JSON.parse(text);
	} catch {
		throw new HttpError(400, 50109, 'The request body contains invalid JSON.');
	}
}

function payloadJson(multipart: string): string | undefined {
	const found = /name="payload_json"[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/.exec(multipart);
	return found?.[1];
}
