import { expect } from 'chai';
import { StationStreams } from '#lib/stations/StationStreams';
import { StreamResolver } from '#lib/stations/resolve/StreamResolver';
import { directoryStation } from '#lib/stations/directory/directoryStation';
import { usableName } from '#lib/stations/custom/validateCustomStation';
import { admitPipeline } from '#lib/voice/PipelineBudget';
import { TestStation } from '#support/TestStation';

const uuid = '96062a7b-0601-11e8-ae97-52543be04c81';

describe('directory stations are user-provided, never trusted', () => {
	let station: TestStation;

	before(async () => {
		station = await TestStation.start();
	});
	after(() => station.stop());

	it('GIVEN a directory entry whose stream is on 127.0.0.1 WHEN preflighted THEN the URL safety checks refuse it, while the same URL as a config station plays', async () => {
		const streams = new StationStreams(new StreamResolver({ timeoutMs: 5_000 }), { timeoutMs: 5_000, userAgent: 'test' });
		const fromDirectory = directoryStation({ uuid, name: 'Sneaky FM', url: station.url(), codec: 'MP3', bitrate: 128, hls: false }, '1');
		const refused = await streams.preflight(fromDirectory);
		expect(refused).to.include({ ok: false, reason: 'unsafe-url' });
		expect(refused.ok ? null : refused.refusal).to.include({ code: 'blocked-address', range: 'loopback' });
		expect(station.requests('/sine.mp3'), 'nothing reached the station').to.have.lengthOf(0);
		const { guildId: _guildId, ...trusted } = fromDirectory;
		expect(await streams.preflight({ ...trusted, id: 'config-copy' })).to.include({ ok: true });
	});

	it('GIVEN a server at its cap of own streams WHEN a directory station would start THEN it is refused like the server’s own station; a config station is not', () => {
		const fromDirectory = directoryStation({ uuid, name: 'Jazz', url: 'https://jazz.example/a', codec: 'MP3', bitrate: 0, hls: false }, '1');
		const running = [{ key: 'g1-own@100', ownerGuildId: '1', idle: false }];
		expect(admitPipeline(fromDirectory, `${fromDirectory.id}@100`, running, { global: 10, perServer: 1 })).to.deep.equal({
			admitted: false,
			limit: 'server',
			max: 1
		});
		const { guildId: _guildId, ...config } = fromDirectory;
		expect(admitPipeline(config, 'config@100', running, { global: 10, perServer: 1 })).to.deep.include({ admitted: true });
	});

	it('GIVEN directory names with symbols, emoji or too many characters WHEN saved as a server station THEN the name follows /station add’s rules', () => {
		expect(usableName('★ Radio Paradise ✨ (Main Mix) #1')).to.equal('Radio Paradise (Main Mix) 1');
		expect(usableName('Das Ding – Live aus dem Südwesten mit der besten Musik für euch')).to.equal(
			'Das Ding Live aus dem Südwesten mit der besten'
		);
		expect(usableName('@@@')).to.equal('');
	});
});
