import { expect } from 'chai';
import { DefaultMemberPermissions, Permission, renderMessage } from '#emulator/index';
import { RadioWorld } from '#support/RadioWorld';
import { waitFor } from '#support/waitFor';

describe('GIVEN stations (440 Hz, 550 Hz) whose fallbacks are others (660 Hz, 770 Hz), with short retry and probe timings', () => {
	let world: RadioWorld;

	before(async () => {
		world = await RadioWorld.start({
			stations: [
				{ name: 'Main Tone', alias: 'main', path: '/main.mp3', frequency: 440, fallback: ['spare'] },
				{ name: 'Spare Tone', alias: 'spare', path: '/spare.mp3', frequency: 660 },
				{ name: 'Other Tone', alias: 'other', path: '/other.mp3', frequency: 550, fallback: ['Other Spare'] },
				{ name: 'Other Spare', alias: 'otherspare', path: '/otherspare.mp3', frequency: 770 }
			],
			guilds: 2,
			config: {
				voice: { restart_attempts: 2, restart_max_delay_seconds: 1, stall_timeout_seconds: 2 },
				stream: { preflight_timeout_ms: 1500 },
				health: { probe_interval_seconds: 2 }
			}
		});
	});

	after(() => world?.stop());

	/** Waits until a full second of `frequency` arrives in the server (within 2 %). */
	async function hears(frequency: number, timeoutMs: number, { guild } = world.guilds[0]!): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		let last = 'no capture';
		while (Date.now() < deadline) {
			const voice = await world.emu.waitForVoice(guild, Math.max(1, deadline - Date.now()));
			const audio = await voice.capture(1_000, { waitForAudioMs: Math.max(0, deadline - Date.now()) });
			if (audio.seconds >= 0.9 && Math.abs(audio.dominantFrequency() - frequency) <= frequency * 0.02) return;
			last = `${audio.seconds} s at ${audio.dominantFrequency()} Hz`;
		}
		expect.fail(`no second of ${frequency} Hz within ${timeoutMs} ms (last capture: ${last})`);
	}

	const cardText = () => {
		const { guild } = world.guilds[0]!;
		const card = guild
			.channelMessages(guild.defaultTextChannel.id)
			.find((message) => JSON.stringify(message.components ?? []).includes('radio-card'));
		return card ? renderMessage(card) : '';
	};

	it('WHEN the playing station stops serving THEN its listeners move to the fallback without leaving voice, with a notice on the card, and back once it recovers', async () => {
		const { guild, lounge } = world.guilds[0]!;
		await world.play(world.guilds[0]!, 'main');
		await hears(440, 15_000);
		const sessionBefore = world.emu.voice(guild);

		const stalledAt = Date.now();
		world.station.stall('/main.mp3', true);
		await hears(660, 45_000);
		const failedOverMs = Date.now() - stalledAt;
		expect(guild.voiceStates.get(world.emu.botUser.id)?.channelId, 'still in the channel').to.equal(lounge.id);
		expect(world.emu.voice(guild), 'the same voice session: no rejoin').to.equal(sessionBefore);
		await waitFor(
			() => cardText().includes('**Main Tone** stopped sending audio, so I switched to **Spare Tone**'),
			'the failover notice on the card',
			15_000,
			200
		);
		expect(cardText()).to.include('Now playing **Spare Tone**');

		const recoveredAt = Date.now();
		world.station.stall('/main.mp3', false);
		await hears(440, 30_000);
		// Retry budget here: 2 restarts, 2 s stall timeout, 1.5 s connect timeout; probes every 2 s.
		console.log(
			`      the fallback heard ${failedOverMs} ms after the station stalled; the original again ${Date.now() - recoveredAt} ms after it recovered`
		);
		expect(world.emu.voice(guild)).to.equal(sessionBefore);
		await waitFor(
			() => cardText().includes('**Main Tone** is on air again, so I switched back to it.'),
			'the switch-back notice on the card',
			15_000,
			200
		);
		expect(cardText()).to.include('Now playing **Main Tone**');
	});

	it('WHEN a server turned the card and switching back off (/setup playback) and its station stops serving THEN it moves to the fallback with a notice message, and stays there', async () => {
		const where = world.guilds[1]!;
		const { guild, member } = where;
		const admin = guild.addMember({ username: 'failoverAdmin', permissions: DefaultMemberPermissions | Permission.ManageGuild });
		const saved = await (await admin.run('setup playback', { card: false, 'switch-back': false })).message();
		expect(renderMessage(saved)).to.include('Now-playing card: **Off**').and.include('after a failover: **Off**');
		await world.play({ ...where, member }, 'other');
		await hears(550, 15_000, where);
		expect(guild.channelMessages(guild.defaultTextChannel.id).filter((message) => message.author?.id === world.emu.botUser.id)).to.deep.equal([]);

		world.station.stall('/other.mp3', true);
		await hears(770, 45_000, where);
		const notice = await waitFor(
			() =>
				guild
					.channelMessages(guild.defaultTextChannel.id)
					.find((message) => String(message.content).includes('so I switched to **Other Spare**')),
			'the failover notice',
			15_000,
			200
		);
		expect(notice.content).to.equal('⚠️ **Other Tone** stopped sending audio, so I switched to **Other Spare**.');

		const seen = world.bot.logs.length;
		world.station.stall('/other.mp3', false);
		// A probe (every 2 s) finds it on air again; switching back would follow at once, and this server does not want it.
		await waitFor(
			() => world.bot.logs.slice(seen).some((line) => line.msg === 'station on air' && line.station === 'other-tone'),
			'a probe to find it on air',
			20_000,
			200
		);
		await new Promise((resolve) => setTimeout(resolve, 3_000));
		await hears(770, 5_000, where);
		expect(world.bot.logs.slice(seen).some((line) => line.msg === 'station on air again: switched back')).to.equal(false);
	});
});
