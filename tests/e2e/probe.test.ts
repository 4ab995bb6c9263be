import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TestStation } from '#support/TestStation';
import { deadUrl } from '#support/streamFixtures';

const probeScript = fileURLToPath(new URL('../../src/probe.js', import.meta.url));

interface ProbeRun {
	code: number | null;
	stdout: string;
	stderr: string;
}

function runProbe(...args: string[]): Promise<ProbeRun> {
	return new Promise((resolve) => {
		execFile(process.execPath, [probeScript, ...args], { timeout: 45_000 }, (error, stdout, stderr) => {
			resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
		});
	});
}

describe('npm run probe (dist/src/probe.js)', () => {
	let station: TestStation;
	before(async () => {
		station = await TestStation.start({ mounts: { '/tone.mp3': { frequency: 440, name: 'Probe FM', title: 'Artist - Probe Song' } } });
		station.serve('/listen.pls', { contentType: 'audio/x-scpls', body: () => `[playlist]\nFile1=${station.url('/tone.mp3')}\n` });
	});
	after(() => station.stop());

	it('GIVEN a .pls of the live test tone WHEN probing with --json THEN it plays and reports URL, container, ICY name, title and > 200 Opus frames in 5 s', async () => {
		const run = await runProbe(station.url('/listen.pls'), '--json');
		expect(run.code, run.stderr).to.equal(0);
		const report = JSON.parse(run.stdout) as Record<string, unknown>;
		expect(report).to.include({
			input: station.url('/listen.pls'),
			plays: true,
			reason: null,
			resolvedUrl: station.url('/tone.mp3'),
			kind: 'direct',
			container: 'mp3',
			codec: 'mp3',
			sampleRateHz: 44100,
			bitrateKbps: 128,
			icyName: 'Probe FM',
			title: 'Artist - Probe Song',
			sampleSeconds: 5
		});
		expect(report.chain).to.deep.equal([station.url('/listen.pls')]);
		expect(report.opusFrames).to.be.a('number').and.be.greaterThan(200);
	});

	it('GIVEN the tone WHEN probing without --json THEN a readable report names the stream, the station and the song', async () => {
		const run = await runProbe(station.url('/tone.mp3'));
		expect(run.code, run.stderr).to.equal(0);
		expect(run.stdout).to.match(new RegExp(`^PLAYS  ${station.url('/tone.mp3')}\n`));
		expect(run.stdout)
			.to.match(/Station name +Probe FM\n/)
			.and.match(/Now playing +Artist - Probe Song\n/)
			.and.match(/Opus frames +\d{3} in 5 s/);
	});

	it('GIVEN a dead URL WHEN probing THEN it exits 1 with the reason and no stack trace', async () => {
		const run = await runProbe(await deadUrl(), '--json');
		expect(run.code).to.equal(1);
		expect(JSON.parse(run.stdout)).to.include({ plays: false, reason: 'unreachable', resolvedUrl: null, opusFrames: 0 });
		expect(run.stderr).to.not.match(/\n\s+at /);
	});

	it('GIVEN a missing page WHEN probing without --json THEN it exits 1 and says why in plain words', async () => {
		const run = await runProbe(station.url('/gone.mp3'));
		expect(run.code).to.equal(1);
		expect(run.stdout).to.equal(`DOES NOT PLAY  ${station.url('/gone.mp3')}\n  Reason        http-status: The server answered 404 Not Found.\n`);
	});

	it('GIVEN no URL or an unknown option WHEN probing THEN it exits 2 with the usage', async () => {
		for (const args of [[], ['--loud', station.url()]]) {
			const run = await runProbe(...args);
			expect([run.code, run.stderr.includes('Usage: npm run probe')]).to.deep.equal([2, true]);
		}
	});
});
