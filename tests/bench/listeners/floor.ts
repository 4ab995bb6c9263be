import { createCipheriv, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { setImmediate as yieldToLoop } from 'node:timers/promises';

export interface SealAndSendFloor {
	/** CPU microseconds per packet: one AES-256-GCM seal with a fresh cipher plus one UDP send on loopback. */
	microsecondsPerPacket: number;
	packets: number;
	payloadBytes: number;
}

/** Opus at 128 kb/s in 20 ms frames (320 B) plus DAVE's trailer, about what the bot sends per packet. */
const payloadBytes = 340;
const batch = 500;

/**
 * The per-packet floor of any voice bot, measured the way @discordjs/voice sends a packet: a 12-byte RTP header, a new
 * AES-256-GCM cipher for the packet's nonce, seal, concat, one dgram send to a loopback socket. Only the synchronous
 * send loop is timed (CPU, not wall time); the sink reads the packets between batches, outside the measurement.
 */
export async function measureSealAndSendFloor(packets = 40_000): Promise<SealAndSendFloor> {
	const sink = createSocket('udp4');
	sink.on('message', () => undefined);
	sink.bind(0, '127.0.0.1');
	await once(sink, 'listening');
	const sender = createSocket('udp4');
	sender.bind(0, '127.0.0.1');
	await once(sender, 'listening');
	sender.connect(sink.address().port, '127.0.0.1');
	await once(sender, 'connect');

	const key = randomBytes(32);
	const nonce = Buffer.alloc(12);
	const payload = randomBytes(payloadBytes);
	let counter = 0;
	const sendOne = () => {
		const header = Buffer.alloc(12);
		header[0] = 0x80;
		header[1] = 0x78;
		header.writeUInt16BE(counter & 0xffff, 2);
		header.writeUInt32BE((counter * 960) >>> 0, 4);
		header.writeUInt32BE(1, 8);
		nonce.writeUInt32BE(++counter >>> 0, 0);
		const cipher = createCipheriv('aes-256-gcm', key, nonce);
		cipher.setAAD(header);
		sender.send(Buffer.concat([header, cipher.update(payload), cipher.final(), cipher.getAuthTag(), nonce.subarray(0, 4)]));
	};

	// Warm up the JIT and the socket first.
	for (let index = 0; index < 2_000; index++) sendOne();
	await yieldToLoop();
	let microseconds = 0;
	for (let sent = 0; sent < packets; sent += batch) {
		const start = process.cpuUsage();
		for (let index = 0; index < batch; index++) sendOne();
		const used = process.cpuUsage(start);
		microseconds += used.user + used.system;
		await yieldToLoop();
	}
	sender.close();
	sink.close();
	return { microsecondsPerPacket: microseconds / packets, packets, payloadBytes };
}
