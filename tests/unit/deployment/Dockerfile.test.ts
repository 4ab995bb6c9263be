import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

interface Instruction {
	keyword: string;
	args: string;
}

/** Dockerfile instructions with line continuations joined, comments dropped, split into stages. */
function stages(dockerfile: string): Instruction[][] {
	const lines = dockerfile
		.replace(/\\\n/g, ' ')
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line && !line.startsWith('#'));
	const result: Instruction[][] = [];
	for (const line of lines) {
		const [keyword, ...rest] = line.split(/\s+/);
		const instruction = { keyword: keyword!.toUpperCase(), args: rest.join(' ') };
		if (instruction.keyword === 'FROM') result.push([]);
		result.at(-1)?.push(instruction);
	}
	return result;
}

describe('Dockerfile (read against the repository; tests/e2e/container.test.ts runs the built image)', () => {
	const all = stages(read('Dockerfile'));
	const final = all.at(-1)!;
	const find = (stage: Instruction[], keyword: string) => stage.filter((instruction) => instruction.keyword === keyword);
	const runs = (stage: Instruction[]) =>
		find(stage, 'RUN')
			.map((instruction) => instruction.args)
			.join(' ');
	const stageNamed = (name: string) => all.find((stage) => new RegExp(`\\sAS\\s+${name}$`, 'i').test(stage[0]!.args));

	it('GIVEN the first line THEN it is no BuildKit syntax directive (which pulls a frontend image from a registry)', () => {
		expect(read('Dockerfile')).to.not.match(/^#\s*syntax\s*=/im);
	});

	it('GIVEN every COPY --from THEN it names an earlier stage', () => {
		const names: string[] = [];
		for (const stage of all) {
			for (const { args } of find(stage, 'COPY')) {
				const from = /--from=(\S+)/.exec(args)?.[1];
				if (from) expect(names, args).to.include(from);
			}
			names.push(/\sAS\s+(\S+)$/i.exec(stage[0]!.args)?.[1] ?? '');
		}
	});

	it('GIVEN the final stage THEN it installs no compiler or build tool', () => {
		expect(runs(final)).to.not.match(/\b(g\+\+|gcc|make|python3|build-essential)\b/);
	});

	it('GIVEN the stages that install dependencies without optional ones THEN the final stage gets @snazzah/davey (whose native binary is an optional package) from a stage that keeps them', () => {
		const withoutOptional = all.filter((stage) => /npm (ci|install|prune)[^&]*--omit=optional/.test(runs(stage)));
		expect(withoutOptional, 'a stage installing without optional dependencies').to.not.be.empty;
		const davey = find(final, 'COPY').find(({ args }) => /--from=\S+ \S*node_modules\/@snazzah\/? /.test(args));
		expect(davey, 'COPY --from=… node_modules/@snazzah').to.not.equal(undefined);
		const source = stageNamed(/--from=(\S+)/.exec(davey!.args)![1]!)!;
		expect(runs(source))
			.to.match(/npm ci/)
			.and.not.match(/--omit=optional/);
	});

	it('GIVEN the final stage WHEN it runs THEN it runs as a non-root user', () => {
		const users = find(final, 'USER').map((instruction) => instruction.args);
		expect(users.at(-1))
			.to.be.a('string')
			.and.not.match(/^(root|0)(:|$)/);
	});

	it('GIVEN the final stage THEN it has a HEALTHCHECK probing the /healthz endpoint the bot serves', () => {
		const [healthcheck] = find(final, 'HEALTHCHECK');
		expect(healthcheck?.args).to.include('/healthz');
		expect(read('src/lib/health/HealthServer.ts')).to.include("'/healthz'");
	});

	it('GIVEN every stage WHEN built THEN it starts from a Node image that satisfies package.json engines', () => {
		const engines = JSON.parse(read('package.json')).engines.node as string;
		const minimumMajor = Number(/(\d+)/.exec(engines)![1]);
		for (const stage of all) expect(Number(/node:(\d+)/.exec(stage[0]!.args)?.[1])).to.be.at.least(minimumMajor);
	});

	it('GIVEN the COPY instructions from the build context THEN every source exists in the repository and is not dockerignored', () => {
		const ignored = read('.dockerignore').split('\n').filter(Boolean);
		const sources = all.flatMap((stage) => find(stage, 'COPY').filter((instruction) => !instruction.args.includes('--from')));
		expect(sources).to.not.be.empty;
		for (const { args } of sources) {
			for (const source of args.split(/\s+/).slice(0, -1)) {
				expect(existsSync(`${root}${source}`), source).to.equal(true);
				expect(ignored, source).to.not.include(source);
			}
		}
	});

	it('GIVEN the final stage THEN the settings file lies in a declared VOLUME that the bot user owns, created before VOLUME', () => {
		const settingsPath = /SETTINGS_PATH=(\S+)/.exec(
			find(final, 'ENV')
				.map((instruction) => instruction.args)
				.join(' ')
		)?.[1];
		expect(settingsPath, 'ENV SETTINGS_PATH').to.be.a('string');
		const volumeIndex = final.findIndex((instruction) => instruction.keyword === 'VOLUME');
		const volumes = (JSON.parse(final[volumeIndex]?.args ?? '[]') as string[]).map((volume) => volume.replace(/\/$/, ''));
		const dataDirectory = volumes.find((volume) => settingsPath!.startsWith(`${volume}/`));
		expect(dataDirectory, `a VOLUME holding ${settingsPath}`).to.be.a('string');
		const user = find(final, 'USER').at(-1)!.args;
		// Build steps after VOLUME that touch it are discarded, so ownership must be set before.
		const ownership = final
			.slice(0, volumeIndex)
			.filter((instruction) => instruction.keyword === 'RUN')
			.map((instruction) => instruction.args)
			.join(' ');
		expect(ownership).to.include(`mkdir -p ${dataDirectory}`).and.include(`chown ${user}:${user} ${dataDirectory}`);
	});

	it('GIVEN local settings databases under data/ and the token in .env THEN neither the build context nor git picks them up', () => {
		expect(read('.dockerignore').split('\n')).to.include.members(['data', '.env']);
		expect(read('.gitignore').split('\n')).to.include.members(['data/', '.env']);
	});

	it('GIVEN src/ THEN nothing imports @discordjs/opus, and package.json keeps it out of the runtime dependencies the image installs', () => {
		const sources = readdirSync(`${root}src`, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.ts'));
		expect(sources).to.not.be.empty;
		for (const path of sources) expect(read(`src/${path}`), path).to.not.include('@discordjs/opus');
		const manifest = JSON.parse(read('package.json')) as Record<string, Record<string, string> | undefined>;
		expect(manifest.dependencies).to.not.have.property('@discordjs/opus');
		expect(manifest.devDependencies).to.have.property('@discordjs/opus');
	});

	it('GIVEN the final stage THEN it installs ffmpeg and runs package.json main under an init that forwards SIGTERM', () => {
		expect(
			find(final, 'RUN')
				.map((instruction) => instruction.args)
				.join(' ')
		).to.match(/apt-get install[^&]*\bffmpeg\b/);
		const main = JSON.parse(read('package.json')).main as string;
		expect(find(final, 'CMD')[0]?.args).to.include(main);
		expect(find(final, 'ENTRYPOINT')[0]?.args).to.include('tini');
	});
});

describe('README', () => {
	it('GIVEN the invite instructions THEN the permission integer is View Channel + Connect + Speak + Send Messages + Embed Links', async () => {
		const { PermissionFlagsBits: flags } = await import('discord.js');
		const expected = flags.ViewChannel | flags.Connect | flags.Speak | flags.SendMessages | flags.EmbedLinks;
		expect(read('README.md')).to.include(`permissions=${expected}`);
	});

	it('GIVEN the first lines THEN they hold the test command that .ci/run runs', () => {
		const testCommand = read('.ci/run').trim().split('\n').at(-1)!;
		const firstBlock = read('README.md').split('```')[1]!;
		expect(firstBlock).to.include(testCommand);
	});
});
