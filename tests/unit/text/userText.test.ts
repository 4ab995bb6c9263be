import { expect } from 'chai';
import { escapeMarkdownText, joinWithin, labelText, markdownText, plainText } from '#lib/text/userText';

describe('userText: members’ and stations’ text shown as data', () => {
	describe('plainText', () => {
		it('GIVEN bidi overrides and isolates WHEN cleaned THEN they are gone and the characters keep their order', () => {
			expect(plainText('song\u202Egnp.exe\u202C and \u2067isolated\u2069')).to.equal('songgnp.exe and isolated');
		});

		it('GIVEN zero-width and filler characters WHEN cleaned THEN they are gone', () => {
			expect(plainText('a\u200Bb\u200Cc\u2060d\uFEFFe\u00ADf\u3164g')).to.equal('abcdefg');
		});

		it('GIVEN an emoji ZWJ sequence WHEN cleaned THEN its joiner stays, while a joiner between letters goes', () => {
			expect(plainText('👩\u200D💻 a\u200Db')).to.equal('👩\u200D💻 ab');
		});

		it('GIVEN line breaks, tabs and terminal escapes WHEN cleaned THEN one line with single spaces remains', () => {
			expect(plainText('  first\n\nsecond\t\u001B[31mred\u0085 ')).to.equal('first second [31mred');
		});

		it('GIVEN a character with dozens of combining marks WHEN cleaned THEN at most four stay on it', () => {
			expect(plainText(`Z${'\u0301'.repeat(40)}a`)).to.equal(`Z${'\u0301'.repeat(4)}a`);
		});
	});

	describe('escapeMarkdownText', () => {
		it('GIVEN a masked link WHEN escaped THEN no link markup is left', () => {
			const escaped = escapeMarkdownText('[free nitro](https://evil.example)');
			expect(escaped).to.equal('\\[free nitro\\]\\(https://evil.example\\)');
			expect(escaped).not.to.match(/(?<!\\)\[[^\]]*(?<!\\)\]\(/);
		});

		it('GIVEN emphasis, code, spoilers, mentions and timestamps WHEN escaped THEN every markup character is escaped', () => {
			expect(escapeMarkdownText('**b** _i_ ~~s~~ `c` ||x|| <@1> <t:0:R> a\\b')).to.equal(
				'\\*\\*b\\*\\* \\_i\\_ \\~\\~s\\~\\~ \\`c\\` \\|\\|x\\|\\| \\<@1\\> \\<t:0:R\\> a\\\\b'
			);
		});

		it('GIVEN a heading, subtext, list or quote at the start WHEN escaped THEN it is plain text', () => {
			expect(escapeMarkdownText('# Big')).to.equal('\\# Big');
			expect(escapeMarkdownText('-# small')).to.equal('\\-# small');
			expect(escapeMarkdownText('- item')).to.equal('\\- item');
			expect(escapeMarkdownText('1. first')).to.equal('1\\. first');
			expect(escapeMarkdownText('> quote')).to.equal('\\> quote');
		});

		it('GIVEN a number, a dash or a hash not followed by a space WHEN escaped THEN it is left alone (Discord renders it as is)', () => {
			expect(escapeMarkdownText('127.0.0.1:8000')).to.equal('127.0.0.1:8000');
			expect(escapeMarkdownText('-5 dB')).to.equal('-5 dB');
			expect(escapeMarkdownText('#1 Hits')).to.equal('#1 Hits');
		});
	});

	describe('markdownText and labelText', () => {
		it('GIVEN a 5,000-character title full of markup WHEN made fit for 1,024 THEN it is at most 1,024 long and ends with an ellipsis', () => {
			const text = markdownText('*_'.repeat(2_500), 1_024);
			expect(text.length).to.be.at.most(1_024);
			expect(text.endsWith('…')).to.equal(true);
		});

		it('GIVEN a label with markup WHEN made fit THEN it is plain (no backslashes), one line and cut', () => {
			expect(labelText('**Bold**\nRadio', 100)).to.equal('**Bold** Radio');
			expect(labelText('x'.repeat(150), 100)).to.have.length(100);
		});
	});

	describe('joinWithin', () => {
		it('GIVEN lines longer together than the limit WHEN joined THEN whole lines are kept while they fit', () => {
			expect(joinWithin(['aaaa', 'bbbb', 'cccc'], 10)).to.equal('aaaa\nbbbb');
			expect(joinWithin(['aaaa', 'bbbb', 'cccc'], 3)).to.equal('');
		});
	});
});
