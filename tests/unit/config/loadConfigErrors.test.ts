import { expect } from 'chai';
import { basename } from 'node:path';
import { ConfigError } from '#lib/config/ConfigError';
import { formatConfigError } from '#lib/config/ConfigError';
import { loadConfig } from '#lib/config/loadConfig';
import { ConfigFiles, validLines } from './configFiles.js';

describe('loadConfig errors', () => {
	const files = new ConfigFiles();
	after(() => files.cleanup());

	/** Loads `lines` and returns the ConfigError it must throw. */
	function errorFor(lines: readonly string[]): ConfigError {
		const path = files.write(lines);
		try {
			loadConfig(path);
		} catch (error) {
			expect(error).to.be.instanceOf(ConfigError);
			const configError = error as ConfigError;
			expect(configError.name).to.equal('ConfigError');
			expect(configError.file).to.equal(path);
			for (const line of configError.message.split('\n')) expect(line.startsWith(`${path}:`), line).to.equal(true);
			return configError;
		}
		throw new Error(`expected ${basename(path)} to be rejected`);
	}

	const replaceLine = (lineNumber: number, text: string) => validLines.map((line, index) => (index === lineNumber - 1 ? text : line));

	it('GIVEN a missing file WHEN loading THEN ConfigError names the file and says it is missing', () => {
		const path = `${files.directory}/does-not-exist.yaml`;
		expect(() => loadConfig(path))
			.to.throw(ConfigError)
			.that.satisfies(
				(error: ConfigError) => error.file === path && error.line === undefined && error.message.startsWith(`${path}: file not found`)
			);
	});

	it('GIVEN a path that is a directory WHEN loading THEN ConfigError says it cannot be read as a file', () => {
		expect(() => loadConfig(files.directory)).to.throw(ConfigError, `${files.directory}: is a directory, not a file`);
	});

	it('GIVEN a YAML syntax error WHEN loading THEN the line and key come from the parser', () => {
		const error = errorFor(replaceLine(5, '    bitrate: [96'));
		expect(error.line).to.equal(5);
		expect(error.keyPath).to.equal('radios."BBC Radio 1".bitrate');
		expect(error.message).to.match(/:5: radios\."BBC Radio 1"\.bitrate: YAML syntax error: /);
	});

	it('GIVEN an unclosed quote WHEN loading THEN the error points at the line where it was opened', () => {
		const error = errorFor(replaceLine(9, '    url: "https://example.com/relax.mp3'));
		expect(error.line).to.equal(9);
		expect(error.keyPath).to.equal('radios."Absolut Relax".url');
		expect(error.message).to.include('Missing closing "quote');
	});

	it('GIVEN a key written twice WHEN loading THEN the duplicate line is named', () => {
		const error = errorFor([...validLines.slice(0, 5), '    bitrate: 128', ...validLines.slice(5)]);
		expect(error.line).to.equal(6);
		expect(error.message).to.include('Map keys must be unique');
	});

	it('GIVEN a station without url WHEN loading THEN the station line and its url key are named', () => {
		const error = errorFor(validLines.filter((_, index) => index !== 2));
		expect(error.line).to.equal(2);
		expect(error.keyPath).to.equal('radios."BBC Radio 1".url');
		expect(error.message).to.equal(`${error.file}:2: radios."BBC Radio 1".url: is required`);
	});

	it('GIVEN a non-http URL WHEN loading THEN the message matches the documented format', () => {
		const error = errorFor(replaceLine(3, '    url: ftp://x'));
		expect(error.message).to.equal(`${error.file}:3: radios."BBC Radio 1".url: must be an http:// or https:// URL (got "ftp://x")`);
		expect([error.line, error.keyPath]).to.deep.equal([3, 'radios."BBC Radio 1".url']);
	});

	for (const url of ['not a url', 'http://', 'file:///etc/passwd', '//example.com/x']) {
		it(`GIVEN the url ${JSON.stringify(url)} WHEN loading THEN it is rejected`, () => {
			expect(errorFor(replaceLine(9, `    url: '${url}'`)).message).to.include('must be an http:// or https:// URL');
		});
	}

	it('GIVEN an alias used by two stations WHEN loading THEN both stations and both lines are named', () => {
		const error = errorFor(replaceLine(10, '    aliases: [relax, RADIO1]'));
		expect(error.line).to.equal(10);
		expect(error.keyPath).to.equal('radios."Absolut Relax".aliases[1]');
		expect(error.message).to.equal(
			`${error.file}:10: radios."Absolut Relax".aliases[1]: alias "radio1" is also used by station "BBC Radio 1" (${error.file}:4)`
		);
	});

	it("GIVEN an alias equal to another station's id WHEN loading THEN it is rejected naming that station", () => {
		const error = errorFor(replaceLine(4, '    aliases: [bbc1, absolut-relax]'));
		expect(error.message).to.equal(
			`${error.file}:4: radios."BBC Radio 1".aliases[1]: alias "absolut-relax" is the id of station "Absolut Relax" (${error.file}:8)`
		);
	});

	it('GIVEN two names with the same id WHEN loading THEN the second is rejected naming the first', () => {
		const error = errorFor([...validLines, "  'bbc radio 1!': { url: 'http://example.com/x', bitrate: 1, format: mp3 }"]);
		expect(error.line).to.equal(13);
		expect(error.message).to.include('gets the id "bbc-radio-1", which station "BBC Radio 1"');
	});

	it('GIVEN an unknown top-level key close to a real one WHEN loading THEN it is named with a suggestion', () => {
		const error = errorFor(['radio:', '  x: 1', ...validLines]);
		expect(error.message).to.equal(`${error.file}:1: radio: unknown key (did you mean "radios"?)`);
	});

	it('GIVEN an unknown top-level key unlike any WHEN loading THEN the known keys are listed', () => {
		const error = errorFor([...validLines, 'colour: blue']);
		expect(error.message).to.equal(
			`${error.file}:13: colour: unknown key (known keys: bot, radios, donations, voice, stream, setup, resume, limits, sharding, config_reload, directory, favorites, sleep, stats, health)`
		);
	});

	it('GIVEN a misspelt station key WHEN loading THEN it is named with a suggestion', () => {
		const error = errorFor(replaceLine(4, '    alaises: [bbc1]'));
		expect(error.message).to.equal(`${error.file}:4: radios."BBC Radio 1".alaises: unknown key (did you mean "aliases"?)`);
	});

	it('GIVEN values of the wrong type WHEN loading THEN each is reported on its own line in file order', () => {
		const lines = replaceLine(5, "    bitrate: '96'").map((line, index) => (index === 9 ? '    aliases: relax' : line));
		const error = errorFor(lines);
		expect(error.message.split('\n')).to.deep.equal([
			`${error.file}:5: radios."BBC Radio 1".bitrate: must be a number (got text "96")`,
			`${error.file}:10: radios."Absolut Relax".aliases: must be a list (got text "relax")`
		]);
		expect(error.issues).to.have.length(2);
		expect([error.line, error.keyPath]).to.deep.equal([5, 'radios."BBC Radio 1".bitrate']);
	});

	it('GIVEN a bitrate that is not a positive whole number WHEN loading THEN it is rejected', () => {
		expect(errorFor(replaceLine(5, '    bitrate: 0')).message).to.include('bitrate: must be greater than 0 (got 0)');
		expect(errorFor(replaceLine(5, '    bitrate: 96.5')).message).to.include('bitrate: must be a whole number of kbps (got 96.5)');
	});

	it('GIVEN an unknown format WHEN loading THEN the allowed formats are listed', () => {
		expect(errorFor(replaceLine(6, '    format: wav')).message).to.include('format: must be one of MP3, AAC, OGG, OPUS, HLS (got "wav")');
	});

	it('GIVEN radios with no station WHEN loading THEN it says at least one is needed', () => {
		for (const lines of [['radios:'], ['radios: {}']]) {
			expect(errorFor(lines).message).to.match(/:1: radios: must list at least one station/);
		}
	});

	it('GIVEN no radios section WHEN loading THEN radios is required', () => {
		expect(errorFor(['bot:', "  prefix: '!'"]).message).to.match(/:1: radios: is required$/);
	});

	it('GIVEN an empty file or a list WHEN loading THEN the whole file is rejected', () => {
		expect(errorFor(['']).message).to.include('the file is empty');
		expect(errorFor(['- a']).message).to.include('must be a mapping of sections');
	});

	it('GIVEN bad settings WHEN loading THEN they are named too', () => {
		const error = errorFor([
			...validLines,
			'voice:',
			'  opus_bitrate_kbps: 900',
			'  idle_timeout: 3',
			'donations:',
			"  - { name: 'x', url: 'ko-fi' }"
		]);
		expect(error.message.split('\n')).to.deep.equal([
			`${error.file}:14: voice.opus_bitrate_kbps: must be at most 510 (got 900)`,
			`${error.file}:15: voice.idle_timeout: unknown key (did you mean "idle_timeout_seconds"?)`,
			`${error.file}:17: donations[0].url: must be an http:// or https:// URL (got "ko-fi")`
		]);
	});

	it('GIVEN bad sharding and reload settings WHEN loading THEN they are named, with what discord.js allows a shard', () => {
		const error = errorFor([
			...validLines,
			'resume:',
			'  joins_per_shard_minute: 120',
			'sharding:',
			'  max_shard: 8',
			'config_reload:',
			'  watch: sometimes'
		]);
		expect(error.message.split('\n')).to.deep.equal([
			`${error.file}:14: resume.joins_per_shard_minute: must be at most 114, what discord.js sends a minute per shard (got 120)`,
			`${error.file}:16: sharding.max_shard: unknown key (did you mean "max_shards"?)`,
			`${error.file}:18: config_reload.watch: must be true or false (got text "sometimes")`
		]);
	});

	it('GIVEN fallbacks naming no station, a near miss and the station itself, and a logo that is no http URL WHEN loading THEN each is named with its line', () => {
		const error = errorFor([
			...validLines,
			"    logo: 'javascript:alert(1)'",
			"    fallback: ['BBC Radio 11', nowhere, relax]",
			'health: { probe_interval: 5 }'
		]);
		expect(error.message.split('\n')).to.deep.equal([
			`${error.file}:13: radios."Absolut Relax".logo: must be an http:// or https:// URL (got "javascript:alert(1)")`,
			`${error.file}:14: radios."Absolut Relax".fallback[0]: "BBC Radio 11" is not a station in this file (did you mean "BBC Radio 1"?): use a station's name, alias or id`,
			`${error.file}:14: radios."Absolut Relax".fallback[1]: "nowhere" is not a station in this file: use a station's name, alias or id`,
			`${error.file}:14: radios."Absolut Relax".fallback[2]: "relax" is this station itself: name another station`,
			`${error.file}:15: health.probe_interval: unknown key (did you mean "probe_interval_seconds"?)`
		]);
	});

	it('GIVEN a ConfigError WHEN formatted THEN formatConfigError returns its message; other errors their message', () => {
		const error = errorFor(replaceLine(3, '    url: ftp://x'));
		expect(formatConfigError(error)).to.equal(error.message);
		expect(formatConfigError(new Error('boom'))).to.equal('boom');
	});
});
