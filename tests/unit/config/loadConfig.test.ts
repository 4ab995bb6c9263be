import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '#lib/config/loadConfig';
import { stationFormats } from '#lib/config/schema';
import { type Config } from '#lib/config/types';
import { ConfigFiles, shippedConfigPath, validLines } from './configFiles.js';

describe('loadConfig', () => {
	const files = new ConfigFiles();
	after(() => files.cleanup());

	describe('the shipped config.yaml', () => {
		let config: Config;
		before(() => {
			config = loadConfig(shippedConfigPath);
		});

		it('GIVEN the shipped file WHEN loaded THEN it has at least 12 stations with unique ids', () => {
			expect(config.radios.length).to.be.at.least(12);
			expect(new Set(config.radios.map((station) => station.id)).size).to.equal(config.radios.length);
		});

		it('GIVEN the shipped file WHEN loaded THEN every format appears', () => {
			expect(new Set(config.radios.map((station) => station.format))).to.have.all.keys(...stationFormats);
		});

		it('GIVEN the shipped file WHEN loaded THEN it has direct streams, .pls, .m3u and HLS .m3u8 playlists', () => {
			const paths = config.radios.map((station) => new URL(station.url).pathname.toLowerCase());
			expect(paths.some((path) => path.endsWith('.pls'))).to.equal(true);
			expect(paths.some((path) => path.endsWith('.m3u'))).to.equal(true);
			expect(paths.some((path) => path.endsWith('.m3u8'))).to.equal(true);
			expect(paths.some((path) => !/\.(pls|m3u8?)$/.test(path))).to.equal(true);
		});

		it('GIVEN the shipped file WHEN loaded THEN BBC Radio 1 (HLS) and Absolut Relax use the required URLs', () => {
			const byName = new Map(config.radios.map((station) => [station.name, station]));
			expect(byName.get('BBC Radio 1')).to.include({
				id: 'bbc-radio-1',
				format: 'HLS',
				url: 'http://as-hls-ww-live.akamaized.net/pool_904/live/ww/bbc_radio_one/bbc_radio_one.isml/bbc_radio_one-audio%3d96000.norewind.m3u8'
			});
			expect(byName.get('Absolut Relax')?.url).to.equal('https://absolut-relax.live-sm.absolutradio.de/absolut-relax/stream/mp3');
		});
	});

	it('GIVEN a minimal valid file WHEN loaded THEN stations come back camelCased, normalized, in file order, with defaults', () => {
		const config = loadConfig(files.write(validLines));
		expect(config.radios.map((station) => station.id)).to.deep.equal(['bbc-radio-1', 'absolut-relax']);
		expect(config.radios[0]).to.deep.equal({
			id: 'bbc-radio-1',
			name: 'BBC Radio 1',
			url: 'http://example.com/bbc1.m3u8',
			aliases: ['bbc1', 'radio1'],
			bitrate: 96,
			format: 'HLS',
			description: 'Hits.'
		});
		expect(config.radios[1].description).to.equal('');
		expect(config.bot).to.deep.equal({
			prefix: '!',
			description: 'Internet radio in your voice channel.',
			version: '1.0.0',
			githubUrl: 'https://github.com/alastor-radio/alastor'
		});
		expect(config.donations).to.deep.equal([]);
		expect(config.voice).to.deep.equal({
			idleTimeoutSeconds: 30,
			pipelineGraceSeconds: 15,
			opusBitrateKbps: 128,
			restartAttempts: 6,
			restartMaxDelaySeconds: 30,
			statusIntervalSeconds: 15,
			maxCustomPipelines: 50,
			maxCustomPipelinesPerServer: 3,
			joinTimeoutSeconds: 15,
			stallTimeoutSeconds: 6,
			healthyAfterSeconds: 60,
			rejoinAttempts: 5,
			cardIntervalSeconds: 5,
			gatewayJoinsPerMinute: 100,
			joinQueueWaitSeconds: 90,
			sharePipelines: true
		});
		expect(config.stream).to.deep.equal({
			preflightTimeoutMs: 5000,
			userAgent: 'Alastor/1.0.0 (+https://github.com/alastor-radio/alastor)',
			allowPrivateAddresses: false
		});
		expect(config.resume).to.deep.equal({
			windowSeconds: 8,
			maxSpacingMs: 250,
			attempts: 6,
			retryDelaySeconds: 2,
			retryMaxDelaySeconds: 300,
			joinsPerShardMinute: 100
		});
		expect(config.limits).to.deep.equal({
			playbackChanges: 5,
			playbackWindowSeconds: 30,
			setupChanges: 10,
			setupWindowSeconds: 60,
			memberActions: 10,
			memberWindowSeconds: 60
		});
		expect(config.sharding).to.deep.equal({ maxShards: 64, statsIntervalSeconds: 15, statsTimeoutMs: 1500, respawnMaxDelaySeconds: 60 });
		expect(config.configReload).to.deep.equal({ watch: true, debounceMs: 500 });
		expect(config.health).to.deep.equal({ probeIntervalSeconds: 60, probeConcurrency: 2, probesPerRound: 10 });
	});

	it('GIVEN stations with a logo and fallbacks named by name, alias and id WHEN loaded THEN the logo is kept and fallbacks become ids, in order, without repeats', () => {
		const config = loadConfig(
			files.write([
				...validLines,
				"    logo: 'https://example.com/relax.png'",
				"    fallback: ['BBC Radio 1', 'Night Owl', bbc1]",
				"  'Night Owl':",
				"    url: 'https://example.com/owl.mp3'",
				'    bitrate: 64',
				'    format: MP3',
				'    fallback: [absolut-relax, RADIO1]'
			])
		);
		const [bbc, relax, owl] = config.radios;
		expect(relax).to.include({ logo: 'https://example.com/relax.png' });
		expect(relax!.fallback).to.deep.equal(['bbc-radio-1', 'night-owl']);
		expect(owl!.fallback).to.deep.equal(['absolut-relax', 'bbc-radio-1']);
		expect(bbc).to.not.have.property('logo');
		expect(bbc).to.not.have.property('fallback');
	});

	it('GIVEN settings in the file WHEN loaded THEN they override the defaults', () => {
		const config = loadConfig(
			files.write([
				'bot:',
				"  prefix: '?'",
				"  version: '2.1.0'",
				"  github_url: 'https://github.com/example/radio'",
				'voice: { idle_timeout_seconds: 5, pipeline_grace_seconds: 0, opus_bitrate_kbps: 96, restart_attempts: 2, restart_max_delay_seconds: 4,',
				'  max_custom_pipelines: 10, max_custom_pipelines_per_server: 2 }',
				'stream: { preflight_timeout_ms: 1500, allow_private_addresses: true }',
				'donations:',
				"  - { name: 'Ko-fi', url: 'https://ko-fi.com/example', emoji: '☕' }",
				...validLines
			])
		);
		expect(config.bot.prefix).to.equal('?');
		expect(config.voice).to.deep.equal({
			idleTimeoutSeconds: 5,
			pipelineGraceSeconds: 0,
			opusBitrateKbps: 96,
			restartAttempts: 2,
			restartMaxDelaySeconds: 4,
			statusIntervalSeconds: 15,
			maxCustomPipelines: 10,
			maxCustomPipelinesPerServer: 2,
			joinTimeoutSeconds: 15,
			stallTimeoutSeconds: 6,
			healthyAfterSeconds: 60,
			rejoinAttempts: 5,
			cardIntervalSeconds: 5,
			gatewayJoinsPerMinute: 100,
			joinQueueWaitSeconds: 90,
			sharePipelines: true
		});
		expect(config.stream).to.deep.equal({
			preflightTimeoutMs: 1500,
			userAgent: 'Alastor/2.1.0 (+https://github.com/example/radio)',
			allowPrivateAddresses: true
		});
		expect(config.donations).to.deep.equal([{ name: 'Ko-fi', url: 'https://ko-fi.com/example', emoji: '☕' }]);
	});

	it('GIVEN a loaded config WHEN code tries to change it THEN it cannot (deeply frozen)', () => {
		const config = loadConfig(files.write(validLines));
		expect(Object.isFrozen(config)).to.equal(true);
		expect(Object.isFrozen(config.radios)).to.equal(true);
		expect(Object.isFrozen(config.radios[0])).to.equal(true);
		expect(Object.isFrozen(config.radios[0].aliases)).to.equal(true);
		expect(Object.isFrozen(config.voice)).to.equal(true);
		expect(() => (config.radios as unknown as unknown[]).push({})).to.throw(TypeError);
	});

	it('GIVEN names with accents, symbols and digits-only WHEN loaded THEN ids are ASCII slugs and file order is kept', () => {
		const config = loadConfig(
			files.write([
				'radios:',
				"  'FIP Électro & Groove':",
				"    { url: 'http://example.com/a', bitrate: 1, format: aac }",
				"  '2':",
				"    { url: 'http://example.com/b', bitrate: 1, format: Ogg, aliases: ['  Two  Radio '] }",
				"  '1':",
				"    { url: 'http://example.com/c', bitrate: 1, format: opus }"
			])
		);
		expect(config.radios.map((station) => [station.id, station.format])).to.deep.equal([
			['fip-electro-and-groove', 'AAC'],
			['2', 'OGG'],
			['1', 'OPUS']
		]);
		expect(config.radios[1].aliases).to.deep.equal(['two radio']);
	});

	describe('which file it reads', () => {
		const saved = { CONFIG_PATH: process.env.CONFIG_PATH, ALASTOR_CONFIG_PATH: process.env.ALASTOR_CONFIG_PATH, cwd: process.cwd() };
		const fileWithStation = (name: string) =>
			files.write(['radios:', `  '${name}': { url: 'http://example.com/x', bitrate: 1, format: mp3 }`], `${name}.yaml`);
		const loadedName = (path?: string) => loadConfig(path).radios[0].name;

		afterEach(() => {
			for (const key of ['CONFIG_PATH', 'ALASTOR_CONFIG_PATH'] as const) {
				if (saved[key] === undefined) delete process.env[key];
				else process.env[key] = saved[key];
			}
			process.chdir(saved.cwd);
		});

		it('GIVEN an argument and both env vars WHEN loading THEN the argument wins', () => {
			process.env.CONFIG_PATH = fileWithStation('FromConfigPath');
			process.env.ALASTOR_CONFIG_PATH = fileWithStation('FromAlastorPath');
			expect(loadedName(fileWithStation('FromArgument'))).to.equal('FromArgument');
		});

		it('GIVEN CONFIG_PATH and ALASTOR_CONFIG_PATH WHEN loading without argument THEN CONFIG_PATH wins', () => {
			process.env.CONFIG_PATH = fileWithStation('FromConfigPath');
			process.env.ALASTOR_CONFIG_PATH = fileWithStation('FromAlastorPath');
			expect(loadedName()).to.equal('FromConfigPath');
		});

		it('GIVEN only ALASTOR_CONFIG_PATH WHEN loading without argument THEN it is used', () => {
			delete process.env.CONFIG_PATH;
			process.env.ALASTOR_CONFIG_PATH = fileWithStation('FromAlastorPath');
			expect(loadedName()).to.equal('FromAlastorPath');
		});

		it('GIVEN neither env var WHEN loading without argument THEN ./config.yaml is read and errors name it "config.yaml"', () => {
			delete process.env.CONFIG_PATH;
			delete process.env.ALASTOR_CONFIG_PATH;
			const directory = join(files.directory, 'cwd');
			mkdirSync(directory);
			process.chdir(directory);
			expect(() => loadConfig()).to.throw(/^config\.yaml: file not found/);
			files.write(['radios:', "  'Local': { url: 'http://example.com/x', bitrate: 1, format: mp3 }"], 'cwd/config.yaml');
			expect(loadedName()).to.equal('Local');
		});
	});
});
