import { expect } from 'chai';
import { renderReliabilityReport, type ReliabilityRun, type SoakFigures } from '#support/reliabilityReport';

const run = (overrides: Partial<ReliabilityRun> = {}): ReliabilityRun => ({
	at: '2026-12-06',
	revision: 'commit abc1234',
	machine: '2 cores',
	cases: [
		{ family: 'voice', case: 'close 4015', injected: 'close 4015', behaviour: 'resumed', recoveryMs: 1_050 },
		{ family: 'rest', case: 'route 429', injected: '429 | retry_after 1.5', behaviour: 'waited\nand retried', recoveryMs: 640 },
		{ family: 'load', case: 'wizard', injected: 'left alone', behaviour: 'timed out', recoveryMs: null }
	],
	soak: null,
	...overrides
});

const soak: SoakFigures = {
	revision: 'commit 3ba6a40',
	cycles: 300,
	cyclesPerMinute: 50,
	servers: 10,
	stations: 3,
	durationMs: 412_000,
	before: { sessions: 0, pipelines: 0, heapUsedBytes: 40 * 1048576 },
	after: { sessions: 0, pipelines: 0, heapUsedBytes: 43 * 1048576 },
	heap: { beforeBytes: 40 * 1048576, afterBytes: 43 * 1048576, peakBytes: 52 * 1048576, limitBytes: 24 * 1048576 },
	ffmpegStarted: 150,
	ffmpegLeft: 0
};

describe('renderReliabilityReport', () => {
	it('GIVEN recorded cases WHEN rendered THEN each family has its table in the fixed order, one row per case, families without cases say so', () => {
		const text = renderReliabilityReport(run());
		const headings = text.split('\n').filter((line) => line.startsWith('## '));
		expect(headings).to.deep.equal(['## Discord REST', '## Gateway', '## Voice', '## Streams', '## Storage', '## Load', '## Soak', '## Notes']);
		expect(text).to.include('| close 4015 | close 4015 | resumed | 1.1 s |');
		expect(text).to.include('| route 429 | 429 \\| retry_after 1.5 | waited and retried | 640 ms |');
		expect(text).to.include('| wizard | left alone | timed out | — |');
		expect(text.split('## Gateway')[1]!.split('##')[0]).to.include('_Not in this run._');
		expect(text).to.include('_Not in this run (`npm run soak`)._');
	});

	it('GIVEN the soak’s figures WHEN rendered THEN the before and after counts, the heap figures and the run size are in the document', () => {
		const text = renderReliabilityReport(run({ soak }));
		expect(text).to.include(
			'At commit 3ba6a40: 300 join/play/leave cycles across 10 servers and 3 stations in 412.0 s (at most 50 a minute: each sends two gateway op 4s, and Discord allows 120 sends a minute); 150 ffmpeg processes started, 0 left at the end.'
		);
		expect(text).to.include('| sessions | 0 | 0 |');
		expect(text).to.include('| heap used (after a GC) | 40.0 MiB | 43.0 MiB |');
		expect(text).to.include('Heap growth 3.0 MiB (bound 24.0 MiB); peak during the soak 52.0 MiB.');
		expect(text).to.not.include('| heapUsedBytes |');
	});
});
