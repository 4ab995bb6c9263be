import { expect } from 'chai';
import type { Station } from '#lib/config/types';
import { customStationId } from '#lib/stations/custom/customStation';
import { findCollision, parseNames } from '#lib/stations/custom/validateCustomStation';
import { StationCatalog } from '#lib/stations/catalog/StationCatalog';

describe('Custom stations: names, aliases and ids', () => {
	it('GIVEN a name and aliases as typed WHEN parsed THEN spaces are tidied, aliases normalized, deduplicated and the name itself dropped', () => {
		expect(parseNames('  Rock  & Roll FM (Live) ', ' Rock, ROCK ,rock & roll fm (live), , Roll')).to.deep.equal({
			name: 'Rock & Roll FM (Live)',
			aliases: ['rock', 'roll'],
			typedAliases: new Map([
				['rock', 'Rock'],
				['roll', 'Roll']
			])
		});
	});

	const refused: [string, string, string | null, string][] = [
		['a one-letter name', 'X', null, 'name-invalid'],
		['a name over 50 characters', 'A'.repeat(51), null, 'name-invalid'],
		['a name that mentions everyone', '@everyone FM', null, 'name-invalid'],
		['a name with markdown', '**Bold** FM', null, 'name-invalid'],
		['a name with a line break', 'Two\u0000Lines', null, 'name-invalid'],
		['a name with a right-to-left override', 'Good\u202EMF', null, 'name-invalid'],
		['a name blanked with Hangul fillers', '\u3164\u3164\u3164', null, 'name-invalid'],
		['an alias with a user mention', 'Good FM', '<@123>', 'alias-invalid'],
		['six aliases', 'Good FM', 'a, b, c, d, e, f', 'too-many-aliases']
	];
	for (const [what, name, aliases, problem] of refused) {
		it(`GIVEN ${what} WHEN parsed THEN it is refused (${problem})`, () => {
			expect(parseNames(name, aliases)).to.include({ problem });
		});
	}

	it('GIVEN names the server can already play WHEN checked THEN the first one taken is reported with its station', () => {
		const config: Station = {
			id: 'jazz-fm',
			name: 'Jazz FM',
			url: 'https://jazz.example/',
			aliases: ['jazz'],
			bitrate: 128,
			format: 'MP3',
			description: ''
		};
		const catalog = new StationCatalog([config]);
		const names = (name: string, aliases: string | null = null) => {
			const parsed = parseNames(name, aliases);
			if ('problem' in parsed) throw new Error(`${name} / ${aliases} is refused: ${parsed.problem}`);
			return parsed;
		};
		expect(findCollision(catalog, 'g1-new', names('Smooth', 'smoothie,  JaZZ '))).to.deep.equal({ problem: 'taken', key: 'JaZZ', by: 'Jazz FM' });
		expect(findCollision(catalog, 'g1-jazz-fm', names('jazz fm'))).to.deep.equal({ problem: 'taken', key: 'jazz fm', by: 'Jazz FM' });
		expect(findCollision(catalog, 'jazz-fm', names('Jazz!FM')), 'a clash of the id quotes the name it was made from').to.deep.equal({
			problem: 'taken',
			key: 'Jazz!FM',
			by: 'Jazz FM'
		});
		expect(findCollision(catalog, 'g1-smooth', names('Smooth', 'smoothie'))).to.equal(null);
	});

	it('GIVEN an alias that is not allowed WHEN parsed THEN the refusal quotes it as typed, not lower-cased', () => {
		expect(parseNames('Good FM', 'ok, Bad<Alias>')).to.deep.equal({ problem: 'alias-invalid', alias: 'Bad<Alias>' });
	});

	it('GIVEN a long name WHEN given an id THEN it is g<guildId>-<slug> and fits a 100-character button id', () => {
		expect(customStationId('123', 'Rock & Roll FM')).to.equal('g123-rock-and-roll-fm');
		const id = customStationId('12345678901234567890', 'Word '.repeat(10).trim());
		expect(`radio-play:${id}`.length).to.be.at.most(100);
		expect(id).to.not.match(/-$/);
	});
});
