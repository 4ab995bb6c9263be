import { expect } from 'chai';
import { percentile, ReceiveStatsRecorder } from '#emulator/voice/receiveStats';

describe('voice emulator receive stats', () => {
	it('GIVEN packets before and after a reset WHEN snapshotting THEN the window counts only later packets, and a gap spanning the reset still counts', () => {
		const recorder = new ReceiveStatsRecorder();
		recorder.recordPacket(1, 100, 0);
		recorder.recordPacket(2, 100, 20);
		recorder.reset();
		recorder.recordPacket(4, 100, 60);
		recorder.recordPacket(5, 100, 80);

		const stats = recorder.snapshot();
		expect(stats.packets).to.equal(2);
		expect(stats.bytes).to.equal(200);
		expect(stats.sequenceGaps).to.equal(1);
		expect(recorder.intervals).to.deep.equal([40, 20]);
		expect(stats.interPacketMs).to.include({ p50: 20, max: 40 });
		expect(recorder.firstArrivalMs).to.equal(0);
	});

	it('GIVEN 1..100 WHEN taking nearest-rank percentiles THEN p50 is 50, p99 is 99 and p100 is 100; empty gives 0', () => {
		const values = Array.from({ length: 100 }, (_, index) => index + 1);
		expect([0.5, 0.99, 1].map((q) => percentile(values, q))).to.deep.equal([50, 99, 100]);
		expect(percentile([], 0.5)).to.equal(0);
	});
});
