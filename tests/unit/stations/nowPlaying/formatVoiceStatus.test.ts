import { expect } from 'chai';
import { formatVoiceStatus, maxVoiceStatusLength } from '#lib/stations/nowPlaying/formatVoiceStatus';
import { truncateText } from '#lib/text/truncateText';

describe('formatVoiceStatus', () => {
	it('GIVEN a station and a title WHEN formatted THEN it reads "📻 Station — Title"', () => {
		expect(formatVoiceStatus('BBC Radio 1', 'Artist - Song')).to.equal('📻 BBC Radio 1 — Artist - Song');
	});

	it('GIVEN no title (null or blank) WHEN formatted THEN only the station is shown', () => {
		expect(formatVoiceStatus('FIP', null)).to.equal('📻 FIP');
		expect(formatVoiceStatus('FIP', '  ')).to.equal('📻 FIP');
	});

	it('GIVEN a title that makes the status too long WHEN formatted THEN it is cut to 500 characters ending in an ellipsis', () => {
		const status = formatVoiceStatus('Station', 'a'.repeat(1000));
		expect(maxVoiceStatusLength).to.equal(500);
		expect(status).to.have.length(500);
		expect(status.startsWith('📻 Station — aaa')).to.equal(true);
		expect(status.endsWith('a…')).to.equal(true);
	});

	it('GIVEN a status exactly 500 characters long WHEN formatted THEN it is unchanged', () => {
		const title = 'b'.repeat(500 - '📻 S — '.length);
		expect(formatVoiceStatus('S', title)).to.equal(`📻 S — ${title}`);
	});

	for (const offset of [0, 1]) {
		it(`GIVEN emoji crossing the cut (offset ${offset}) WHEN formatted THEN no surrogate pair is split`, () => {
			const status = formatVoiceStatus('S', `${'c'.repeat(offset)}${'🎵'.repeat(400)}`);
			expect(status.length).to.be.at.most(500);
			expect(status.endsWith('…')).to.equal(true);
			// A lone surrogate would not survive a UTF-8 round trip.
			expect(Buffer.from(status, 'utf8').toString('utf8')).to.equal(status);
		});
	}

	it('GIVEN text shorter than the limit WHEN truncated THEN it is unchanged; a zero limit gives an empty string', () => {
		expect(truncateText('short', 10)).to.equal('short');
		expect(truncateText('short', 0)).to.equal('');
	});
});
