import { expect } from 'chai';
import pino from 'pino';
import type { Station } from '#lib/config/types';
import { HealthProber } from '#lib/stations/health/HealthProber';
import { StationHealth } from '#lib/stations/health/StationHealth';
import { StationStreams } from '#lib/stations/StationStreams';
import { StreamResolver } from '#lib/stations/resolve/StreamResolver';
import { TestStation } from '#support/TestStation';
import { waitFor } from '#support/waitFor';

const log = pino({ level: 'silent' });
const station = (id: string, url = `http://radio.example/${id}`): Station => ({
	id,
	name: id,
	url,
	aliases: [],
	bitrate: 128,
	format: 'MP3',
	description: ''
});

/** A check that answers when told to, and counts how many run at once. */
class HeldChecks {
	public readonly started: string[] = [];
	public maxAtOnce = 0;
	private readonly waiting: (() => void)[] = [];
	private running = 0;

	public readonly check = async (target: Station): Promise<boolean> => {
		this.started.push(target.id);
		this.running++;
		this.maxAtOnce = Math.max(this.maxAtOnce, this.running);
		await new Promise<void>((resolve) => this.waiting.push(resolve));
		this.running--;
		return !target.id.startsWith('down');
	};

	/** Lets every waiting check answer, until `until` holds. */
	public async release(until: Promise<unknown>): Promise<void> {
		let done = false;
		void until.finally(() => {
			done = true;
		});
		while (!done) {
			this.waiting.splice(0).forEach((resolve) => resolve());
			await new Promise((resolve) => setTimeout(resolve, 1));
		}
	}
}

describe('HealthProber and StationHealth', () => {
	it('GIVEN 30 stations, 2 of them playing and one a failover waits for WHEN rounds of 5 run 2 at a time THEN the urgent one goes first, playing ones are skipped, never more than 2 run at once, and the next round takes the least recently probed', async () => {
		const checks = new HeldChecks();
		const all = Array.from({ length: 30 }, (_, index) => station(index % 7 === 3 ? `down-${index}` : `s${index}`));
		const playing = new Set(['s0', 's1']);
		const health = new StationHealth({ check: checks.check, isPlaying: (id) => playing.has(id), freshForMs: 60_000, log });
		const urgent = all[20]!;
		const prober = new HealthProber({
			health,
			stations: () => ({ urgent: [urgent], all }),
			isPlaying: (id) => playing.has(id),
			intervalMs: 60_000,
			concurrency: 2,
			perRound: 5,
			log
		});

		await checks.release(prober.round());
		expect(checks.started).to.deep.equal(['s20', 's2', 'down-3', 's4', 's5']);
		expect(checks.maxAtOnce).to.equal(2);
		checks.started.length = 0;
		await checks.release(prober.round());
		expect(checks.started).to.deep.equal(['s20', 's6', 's7', 's8', 's9']);

		expect(health.stateOf('s0')).to.equal('up');
		expect(health.stateOf('s2')).to.equal('up');
		expect(health.stateOf('down-3')).to.equal('down');
		expect(health.stateOf('s29')).to.equal('unknown');
		expect(health.counts(['s0', 's1'])).to.deep.equal({ up: 10, down: 1 });
	});

	it('GIVEN many failovers asking about one station at once WHEN it is not known yet THEN one probe answers them all, and a fresh result needs none', async () => {
		const checks = new HeldChecks();
		const health = new StationHealth({ check: checks.check, isPlaying: () => false, freshForMs: 60_000, log });
		const target = station('spare');
		const answers = Promise.all(Array.from({ length: 20 }, () => health.isHealthy(target)));
		await checks.release(answers);
		expect(await answers).to.deep.equal(Array.from({ length: 20 }, () => true));
		expect(await health.isHealthy(target)).to.equal(true);
		expect(checks.started).to.deep.equal(['spare']);
	});

	it('GIVEN a station known down and a probe of it running WHEN config.yaml changes its stream (forget) THEN neither result counts: the next failover probes the new stream', async () => {
		const checks = new HeldChecks();
		const health = new StationHealth({ check: checks.check, isPlaying: () => false, freshForMs: 60_000, log });
		const probed: string[] = [];
		health.on('probed', (stationId, up) => probed.push(`${stationId} ${up}`));
		health.report('spare', false);
		expect(health.counts([])).to.deep.equal({ up: 0, down: 1 });

		const stale = health.probe(station('spare'));
		health.forget('spare');
		expect(health.stateOf('spare')).to.equal('unknown');
		await checks.release(stale);
		expect(health.stateOf('spare'), 'the old stream`s probe answered after forget').to.equal('unknown');
		expect(health.counts([])).to.deep.equal({ up: 0, down: 0 });

		const fresh = health.isHealthy(station('spare', 'http://radio.example/new-spare'));
		await checks.release(fresh);
		expect(await fresh).to.equal(true);
		expect(checks.started).to.deep.equal(['spare', 'spare']);
		expect(probed).to.deep.equal(['spare true']);
	});

	it('GIVEN a running prober WHEN its rounds come due THEN it keeps probing on its own until stopped, and each probe is announced', async () => {
		const probed: string[] = [];
		const health = new StationHealth({ check: () => Promise.resolve(true), isPlaying: () => false, freshForMs: 0, log });
		health.on('probed', (id) => probed.push(id));
		const prober = new HealthProber({
			health,
			stations: () => ({ urgent: [], all: [station('a'), station('b')] }),
			isPlaying: () => false,
			intervalMs: 20,
			concurrency: 1,
			perRound: 1,
			log
		});
		prober.start();
		await waitFor(() => probed.length >= 4, 'four probes');
		prober.stop();
		const count = probed.length;
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(probed.length).to.equal(count);
		expect(probed.slice(0, 4)).to.deep.equal(['a', 'b', 'a', 'b']);
	});

	describe('with the real preflight (StationStreams) against a local station', () => {
		let local: TestStation;
		before(async () => {
			local = await TestStation.start();
		});
		after(() => local.stop());

		it('GIVEN a station that sends audio and one that answers 404 WHEN probed THEN one is up and the other down', async () => {
			const streams = new StationStreams(new StreamResolver({ timeoutMs: 3_000 }), { timeoutMs: 3_000, userAgent: 'test' });
			const health = new StationHealth({
				check: async (target) => (await streams.preflight(target)).ok,
				isPlaying: () => false,
				freshForMs: 60_000,
				log
			});
			expect(await health.probe(station('live', local.url()))).to.equal(true);
			expect(await health.probe(station('gone', local.url('/gone.mp3')))).to.equal(false);
			expect([health.stateOf('live'), health.stateOf('gone')]).to.deep.equal(['up', 'down']);
		});
	});
});
