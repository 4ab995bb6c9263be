import { InternationalizationHandler } from '@sapphire/plugin-i18next';
import { expect } from 'chai';
import { DiscordLimits } from '#lib/discord/limits';
import { i18nOptions } from '#lib/i18n/i18nOptions';
import { historyEmbed } from '#lib/radio-ui/historyEmbed';
import type { TitleHistoryEntry } from '#lib/stations/nowPlaying/TitleHistory';

describe('historyEmbed (/radio history)', () => {
	let handler: InternationalizationHandler;
	before(async () => {
		handler = new InternationalizationHandler(i18nOptions(() => null));
		await handler.init();
	});

	const hostileTitle = (index: number) => `[click me ${index}](https://evil.example/${index}) **\u202Eloud\u202C** ${'ä'.repeat(480)}`;
	const entries = (count: number): TitleHistoryEntry[] =>
		Array.from({ length: count }, (_, index) => ({
			title: hostileTitle(index),
			stationId: 'flood',
			at: new Date(1_700_000_000_000 + index * 60_000)
		}));

	it('GIVEN 20 titles of 500 characters full of markup WHEN the history is built THEN it fits Discord’s embed limits and still lists the newest', () => {
		const embed = historyEmbed(handler.getT('en-US'), entries(20), () => 'Flood FM').toJSON();
		const description = embed.description ?? '';
		expect(description.length).to.be.at.most(DiscordLimits.EmbedDescription);
		expect((embed.title ?? '').length + description.length).to.be.at.most(DiscordLimits.EmbedTotal);
		expect(description).to.include('click me 0');
		expect(description.split('\n').length).to.be.at.least(10);
	});

	it('GIVEN a masked link and a bidi override in a title WHEN shown THEN neither survives as markup', () => {
		const description = historyEmbed(handler.getT('en-US'), entries(1), () => 'Flood FM').toJSON().description ?? '';
		expect(description).to.include('\\[click me 0\\]\\(https://evil.example/0\\)');
		expect(description).not.to.match(/[\u202A-\u202E]/);
	});

	it('GIVEN no titles WHEN shown THEN it says the history is empty', () => {
		expect(historyEmbed(handler.getT('en-US'), [], () => 'x').toJSON().description)
			.to.be.a('string')
			.and.not.equal('');
	});
});
