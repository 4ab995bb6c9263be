import type { InternationalizationContext } from '@sapphire/plugin-i18next';
import { expect } from 'chai';
import type { Guild } from 'discord.js';
import { createFetchLanguage, type LanguageSources } from '#lib/i18n/fetchLanguage';

const shipped = new Set(['en-US', 'de', 'ja']);

interface Recorded {
	failures: { guildId: string; error: unknown }[];
	lookups: string[];
}

function sourcesWith(serverLanguage: (guildId: string) => Promise<string | null>, settingsTimeoutMs = 1000): LanguageSources & Recorded {
	const recorded: Recorded = { failures: [], lookups: [] };
	return {
		...recorded,
		serverLanguage: (guildId) => {
			recorded.lookups.push(guildId);
			return serverLanguage(guildId);
		},
		shipped: () => shipped,
		onSettingsFailure: (guildId, error) => recorded.failures.push({ guildId, error }),
		settingsTimeoutMs
	};
}

/** What the plugin passes for an interaction: the user's and the server's locale, and the guild (only its id and preferred locale are read). */
function interaction(
	locale: string | null,
	guildLocale: string | null,
	guild: { id: string; preferredLocale: string } | null = { id: '1', preferredLocale: 'en-US' }
) {
	return {
		guild: guild as Guild | null,
		channel: null,
		user: null,
		interactionLocale: locale ?? undefined,
		interactionGuildLocale: guildLocale ?? undefined
	} as InternationalizationContext;
}

describe('fetchLanguage: which language answers an interaction', () => {
	it('GIVEN a server override to ja WHEN a fr user in a de server asks THEN Japanese', async () => {
		const sources = sourcesWith(() => Promise.resolve('ja'));
		expect(await createFetchLanguage(sources)(interaction('fr', 'de'))).to.equal('ja');
		expect(sources.lookups).to.deep.equal(['1']);
	});

	it('GIVEN no override WHEN a de user in a ja server asks THEN the user locale wins', async () => {
		expect(await createFetchLanguage(sourcesWith(() => Promise.resolve(null)))(interaction('de', 'ja'))).to.equal('de');
	});

	it('GIVEN no override and a user locale we do not ship WHEN asking THEN the server locale, then en-US', async () => {
		const fetch = createFetchLanguage(sourcesWith(() => Promise.resolve(null)));
		expect(await fetch(interaction('hu', 'ja'))).to.equal('ja');
		expect(await fetch(interaction('hu', 'fi', { id: '1', preferredLocale: 'fi' }))).to.equal('en-US');
	});

	it('GIVEN a notice to a server (no user) WHEN asking THEN the override, else the preferred locale', async () => {
		const context = { guild: { id: '9', preferredLocale: 'de' } as Guild, channel: null, user: null } as InternationalizationContext;
		expect(await createFetchLanguage(sourcesWith(() => Promise.resolve('ja')))(context)).to.equal('ja');
		expect(await createFetchLanguage(sourcesWith(() => Promise.resolve(null)))(context)).to.equal('de');
	});

	it('GIVEN a DM (no guild) WHEN asking THEN settings are not read and the user locale is used', async () => {
		const sources = sourcesWith(() => Promise.resolve('ja'));
		expect(await createFetchLanguage(sources)(interaction('de', null, null))).to.equal('de');
		expect(sources.lookups).to.deep.equal([]);
	});

	it('GIVEN the settings storage throws WHEN asking THEN the user locale is used and the failure is reported once', async () => {
		const broken = new Error('SQLITE_CORRUPT: database disk image is malformed');
		const sources = sourcesWith(() => {
			throw broken;
		});
		expect(await createFetchLanguage(sources)(interaction('de', 'ja'))).to.equal('de');
		expect(sources.failures).to.deep.equal([{ guildId: '1', error: broken }]);
	});

	it('GIVEN the settings storage never answers WHEN asking THEN the user locale is used after the timeout, with a failure report', async () => {
		const sources = sourcesWith(() => new Promise(() => undefined), 50);
		expect(await createFetchLanguage(sources)(interaction('de', 'ja'))).to.equal('de');
		expect(sources.failures).to.have.lengthOf(1);
		expect(String(sources.failures[0]!.error)).to.include('within 50 ms');
	});
});
