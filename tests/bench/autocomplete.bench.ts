import type { Station } from '#lib/config/types';
import { StationCatalog } from '#lib/stations/catalog/StationCatalog';
import { stationChoices } from '#lib/stations/catalog/stationLabels';
import type { BenchResult } from './run.js';

const words = ['Radio', 'FM', 'Jazz', 'Rock', 'News', 'Classic', 'Chill', 'Lounge', 'Metal', 'Pop', 'Talk', 'Soul', 'Indie', 'Folk', 'Dance'];

/** A catalog of `size` plausible stations with unique names and aliases, generated deterministically. */
export function generatedCatalog(size: number): StationCatalog {
	const stations: Station[] = Array.from({ length: size }, (_, index) => {
		const name = `${words[index % words.length]} ${words[(index * 7) % words.length]} ${index}`;
		return {
			id: `station-${index}`,
			name,
			url: `https://streams.example/${index}.mp3`,
			aliases: [`s${index}`],
			bitrate: 128,
			format: 'MP3',
			description: `${words[(index * 3) % words.length]} music around the clock`
		};
	});
	return new StationCatalog(stations);
}

function timePerCall(calls: number, run: () => unknown): number {
	const started = process.hrtime.bigint();
	for (let index = 0; index < calls; index++) run();
	return Number(process.hrtime.bigint() - started) / 1e6 / calls;
}

export default function autocompleteBench(): Promise<BenchResult[]> {
	const buildStarted = process.hrtime.bigint();
	const catalog = generatedCatalog(10_000);
	const buildMs = Number(process.hrtime.bigint() - buildStarted) / 1e6;
	const queries = ['jazz', 's4242', 'chill lounge', 'rdio', 'Metal Pop 9'];
	const results: BenchResult[] = [{ name: 'build catalog', value: buildMs, unit: 'ms', detail: '10,000 stations' }];
	for (const query of queries) {
		// Cold: the first time anyone types this, on fresh catalogs (the per-catalog query cache is empty); median of 3.
		const cold = [0, 1, 2].map(() => {
			const fresh = generatedCatalog(10_000);
			return timePerCall(1, () => stationChoices(fresh, query));
		});
		results.push({
			name: `autocomplete "${query}" (cold)`,
			value: cold.sort((a, b) => a - b)[1]!,
			unit: 'ms',
			detail: '10,000 stations, 25 choices'
		});
		results.push({
			name: `autocomplete "${query}" (repeated)`,
			value: timePerCall(1_000, () => stationChoices(catalog, query)),
			unit: 'ms/call'
		});
	}
	return Promise.resolve(results);
}
