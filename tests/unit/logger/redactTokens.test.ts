import { expect } from 'chai';
import { DiscordAPIError } from 'discord.js';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { loggerOptions } from '#lib/logger/logger';
import { redactTokens } from '#lib/logger/redactTokens';

const token = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTp0b2tlbg';

describe('redactTokens', () => {
	it('GIVEN interaction callback and webhook URLs WHEN redacted THEN the token is gone, ids and the rest of the path stay', () => {
		expect(redactTokens(`http://x/api/v10/interactions/1579184388757913600/${token}/callback?with_response=false`)).to.equal(
			'http://x/api/v10/interactions/1579184388757913600/:token/callback?with_response=false'
		);
		expect(redactTokens(`/webhooks/1579183445446361088/${token}/messages/%40original`)).to.equal(
			'/webhooks/1579183445446361088/:token/messages/%40original'
		);
		expect(redactTokens('/channels/1579184359058047007/voice-status')).to.equal('/channels/1579184359058047007/voice-status');
	});

	it('GIVEN a discord.js REST error on an interaction route WHEN the bot’s logger writes it THEN no token reaches the log line', () => {
		const url = `http://127.0.0.1:1/api/v10/interactions/1579184388757913600/${token}/callback`;
		const error = new DiscordAPIError({ code: 10062, message: 'Unknown interaction' }, 10062, 404, 'POST', url, { body: {} });
		const lines: string[] = [];
		const log = pino(loggerOptions, new Writable({ write: (chunk: Buffer, _encoding, done) => done(void lines.push(chunk.toString())) }));
		log.warn({ err: error }, 'command failed');
		expect(lines.join('')).to.not.include(token);
		expect(lines.join('')).to.include('/interactions/1579184388757913600/:token/callback');
	});
});
