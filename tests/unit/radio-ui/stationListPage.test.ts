import { InternationalizationHandler } from '@sapphire/plugin-i18next';
import { expect } from 'chai';
import type { Station } from '#lib/config/types';
import { i18nOptions } from '#lib/i18n/i18nOptions';
import { stationListPage } from '#lib/radio-ui/stationListPage';
import { StationCatalog } from '#lib/stations/catalog/StationCatalog';
import type { HealthState } from '#lib/stations/health/StationHealth';

const station = (name: string): Station => ({
	id: name.toLowerCase().replace(/\s+/g, '-'),
	name,
	url: 'http://radio.example/stream',
	aliases: [],
	bitrate: 128,
	format: 'MP3',
	description: ''
});

describe('stationListPage (/radio list) with station health', () => {
	let handler: InternationalizationHandler;
	before(async () => {
		handler = new InternationalizationHandler(i18nOptions(() => null));
		await handler.init();
	});

	it('GIVEN stations on air, off air and never checked WHEN listed THEN the known ones carry a badge in the reader’s language, the others none', () => {
		const catalog = new StationCatalog([station('Up FM'), station('Down FM'), station('New FM')]);
		const health: Record<string, HealthState> = { 'up-fm': 'up', 'down-fm': 'down' };
		const lines = (locale: string) =>
			(stationListPage(handler.getT(locale), catalog, '', 1, (id) => health[id] ?? 'unknown').embeds[0]!.toJSON().description ?? '').split(
				'\n\n'
			);
		expect(lines('en-US')).to.deep.equal([
			'**Up FM** · 128 kbps MP3 · 🟢 on air',
			'**Down FM** · 128 kbps MP3 · 🔴 off air',
			'**New FM** · 128 kbps MP3'
		]);
		expect(lines('de')[1]).to.equal('**Down FM** · 128 kbps MP3 · 🔴 nicht auf Sendung');
		expect(stationListPage(handler.getT('en-US'), catalog, '', 1).embeds[0]!.toJSON().description).to.not.include('on air');
	});
});
