import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderMessage } from '#emulator/index';
import { RadioWorld } from '#support/RadioWorld';

type Json = Record<string, any>;

/**
 * Module hooks preloaded into the bot: two of its modules get a fault. The list page breaks beyond page 1 (so the Next
 * button's handler throws while running) and the station suggestions break for the query "explode" (so the autocomplete
 * handler throws while parsing). Everything else is the real module.
 */
const faults = `import { registerHooks } from 'node:module';
const faulty = {
	'/dist/src/lib/radio-ui/stationListPage.js': (real) => \`export * from '\${real}';
import { stationListPage as real } from '\${real}';
export function stationListPage(t, catalog, query, page) {
	if (page > 1) throw new Error('injected fault: the list page broke');
	return real(t, catalog, query, page);
}\`,
	'/dist/src/lib/favorites/favoriteChoices.js': (real) => \`export * from '\${real}';
import { choicesWithPinned as real } from '\${real}';
export function choicesWithPinned(pinned, catalog, query, ...rest) {
	if (query === 'explode') throw new Error('injected fault: suggestions broke');
	return real(pinned, catalog, query, ...rest);
}\`
};
registerHooks({
	load(url, context, nextLoad) {
		const fault = Object.entries(faulty).find(([path]) => url.endsWith(path));
		if (fault) return { format: 'module', source: fault[1](url + '?real'), shortCircuit: true };
		return nextLoad(url, context);
	}
});
`;

describe('GIVEN a bot whose list page button and station autocomplete throw (injected faults)', () => {
	const hooks = mkdtempSync(join(tmpdir(), 'alastor-faults-'));
	let world: RadioWorld;

	before(async () => {
		const path = join(hooks, 'faults.mjs');
		writeFileSync(path, faults);
		world = await RadioWorld.start({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }],
			// Eleven more stations: the list has a second page, so a Next button.
			extraStations: (station) =>
				Promise.resolve(
					Object.fromEntries(
						Array.from({ length: 11 }, (_, index) => [
							`Mirror ${index + 1}`,
							{ url: station.url('/sine.mp3'), alias: `mirror${index + 1}` }
						])
					)
				),
			env: { NODE_OPTIONS: `--import=${pathToFileURL(path).href}` }
		});
	});

	after(async () => {
		await world?.stop();
		rmSync(hooks, { recursive: true, force: true });
	});

	it('WHEN a button’s handler throws THEN the clicker gets the unexpected-error message in their language with a reference, and the log has that reference', async () => {
		const { member } = world.guilds[0]!;
		const list = await (await member.run('radio list', {})).message();
		const next = (list.components as Json[])
			.flatMap((row) => row.components as Json[])
			.find((component) => component.custom_id.startsWith('radio-list:next:'));

		const click = await member.clickButton(list, next!.custom_id, { locale: 'de' });
		expect(click.ephemeral).to.equal(true);
		const text = renderMessage(await click.message());
		expect(text).to.include('Bei mir ist etwas schiefgelaufen').and.include('gib den Server-Admins diese Referenz');
		const reference = /`([0-9a-f]{8})`/.exec(text)?.[1];
		expect(reference, text).to.be.a('string');
		const logged = await world.bot.waitForLog((line) => line.msg === 'interaction handler failed' && line.reference === reference);
		expect(logged).to.deep.include({ handler: 'stationListPageButton', phase: 'run', guildId: world.guilds[0]!.guild.id });
		expect((logged.err as Json).message).to.equal('injected fault: the list page broke');
	});

	it('WHEN an autocomplete handler throws THEN the member sees no suggestions instead of a failure, and the error is logged with a reference', async () => {
		const { member } = world.guilds[0]!;
		expect(await member.autocomplete('radio play', { station: 'explode' }, 'station')).to.deep.equal([]);
		const logged = await world.bot.waitForLog((line) => line.msg === 'interaction handler failed' && line.phase === 'parse');
		expect(logged).to.deep.include({ handler: 'stationAutocomplete' });
		expect(logged.reference).to.match(/^[0-9a-f]{8}$/);
		// The same handler still answers every other query.
		expect((await member.autocomplete('radio play', { station: 'mirror1' }, 'station')).length).to.be.at.least(1);
	});
});
