import { expect } from 'chai';
import pino from 'pino';
import type { Station } from '#lib/config/types';
import { admitPipeline, PipelineBudget, PipelineLimitError, type RunningPipeline } from '#lib/voice/PipelineBudget';

const limits = { global: 4, perServer: 2 };

function station(id: string, guildId?: string): Station {
	return {
		id,
		name: id,
		url: `https://streams.example/${id}`,
		aliases: [],
		bitrate: 128,
		format: 'MP3',
		description: '',
		...(guildId ? { guildId } : {})
	};
}
const busy = (key: string, ownerGuildId: string | null): RunningPipeline => ({ key, ownerGuildId, idle: false });
const idle = (key: string, ownerGuildId: string | null): RunningPipeline => ({ key, ownerGuildId, idle: true });

describe('admitPipeline (caps on streams of server-added stations)', () => {
	const mine = station('g1-mine', '1');

	it('GIVEN every cap reached WHEN a config station or an already running pipeline is asked for THEN both are admitted, nothing ended', () => {
		const full = [busy('g1-a@100', '1'), busy('g1-b@100', '1'), busy('g2-a@100', '2'), busy('g3-a@100', '3')];
		expect(admitPipeline(station('jazz-fm'), 'jazz-fm@100', full, limits)).to.deep.equal({ admitted: true, reclaim: [] });
		expect(admitPipeline(station('g1-a', '1'), 'g1-a@100', full, limits)).to.deep.equal({ admitted: true, reclaim: [] });
	});

	it('GIVEN config pipelines only WHEN a custom station starts THEN they do not count against its caps', () => {
		const configOnly = Array.from({ length: 10 }, (_, index) => busy(`config-${index}@100`, null));
		expect(admitPipeline(mine, 'g1-mine@100', configOnly, limits)).to.deep.equal({ admitted: true, reclaim: [] });
	});

	it('GIVEN a server with two busy streams of its own (one station at two volumes) WHEN a third starts THEN the server cap refuses it', () => {
		const running = [busy('g1-a@100', '1'), busy('g1-a@50', '1')];
		expect(admitPipeline(mine, 'g1-mine@100', running, limits)).to.deep.equal({ admitted: false, limit: 'server', max: 2 });
		expect(admitPipeline(station('g2-x', '2'), 'g2-x@100', running, limits), 'another server still has room').to.deep.include({ admitted: true });
	});

	it('GIVEN the server at its cap with an idle stream of its own WHEN another starts THEN the idle one makes room', () => {
		const running = [idle('g1-a@100', '1'), busy('g1-b@100', '1'), idle('g2-a@100', '2')];
		expect(admitPipeline(mine, 'g1-mine@100', running, limits)).to.deep.equal({ admitted: true, reclaim: ['g1-a@100'] });
	});

	it('GIVEN the bot-wide cap reached with busy streams WHEN a new server-added station starts THEN the global cap refuses it', () => {
		const running = [busy('g2-a@100', '2'), busy('g3-a@100', '3'), busy('g4-a@100', '4'), busy('g5-a@100', '5')];
		expect(admitPipeline(mine, 'g1-mine@100', running, limits)).to.deep.equal({ admitted: false, limit: 'global', max: 4 });
	});

	it('GIVEN the bot-wide cap reached with idle streams WHEN a new one starts THEN the server’s own idle stream goes first, then another’s', () => {
		const running = [idle('g2-a@100', '2'), busy('g3-a@100', '3'), busy('g4-a@100', '4'), idle('g1-a@100', '1')];
		expect(admitPipeline(mine, 'g1-mine@100', running, limits)).to.deep.equal({ admitted: true, reclaim: ['g1-a@100'] });
		const othersOnly = [idle('g2-a@100', '2'), busy('g3-a@100', '3'), busy('g4-a@100', '4'), busy('g5-a@100', '5')];
		expect(admitPipeline(mine, 'g1-mine@100', othersOnly, limits)).to.deep.equal({ admitted: true, reclaim: ['g2-a@100'] });
	});
});

describe('PipelineBudget (the admission VoiceService runs before it creates a pipeline)', () => {
	const log = pino({ level: 'silent' });
	const pipeline = (key: string, listeners: string[] = []) => ({ key, listeningGuilds: new Set(listeners) });

	it('GIVEN tracked pipelines WHEN admitting past a cap THEN idle ones are ended to make room, or PipelineLimitError is thrown and nothing ended', () => {
		const budget = new PipelineBudget({ global: 2, perServer: 2 }, log);
		const pipelines = new Map([
			['g1-a@100', pipeline('g1-a@100')],
			['g2-a@100', pipeline('g2-a@100', ['2'])],
			['jazz@100', pipeline('jazz@100', ['3'])]
		]);
		budget.track(pipelines.get('g1-a@100')!, station('g1-a', '1'));
		budget.track(pipelines.get('g2-a@100')!, station('g2-a', '2'));
		budget.track(pipelines.get('jazz@100')!, station('jazz'));
		const ended: string[] = [];

		budget.admit(station('g3-a', '3'), 'g3-a@100', pipelines, (stopped) => ended.push(stopped.key));
		expect(ended).to.deep.equal(['g1-a@100']);

		pipelines.delete('g1-a@100');
		pipelines.set('g3-a@100', pipeline('g3-a@100', ['3']));
		budget.track(pipelines.get('g3-a@100')!, station('g3-a', '3'));
		expect(() => budget.admit(station('g4-a', '4'), 'g4-a@100', pipelines, (stopped) => ended.push(stopped.key)))
			.to.throw(PipelineLimitError)
			.with.property('limit', 'global');
		expect(ended).to.deep.equal(['g1-a@100']);
	});
});
