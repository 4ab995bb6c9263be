import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { BotEntryPoint } from '#support/BotProcess';
import { en, enPattern } from '#support/en';
import { ownProcessesWithMarker } from '#support/ownProcesses';

describe('GIVEN no DISCORD_TOKEN', () => {
	it('WHEN the bot is started (npm start) THEN it prints the scripted demo session and the detected 440 Hz tone, and exits 0', async () => {
		const { DISCORD_TOKEN: _, ...env } = process.env;
		// Never a developer's .env, which could hold a token.
		const child = spawn(process.execPath, [BotEntryPoint], { env: { ...env, ENV_FILE: 'off' }, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
		const [code] = await once(child, 'exit');

		expect(code, output).to.equal(0);
		for (const step of [
			'demo-user › /help',
			'demo-user › /radio play station: sine',
			enPattern('commands/radio:playNowPlaying', { station: 'Test Tone', channel: /<#\d+>/ }),
			'demo-user › /radio stop',
			en('commands/radio:stopStopped', { station: 'Test Tone' })
		]) {
			if (step instanceof RegExp) expect(output).to.match(step);
			else expect(output).to.include(step);
		}
		const detected = /detected tone: ([\d.]+) Hz/.exec(output);
		expect(Number(detected?.[1])).to.be.closeTo(440, 440 * 0.02);
		expect(Number(/([\d.]+) s of Opus/.exec(output)?.[1])).to.be.at.least(4.5);
		expect(ownProcessesWithMarker('alastor-station=test-tone')).to.deep.equal([]);
	});
});
