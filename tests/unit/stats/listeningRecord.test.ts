import { expect } from 'chai';
import { EmptyListeningStats } from '#lib/settings/types';
import { ListeningStatsKind } from '#lib/settings/recordKinds';
import { addListening, summarize, type ListeningDelta } from '#lib/stats/listeningRecord';

const delta = (day: number, stationId: string, seconds: number, listenerSeconds = seconds): ListeningDelta => ({
	day,
	stationId,
	stationName: `Name of ${stationId}`,
	seconds,
	listenerSeconds
});
const limits = { retentionDays: 31, maxStationsPerDay: 20 };

describe('listening records', () => {
	it('GIVEN listening on several days WHEN added and summarized THEN today, 7 and 30 days add up, and the top stations are the most listened', () => {
		const today = 20_000;
		const record = addListening(
			EmptyListeningStats,
			[delta(today, 'a', 60, 120), delta(today, 'b', 600), delta(today - 3, 'a', 900), delta(today - 20, 'c', 3_600, 7_200)],
			today,
			limits
		);
		expect(summarize(record, today, 1)).to.deep.equal({
			seconds: 660,
			listenerSeconds: 720,
			top: [
				{ id: 'b', name: 'Name of b', seconds: 600 },
				{ id: 'a', name: 'Name of a', seconds: 60 }
			]
		});
		expect(summarize(record, today, 7).seconds).to.equal(1_560);
		expect(summarize(record, today, 30).top.map((station) => station.id)).to.deep.equal(['c', 'a', 'b']);
		const again = addListening(record, [delta(today, 'a', 60, 60)], today, limits);
		expect(summarize(again, today, 1).top).to.deep.include({ id: 'a', name: 'Name of a', seconds: 120 });
	});

	it('GIVEN days older than the retention WHEN anything is added THEN they are dropped, and stations only they named leave the list', () => {
		const record = addListening(EmptyListeningStats, [delta(100, 'old', 60), delta(130, 'new', 60)], 130, limits);
		expect(record.days.map((day) => day.day)).to.deep.equal([100, 130]);
		const later = addListening(record, [delta(131, 'new', 60)], 131, limits);
		expect(later.days.map((day) => day.day)).to.deep.equal([130, 131]);
		expect(later.stations.map((station) => station.id)).to.deep.equal(['new']);
	});

	it('GIVEN a server that plays a new station every minute for 31 days WHEN recorded THEN each day keeps its 20 most listened, and the record stays small and valid', () => {
		let record = EmptyListeningStats;
		for (let day = 0; day < 31; day++) {
			const deltas = Array.from({ length: 200 }, (_, index) => delta(day, `g123456789012345678-station-number-${day}-${index}`, 60 + index));
			record = addListening(record, deltas, day, limits);
		}
		expect(record.days).to.have.lengthOf(31);
		expect(record.days.every((day) => day.entries.length === 20)).to.equal(true);
		expect(record.days[0]!.entries.map(([, seconds]) => seconds)[0]).to.equal(259);
		const bytes = JSON.stringify(record).length;
		expect(bytes).to.be.below(80 * 1024);
		expect(ListeningStatsKind.schema.safeParse(record).success).to.equal(true);
	});

	it('GIVEN nothing listened or days in the future WHEN added THEN nothing is recorded', () => {
		expect(addListening(EmptyListeningStats, [delta(5, 'a', 0, 0), delta(9, 'b', 60)], 5, limits)).to.deep.equal({ stations: [], days: [] });
	});
});
