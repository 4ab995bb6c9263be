import { expect } from 'chai';
import { mock } from 'node:test';
import type { Station } from '#lib/config/types';
import { ChannelStatus } from '#lib/playback/ChannelStatus';
import type { GuildSession } from '#lib/voice/VoiceService';

const station = { id: 'flood-fm', name: 'Flood FM' } as Station;
const sessionIn = (channelId: string): GuildSession => ({
	guildId: `guild-of-${channelId}`,
	channelId,
	station,
	volume: 100,
	textChannelId: null,
	since: new Date(0)
});

describe('ChannelStatus', () => {
	let puts: [channelId: string, status: string][];
	let status: ChannelStatus;

	beforeEach(() => {
		mock.timers.enable({ apis: ['setTimeout'] });
		puts = [];
		status = new ChannelStatus({
			intervalMs: 15_000,
			put: (session, text) => {
				puts.push([session.channelId, text]);
				return Promise.resolve();
			}
		});
	});
	afterEach(() => {
		status.dispose();
		mock.timers.reset();
	});

	it('GIVEN a station changing its title ten times a second for 30 s WHEN shown THEN the channel status is set at most three times, the latest title last', () => {
		const session = sessionIn('lounge');
		for (let index = 1; index <= 300; index++) {
			status.show(session, `Song ${index}`);
			mock.timers.tick(100);
		}
		mock.timers.tick(15_000);
		expect(puts.length).to.be.within(2, 3);
		expect(puts.at(-1)).to.deep.equal(['lounge', '📻 Flood FM — Song 300']);
	});

	it('GIVEN the same title again WHEN shown THEN no request is sent for it', () => {
		const session = sessionIn('lounge');
		status.show(session, 'Same');
		mock.timers.tick(20_000);
		status.show(session, 'Same');
		mock.timers.tick(20_000);
		expect(puts).to.deep.equal([['lounge', '📻 Flood FM — Same']]);
	});

	it('GIVEN a pending title WHEN the session ends THEN the status is cleared at once and the pending title never goes out', async () => {
		const session = sessionIn('lounge');
		status.show(session, 'First');
		status.show(session, 'Second');
		await status.clear(session);
		mock.timers.tick(30_000);
		expect(puts).to.deep.equal([
			['lounge', '📻 Flood FM — First'],
			['lounge', '']
		]);
		expect(status.size).to.equal(0);
	});

	it('GIVEN two channels WHEN both get titles THEN neither waits for the other', () => {
		status.show(sessionIn('a'), 'One');
		status.show(sessionIn('b'), 'Two');
		expect(puts.map(([channelId]) => channelId)).to.deep.equal(['a', 'b']);
	});

	it('GIVEN a title with markup, bidi overrides and 2,000 characters WHEN shown THEN the status is plain and within Discord’s 500', () => {
		status.show(sessionIn('a'), `**\u202Ebold\u202C** ${'x'.repeat(2_000)}`);
		const [, text] = puts[0]!;
		expect(text.length).to.be.at.most(500);
		expect(text).not.to.match(/[\u202A-\u202E]/);
		expect(text.startsWith('📻 Flood FM — **bold** x')).to.equal(true);
	});
});
