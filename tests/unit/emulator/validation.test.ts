import { expect } from 'chai';
import { DiscordEmulator, type EmulatedGuild } from '#emulator/index';
import { validateInteractionCallback } from '#emulator/validation/bodies';

const option = (name: string, required = false) => ({ type: 3, name, description: `The ${name}`, required });

/** A valid chat input command, varied by each test. */
const validCommand = () => ({
	name: 'radio',
	description: 'Play internet radio',
	options: [option('station', true), option('volume')]
});

describe('Discord emulator request validation', () => {
	let emu: DiscordEmulator;
	let commandsUrl: string;

	before(async () => {
		emu = await DiscordEmulator.start();
		commandsUrl = `${emu.apiUrl}/v10/applications/${emu.applicationId}/commands`;
	});

	after(async () => {
		await emu?.stop();
	});

	const post = (body: unknown, token = emu.token) =>
		fetch(commandsUrl, {
			method: 'POST',
			headers: { authorization: `Bot ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});

	async function expectRejected(body: unknown, errorPath: string[]): Promise<void> {
		const before = emu.rejections.length;
		const response = await post(body);
		const payload = (await response.json()) as { code: number; message: string; errors: Record<string, any> };
		expect(response.status).to.equal(400);
		expect(payload.code).to.equal(50035);
		expect(payload.message).to.equal('Invalid Form Body');
		let node: any = payload.errors;
		for (const key of errorPath) node = node?.[key];
		expect(node?._errors, `errors at ${errorPath.join('.')} in ${JSON.stringify(payload.errors)}`).to.be.an('array').that.is.not.empty;
		expect(emu.rejections.length).to.equal(before + 1);
	}

	it('GIVEN a correct command WHEN posted THEN it is created (201) and listed', async () => {
		const response = await post(validCommand());
		expect(response.status).to.equal(201);
		const created = (await response.json()) as { id: string; name: string; application_id: string };
		expect(created.application_id).to.equal(emu.applicationId);
		expect(emu.registeredCommands().map((command) => command.id)).to.include(created.id);
	});

	it('GIVEN the same command name again WHEN posted THEN it overwrites the existing one (200, same id)', async () => {
		const first = emu.registeredCommands().find((command) => command.name === 'radio')!;
		const response = await post({ ...validCommand(), description: 'Updated' });
		expect(response.status).to.equal(200);
		expect(((await response.json()) as { id: string }).id).to.equal(first.id);
	});

	it('GIVEN a wrong bot token WHEN posting THEN 401', async () => {
		expect((await post(validCommand(), 'not-the-token')).status).to.equal(401);
	});

	it('GIVEN an uppercase command name WHEN posted THEN 400 at name', () => expectRejected({ ...validCommand(), name: 'Radio' }, ['name']));

	it('GIVEN a 33-character name WHEN posted THEN 400 at name', () => expectRejected({ ...validCommand(), name: 'a'.repeat(33) }, ['name']));

	it('GIVEN 26 options WHEN posted THEN 400 at options', () =>
		expectRejected({ ...validCommand(), options: Array.from({ length: 26 }, (_, index) => option(`option${index}`)) }, ['options']));

	it('GIVEN an optional option before a required one WHEN posted THEN 400 at that option', () =>
		expectRejected({ ...validCommand(), options: [option('volume'), option('station', true)] }, ['options', '1', 'required']));

	it('GIVEN a command over 8000 characters in one locale WHEN posted THEN 400', async () => {
		const choices = Array.from({ length: 25 }, (_, index) => ({
			name: `choice ${index}`,
			value: `v${index}`,
			name_localizations: { de: 'x'.repeat(100) }
		}));
		const options = Array.from({ length: 4 }, (_, index) => ({ ...option(`list${index}`), choices }));
		// 4 × 25 × 100 German choice names alone are 10,000 characters; the default locale stays well under 8,000.
		await expectRejected({ ...validCommand(), options }, []);
		expect(JSON.stringify(emu.rejections.at(-1)?.error)).to.include('APPLICATION_COMMAND_TOO_LARGE');
	});

	it('GIVEN an unknown locale key WHEN posted THEN 400 at that key', () =>
		expectRejected({ ...validCommand(), description_localizations: { 'de-DE': 'Internetradio' } }, ['description_localizations', 'de-DE']));

	it('GIVEN a description over 100 characters WHEN posted THEN 400 at description', () =>
		expectRejected({ ...validCommand(), description: 'd'.repeat(101) }, ['description']));

	it('GIVEN a bulk overwrite with valid commands WHEN put THEN 200 with ids kept for existing names', async () => {
		const existing = emu.registeredCommands().find((command) => command.name === 'radio')!;
		const response = await fetch(commandsUrl, {
			method: 'PUT',
			headers: { authorization: `Bot ${emu.token}`, 'content-type': 'application/json' },
			body: JSON.stringify([validCommand(), { name: 'help', description: 'Help', name_localizations: { de: 'hilfe' } }])
		});
		expect(response.status).to.equal(200);
		const stored = (await response.json()) as { id: string; name: string }[];
		expect(stored.map((command) => command.name)).to.deep.equal(['radio', 'help']);
		expect(stored[0]!.id).to.equal(existing.id);
	});

	describe('messages', () => {
		let guild: EmulatedGuild;
		before(() => {
			guild = emu.createGuild();
		});

		const send = (body: unknown) =>
			fetch(`${emu.apiUrl}/v10/channels/${guild.defaultTextChannel.id}/messages`, {
				method: 'POST',
				headers: { authorization: `Bot ${emu.token}`, 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
		const button = (index: number) => ({ type: 2, style: 1, custom_id: `b${index}`, label: `B${index}` });

		it('GIVEN a valid message WHEN posted THEN 200 and the guild records it', async () => {
			const response = await send({ content: 'hello', components: [{ type: 1, components: [button(1)] }] });
			expect(response.status).to.equal(200);
			expect(guild.channelMessages(guild.defaultTextChannel.id).map((message) => message.content)).to.deep.equal(['hello']);
		});

		it('GIVEN 2001 characters of content WHEN posted THEN 400 at content', async () => {
			const response = await send({ content: 'x'.repeat(2001) });
			expect(response.status).to.equal(400);
			expect(((await response.json()) as { errors: Record<string, unknown> }).errors).to.have.property('content');
		});

		it('GIVEN six action rows or six buttons in a row WHEN posted THEN 400 at components', async () => {
			const rows = Array.from({ length: 6 }, (_, index) => ({ type: 1, components: [button(index)] }));
			expect((await send({ content: 'rows', components: rows })).status).to.equal(400);
			const wide = [{ type: 1, components: Array.from({ length: 6 }, (_, index) => button(index)) }];
			expect((await send({ content: 'wide', components: wide })).status).to.equal(400);
		});

		it('GIVEN embeds totalling over 6000 characters WHEN posted THEN 400 at embeds', async () => {
			const embeds = Array.from({ length: 2 }, () => ({ description: 'd'.repeat(3500) }));
			const response = await send({ embeds });
			expect(response.status).to.equal(400);
			expect(JSON.stringify(await response.json())).to.include('MESSAGE_EMBEDS_TOO_LARGE');
		});

		it('GIVEN an empty message WHEN posted THEN 400', async () => {
			expect((await send({ content: '' })).status).to.equal(400);
		});
	});

	it('GIVEN an autocomplete result with 26 choices or a 101-character name THEN the callback is invalid', () => {
		const choices = Array.from({ length: 26 }, (_, index) => ({ name: `c${index}`, value: `c${index}` }));
		expect(validateInteractionCallback({ type: 8, data: { choices } })).to.not.be.empty;
		expect(validateInteractionCallback({ type: 8, data: { choices: [{ name: 'n'.repeat(101), value: 'v' }] } })).to.not.be.empty;
		expect(validateInteractionCallback({ type: 8, data: { choices: choices.slice(0, 25) } })).to.deep.equal([]);
	});

	it('GIVEN an unknown route WHEN called THEN 404 in Discord error shape, logged as unknown', async () => {
		const response = await fetch(`${emu.apiUrl}/v10/guilds/1/bans`, { headers: { authorization: `Bot ${emu.token}` } });
		expect(response.status).to.equal(404);
		expect(((await response.json()) as { message: string }).message).to.equal('404: Not Found');
		expect(emu.unknownRoutes.map((request) => request.path)).to.include('/guilds/1/bans');
	});
});
