import type { TestStation } from './TestStation.js';

export interface TestStationEntry {
	name: string;
	alias: string;
	path: string;
	/** config.yaml `fallback`: stations (name, alias or id) its listeners move to when it stays down. */
	fallback?: string[];
	/** config.yaml `logo`. */
	logo?: string;
}

/** A config.yaml (as an object) whose stations are mounts of the local test station. */
export function botConfigFor(station: TestStation, entries: TestStationEntry[] = [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3' }]) {
	return {
		bot: { description: 'Alastor under test', version: '0.0.0-test', github_url: 'https://example.com/alastor' },
		radios: Object.fromEntries(
			entries.map(({ name, alias, path, fallback, logo }) => [
				name,
				{
					url: station.url(path),
					aliases: [alias],
					bitrate: 128,
					format: 'MP3',
					description: `A sine tone from the local test station (${path}).`,
					...(fallback && { fallback }),
					...(logo && { logo })
				}
			])
		),
		donations: [],
		// Short grace so tests see ffmpeg end soon after the last listener leaves.
		voice: { pipeline_grace_seconds: 1 }
	};
}
