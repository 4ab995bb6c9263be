import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

const icyPrefix = Buffer.from('ICY ', 'latin1');
const http10 = Buffer.from('HTTP/1.0 ', 'latin1');

/**
 * SHOUTcast v1 servers answer `ICY 200 OK` instead of `HTTP/1.0 200 OK`; Node's HTTP parser refuses that status line
 * (ffmpeg and every player accept it). This rewrites the first bytes a socket receives from `ICY ` to `HTTP/1.0 `, and
 * touches nothing else: the rest of the response goes through Node's parser with all its limits (header size and count,
 * framing), and a response that starts otherwise is passed on as it is. An ICY response has no length, so it is read
 * until the server closes, as HTTP/1.0 allows.
 */
export function acceptIcyStatusLine(socket: Duplex): Duplex {
	const push = socket.push.bind(socket);
	let held: Buffer = Buffer.alloc(0);
	let decided = false;
	socket.push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
		if (decided || chunk === null || !Buffer.isBuffer(chunk)) {
			// The connection ended before four bytes came: pass on what was held.
			if (!decided && chunk === null && held.length > 0) push(held);
			decided ||= chunk === null;
			return push(chunk, encoding);
		}
		held = held.length === 0 ? chunk : Buffer.concat([held, chunk]);
		// A status line split before its fourth byte: wait for more (at most three bytes are ever held).
		if (held.length < icyPrefix.length && icyPrefix.subarray(0, held.length).equals(held)) return true;
		decided = true;
		const first = held.subarray(0, icyPrefix.length).equals(icyPrefix) ? Buffer.concat([http10, held.subarray(icyPrefix.length)]) : held;
		held = Buffer.alloc(0);
		return push(first);
	};
	return socket;
}

/** A one-connection HTTP agent (as `agent: false` makes) whose socket accepts an ICY status line. */
export class IcyHttpAgent extends HttpAgent {
	public override createConnection(...args: Parameters<HttpAgent['createConnection']>): Duplex {
		return acceptIcyStatusLine(super.createConnection(...args) as Socket);
	}
}

/** The same for HTTPS (an ICY server behind a TLS proxy). */
export class IcyHttpsAgent extends HttpsAgent {
	public override createConnection(...args: Parameters<HttpsAgent['createConnection']>): Duplex {
		return acceptIcyStatusLine(super.createConnection(...args) as Socket);
	}
}
