import { expect } from 'chai';
import { Permission, renderMessage } from '#emulator/index';
import { RadioWorld } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';

/** Discord hides a backslash before punctuation: what a reader sees of escaped text. */
const asDisplayed = (text: string) => text.replace(/\\([^\p{L}\p{N}\s])/gu, '$1');

/** Option values built to make i18next nest keys and interpolate again (each fits the options' length limits). */
const payloads = [
	'$t(commands/radio:listTitleSearch)$t(commands/radio:listTitleSearch)',
	'$t(commands/radio:listTitleSearch, {"query": "{{query}}{{query}}"})',
	'{{query}}{{query}}{{query}}{{query}}',
	'{{- query}} $t(commands/radio:playUnknownStation, {"lng": "de"})',
	'[free nitro](https://evil.example) **bold** @everyone'
];

/** Discord fails an interaction that gets no first answer within 3 s: a correctness bound, not a benchmark. */
const InteractionWindowMs = 3_000;
const PacketsPerSecond = 50;

describe('GIVEN one server listening while a member of another sends option values built to exploit i18next', () => {
	let world: RadioWorld;

	before(async () => {
		world = await RadioWorld.start({
			stations: [{ name: 'Test Tone', alias: 'sine', path: '/sine.mp3', frequency: 440 }],
			guilds: 2
		});
		await world.play(world.guilds[0]!, 'sine');
		await world.emu.voice(world.guilds[0]!.guild)!.waitForAudio(10_000);
	});

	after(() => world?.stop());

	it('WHEN /radio list, /radio play and /station add receive them THEN every reply comes in time and shows the text literally, and the listening server hears no break', async () => {
		const { guild, lounge, member } = world.guilds[1]!;
		const admin = guild.addMember({
			username: 'mallory',
			permissions: Permission.ManageGuild | Permission.ViewChannel | Permission.SendMessages | Permission.UseApplicationCommands
		});
		await member.joinVoice(lounge);
		const listening = world.emu.voice(world.guilds[0]!.guild)!;
		const packetsBefore = listening.stats.packets;
		const started = Date.now();
		const latencies: number[] = [];

		for (const payload of payloads) {
			const attacks = [
				{ run: () => member.run('radio list', { search: payload.slice(0, 80) }), shows: payload.slice(0, 80) },
				{ run: () => member.run('radio play', { station: payload }), shows: payload },
				{
					run: () =>
						admin.run('station add', { name: 'Hostile FM', url: 'http://radio.invalid/stream', aliases: payload.replaceAll(',', '') }),
					shows: payload.replaceAll(',', '')
				}
			];
			for (const attack of attacks) {
				const sent = Date.now();
				const reply = await attack.run();
				const message = await reply.message(InteractionWindowMs * 5);
				latencies.push(Date.now() - sent);
				expect(asDisplayed(renderMessage(message)), `the reply to ${JSON.stringify(payload)}`).to.include(attack.shows.trim());
				expect(reply.callback, 'a first answer was given').not.to.equal(undefined);
			}
		}

		// Keep it up for ten seconds with the unlimited command, while the other server listens.
		for (let round = 0; Date.now() - started < 10_000; round++) {
			const payload = payloads[round % payloads.length]!.slice(0, 80);
			const sent = Date.now();
			const message = await (await member.run('radio list', { search: payload })).message(InteractionWindowMs * 5);
			latencies.push(Date.now() - sent);
			expect(asDisplayed(renderMessage(message))).to.include(payload.trim());
			// About 50 commands a second: far more than Discord lets one member send.
			await new Promise((resolve) => setTimeout(resolve, 20));
		}

		const elapsedSeconds = (Date.now() - started) / 1_000;
		const packets = listening.stats.packets - packetsBefore;
		const sorted = [...latencies].sort((a, b) => a - b);
		console.log(
			`      ${latencies.length} replies: median ${sorted[sorted.length >> 1]} ms, max ${sorted.at(-1)} ms; the listener got ${packets} packets in ${elapsedSeconds.toFixed(1)} s`
		);
		expect(sorted.at(-1), 'every reply within Discord’s interaction window').to.be.below(InteractionWindowMs);
		expect(packets, 'audio kept flowing to the listening server').to.be.at.least(Math.floor(elapsedSeconds * PacketsPerSecond * 0.9));
	});
});

describe('GIVEN a station that changes its song title in every ICY metadata block (16 a second)', () => {
	let world: RadioWorld;
	let block = 0;

	before(async () => {
		world = await RadioWorld.start({
			stations: [
				{ name: 'Flood FM', alias: 'flood', path: '/flood.mp3', frequency: 440, metaint: 1_000, titleOfBlock: () => `Song number ${++block}` }
			]
		});
	});

	after(() => world?.stop());

	it('WHEN a server listens for 30 s THEN the voice channel status and the now-playing card change only a few times, the log stays quiet and /radio history answers', async () => {
		const { guild, lounge, member } = world.guilds[0]!;
		await world.play(world.guilds[0]!, 'flood');
		await waitFor(() => guild.voiceChannelStatus(lounge.id)?.includes('Song number'), 'a first title in the voice channel status', 10_000);
		const statusPath = `/channels/${lounge.id}/voice-status`;
		const statusUpdates = () => world.emu.requests.filter((request) => request.method === 'PUT' && request.path.endsWith(statusPath));
		const cardPath = `/channels/${guild.defaultTextChannel.id}/messages/`;
		const cardEdits = () => world.emu.requests.filter((request) => request.method === 'PATCH' && request.path.startsWith(cardPath)).length;
		const logsBefore = world.bot.logs.length;
		const blocksBefore = block;
		const cardEditsBefore = cardEdits();

		await new Promise((resolve) => setTimeout(resolve, 30_000));

		const titlesSent = block - blocksBefore;
		const updates = statusUpdates().length;
		const edits = cardEdits() - cardEditsBefore;
		// The tests run the bot at debug level; info and above is what an operator's log holds.
		const logLines = world.bot.logs.slice(logsBefore).filter((line) => line.level >= 30);
		console.log(
			`      ${titlesSent} titles sent in 30 s; ${updates} voice status updates in all; ${edits} card edits; ${logLines.length} info+ log lines in the window`
		);
		expect(titlesSent, 'the station really flooded').to.be.at.least(300);
		expect(updates, 'voice status updates (the first included)').to.be.within(1, 4);
		// One edit per voice.card_interval_seconds (5 s) at most, the latest title winning.
		expect(edits, 'now-playing card edits in 30 s').to.be.within(1, 8);
		expect(
			logLines.filter((line) => line.msg === 'now playing'),
			'no info line per title'
		).to.deep.equal([]);
		expect(logLines.length, 'log lines in 30 s').to.be.below(20);

		const history = await member.run('radio history', {});
		const text = renderMessage(await history.message());
		expect(text).to.include('Song number');
		expect(guild.voiceChannelStatus(lounge.id)).to.match(/^📻 Flood FM — Song number \d+$/);
	});
});
