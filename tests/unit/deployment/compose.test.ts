import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { parse } from 'yaml';
import { readEnvironment } from '#lib/env';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

interface Service {
	build?: string;
	image?: string;
	restart?: string;
	env_file?: string;
	volumes?: string[];
	mem_limit?: string;
	cpus?: number;
	profiles?: string[];
	depends_on?: Record<string, { condition?: string; required?: boolean }>;
}

describe('docker-compose.yml', () => {
	const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
	const bot = compose.services.alastor!;
	const dockerfile = read('Dockerfile');

	it('GIVEN the bot service THEN it builds the Dockerfile here, restarts unless stopped, and reads .env', () => {
		expect(bot.build).to.equal('.');
		expect(bot.restart).to.equal('unless-stopped');
		expect(bot.env_file).to.equal('.env');
		expect(bot.profiles, 'the bot runs without naming a profile').to.equal(undefined);
	});

	it('GIVEN the bot service THEN it gets 512 MB and 1 CPU, and the V8 heap the image allows stays below that memory', () => {
		expect(bot.mem_limit).to.equal('512m');
		expect(bot.cpus).to.equal(1);
		const heapMb = Number(/--max-old-space-size=(\d+)/.exec(dockerfile)?.[1]);
		expect(heapMb).to.be.greaterThan(0).and.below(512);
	});

	it("GIVEN the bot service THEN a named volume holds the image's settings VOLUME, and config.yaml is mounted read-only", () => {
		const volume = JSON.parse(/^VOLUME\s+(\[.*\])$/m.exec(dockerfile)![1]!) as string[];
		const named = bot.volumes!.map((mount) => mount.split(':')).find(([source]) => compose.volumes && source! in compose.volumes);
		expect(named?.[1]).to.equal(volume[0]);
		expect(bot.volumes).to.include('./config.yaml:/app/config.yaml:ro');
	});

	it('GIVEN the redis service THEN it runs only with the redis profile, persists its data, and the bot waits for it only when it runs', () => {
		const redis = compose.services.redis!;
		expect(redis.profiles).to.deep.equal(['redis']);
		expect(redis.volumes?.some((mount) => mount.endsWith(':/data'))).to.equal(true);
		expect(bot.depends_on?.redis).to.deep.equal({ condition: 'service_healthy', required: false });
	});
});

describe('.env.example', () => {
	const example = read('.env.example');
	const names = [...example.matchAll(/^#?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]!);

	it('GIVEN its variables THEN DISCORD_TOKEN is the one left to fill in, and each is documented in the README', () => {
		expect(example).to.match(/^DISCORD_TOKEN=$/m);
		expect(names).to.include.members(['DISCORD_TOKEN', 'LOG_LEVEL', 'HEALTH_PORT', 'REDIS_URL']);
		for (const name of names) expect(read('README.md'), name).to.include(`\`${name}\``);
	});

	it('GIVEN it copied to .env unchanged THEN the bot sees no token (npm start: the demo; the image: exit 78)', () => {
		// Node's own .env parser, the one process.loadEnvFile uses.
		const parsed = parseEnv(example);
		expect(Object.keys(parsed)).to.deep.equal(['DISCORD_TOKEN']);
		expect(readEnvironment(parsed).discordToken).to.equal(null);
	});
});
