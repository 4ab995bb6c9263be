import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { TestStation } from '#support/TestStation';
import { isAlive } from '#support/processes';
import { waitFor } from '#support/waitFor';

const host = fileURLToPath(new URL('fixtures/ffmpegHost.js', import.meta.url));

describe('GIVEN a bot process with a playing ffmpeg', () => {
	let station: TestStation;
	let parent: ChildProcess | undefined;
	let ffmpegPid: number | undefined;

	before(async () => {
		station = await TestStation.start();
	});

	afterEach(() => {
		parent?.kill('SIGKILL');
		if (ffmpegPid !== undefined && isAlive(ffmpegPid)) process.kill(ffmpegPid, 'SIGKILL');
		parent = undefined;
		ffmpegPid = undefined;
	});

	after(() => station?.stop());

	async function startHost(mode: 'pipe' | 'url'): Promise<number> {
		parent = spawn(process.execPath, [host, mode, station.url()], { stdio: ['ignore', 'pipe', 'inherit'] });
		const [line] = await Promise.race([
			createInterface({ input: parent.stdout! })
				[Symbol.asyncIterator]()
				.next()
				.then((result) => [result.value as string]),
			new Promise<never>((_, reject) => setTimeout(() => reject(new Error('ffmpeg produced no audio within 15 s')), 15_000))
		]);
		return (JSON.parse(line!) as { ffmpegPid: number }).ffmpegPid;
	}

	for (const [mode, description] of [
		['pipe', 'the bot feeds ffmpeg the stream (direct streams)'],
		['url', 'ffmpeg fetches the stream itself (HLS)']
	] as const) {
		it(`WHEN ${description} and the bot is SIGKILLed THEN ffmpeg exits by itself`, async () => {
			ffmpegPid = await startHost(mode);
			expect(isAlive(ffmpegPid)).to.equal(true);
			parent!.kill('SIGKILL');
			await waitFor(() => !isAlive(ffmpegPid!) || null, `ffmpeg ${ffmpegPid} to exit after its parent died`, 15_000);
		});
	}
});
