import { expect } from 'chai';
import { Locale } from 'discord.js';
import { DiscordLocales, isDiscordLocale } from '#lib/i18n/discordLocales';

describe('DiscordLocales', () => {
	it("GIVEN discord.js's Locale enum WHEN compared THEN our list has exactly the same 32 locales", () => {
		expect([...DiscordLocales].sort()).to.deep.equal(Object.values(Locale).sort());
		expect(DiscordLocales).to.have.lengthOf(32);
	});

	it('GIVEN near misses WHEN tested THEN they are not Discord locales', () => {
		for (const folder of ['de-DE', 'en', 'es', 'pt-PT', 'zh', 'nb', 'EN-US']) expect(isDiscordLocale(folder), folder).to.equal(false);
		for (const folder of ['de', 'en-US', 'es-419', 'zh-TW', 'no']) expect(isDiscordLocale(folder), folder).to.equal(true);
	});
});
