import { get } from 'node:http';
import type { ResourceCounts } from '#lib/health/resourceCounts';
import type { BotProcess } from './BotProcess.js';
import { descendantProcesses } from './processes.js';

/** Environment that gives the bot its /debug/resources endpoint (on a free loopback port) and a GC to run before heap figures. */
export const ResourceDebugEnv: Readonly<Record<string, string>> = { HEALTH_PORT: '0', HEALTH_DEBUG: 'on', NODE_OPTIONS: '--expose-gc' };

export interface BotResources extends ResourceCounts {
	/** The bot's own ffmpeg children (never another process's: other test runs share the machine). */
	ffmpeg: number;
}

/** The bot's resource counts (it must run with ResourceDebugEnv) and its live ffmpeg children. */
export async function botResources(bot: BotProcess): Promise<BotResources> {
	const listening = await bot.waitForLog((line) => line.msg === 'health server listening', 30_000);
	const counts = await getJson<ResourceCounts>(`http://127.0.0.1:${String(listening.port)}/debug/resources`);
	return { ...counts, ffmpeg: descendantProcesses(bot.pid, 'ffmpeg').length };
}

/** One request on its own connection (closed after), so the probe leaves no keep-alive socket in the bot's count. */
function getJson<T>(url: string): Promise<T> {
	return new Promise((resolve, reject) => {
		const request = get(url, { agent: false, headers: { connection: 'close' }, timeout: 15_000 }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => {
				if (response.statusCode === 200) resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as T);
				else reject(new Error(`${url} answered ${response.statusCode}`));
			});
			response.on('error', reject);
		});
		request.on('timeout', () => request.destroy(new Error(`${url} did not answer within 15 s`)));
		request.on('error', reject);
	});
}
