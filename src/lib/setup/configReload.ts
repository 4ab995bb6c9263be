import { container } from '@sapphire/framework';
import { readFileSync } from 'node:fs';
import { diffStations, sectionsNeedingRestart } from '#lib/config/diffConfig';
import { loadConfig } from '#lib/config/loadConfig';
import type { Config } from '#lib/config/types';
import { watchConfig } from '#lib/config/watchConfig';
import type { Log } from '#lib/logger/logger';
import { retireStations } from '#lib/playback/retireStations';
import { StationCatalog } from '#lib/stations/catalog/StationCatalog';

/** Watches config.yaml (config_reload.watch): a valid edit is applied at once, an invalid one logged and ignored. */
export function setupConfigReload(log: Log): void {
	const { config } = container;
	if (!config.configReload.watch) return;
	let initial: string | null = null;
	try {
		initial = readFileSync(config.file, 'utf8');
	} catch {
		// Read again at the first change.
	}
	watchConfig(
		{
			file: config.file,
			debounceMs: config.configReload.debounceMs,
			load: (file) => loadConfig(file),
			onChange: (next) => applyConfig(next, log),
			onInvalid: (error) =>
				log.error({ file: config.file, problems: error.message.split('\n') }, 'config.yaml edit rejected: the running config stays'),
			onError: (error) => log.error({ err: error, file: config.file }, 'config.yaml reload failed: the running config stays')
		},
		initial
	);
	log.info({ file: config.file }, 'watching config.yaml for edits');
}

/**
 * Swaps in a new config.yaml in one synchronous step (no command sees half of it): the new stations, texts and
 * donations. Sections the services were built from at start keep their running values until a restart, and say so.
 * Then a changed station's listeners move to its new stream, and a removed station's listeners are told and stopped.
 */
export function applyConfig(next: Config, log: Log): void {
	const previous = container.config;
	const changes = diffStations(previous.radios, next.radios);
	const pending = sectionsNeedingRestart(previous, next);
	const catalog = new StationCatalog(next.radios);

	container.config = Object.freeze({ ...previous, bot: next.bot, radios: next.radios, donations: next.donations });
	container.stations = catalog;
	container.guildStations.replaceShared(catalog);

	for (const station of [...changes.restreamed, ...changes.removed]) container.stationHealth.forget(station.id);
	for (const station of changes.restreamed) container.voice.replaceStation(station, true);
	for (const station of changes.relabelled) container.voice.replaceStation(station, false);
	const retired = retireStations(
		{
			voice: container.voice,
			notices: container.notices,
			catalog,
			rejoin: (guildId) => container.sessionRestorer.settingsChanged(guildId)
		},
		changes.removed
	);
	const ids = (stations: readonly { id: string }[]) => stations.map((station) => station.id);
	log.info(
		{
			added: ids(changes.added),
			removed: ids(changes.removed),
			restreamed: ids(changes.restreamed),
			relabelled: ids(changes.relabelled),
			stations: catalog.size
		},
		'config.yaml reloaded'
	);
	if (pending.length > 0) log.warn({ sections: pending }, 'config.yaml: these sections changed and take effect at the next restart');
	void retired.then(
		(sessions) => sessions.length > 0 && log.info({ guilds: sessions.map((session) => session.guildId) }, 'listeners of removed stations told'),
		(error: unknown) => log.error({ err: error }, 'telling the listeners of removed stations failed')
	);
}
