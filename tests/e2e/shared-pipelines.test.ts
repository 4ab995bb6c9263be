import { expect } from 'chai';
import { descendantProcesses } from '#support/processes';
import { RadioWorld } from '#support/RadioWorld';

describe('GIVEN 20 servers and two stations (440 Hz and 660 Hz)', () => {
	let world: RadioWorld;

	before(async () => {
		world = await RadioWorld.start({
			stations: [
				{ name: 'Low Tone', alias: 'low', path: '/low.mp3', frequency: 440 },
				{ name: 'High Tone', alias: 'high', path: '/high.mp3', frequency: 660 }
			],
			guilds: 20
		});
	});

	after(() => world?.stop());

	it('WHEN every server plays one of them THEN exactly 2 ffmpeg processes serve all 20, and each server hears its own station', async () => {
		const sessions = [];
		for (const [index, guild] of world.guilds.entries()) sessions.push(await world.play(guild, index % 2 ? 'high' : 'low'));

		expect(descendantProcesses(world.bot.pid, 'ffmpeg')).to.have.lengthOf(2);
		// One connection per station to the radio's server, too, however many servers listen.
		expect(world.station.listeners('/low.mp3')).to.equal(1);
		expect(world.station.listeners('/high.mp3')).to.equal(1);

		const captures = await Promise.all(sessions.map((session) => session.capture(2_000)));
		captures.forEach((audio, index) => {
			const expected = index % 2 ? 660 : 440;
			expect(audio.seconds, `server ${index + 1}`).to.be.at.least(1.5);
			expect(audio.dominantFrequency(), `server ${index + 1}`).to.be.closeTo(expected, expected * 0.02);
		});
	});
});

describe('GIVEN the unshared design (voice.share_pipelines: false, for benchmarks) and three servers', () => {
	let world: RadioWorld;

	before(async () => {
		world = await RadioWorld.start({
			stations: [{ name: 'Low Tone', alias: 'low', path: '/low.mp3', frequency: 440 }],
			guilds: 3,
			config: { voice: { share_pipelines: false } }
		});
	});

	after(() => world?.stop());

	it('WHEN all three play the same station THEN each server gets its own ffmpeg and its own connection to the station', async () => {
		const sessions = [];
		for (const guild of world.guilds) sessions.push(await world.play(guild, 'low'));

		// Audio first: a pipeline's ffmpeg starts once its input is resolved, which may be just after the reply.
		const captures = await Promise.all(sessions.map((session) => session.capture(1_500)));
		for (const audio of captures) expect(audio.dominantFrequency()).to.be.closeTo(440, 440 * 0.02);
		expect(descendantProcesses(world.bot.pid, 'ffmpeg')).to.have.lengthOf(3);
		expect(world.station.listeners('/low.mp3')).to.equal(3);
	});
});
