import { expect } from 'chai';
import { parseListenerBenchOptions } from '../../bench/listeners/options.js';

describe('npm run bench -- listeners: options', () => {
	it('GIVEN no options WHEN parsed THEN N = 100 and 300 over 50 stations, 30 s window, both designs, one shard', () => {
		expect(parseListenerBenchOptions([])).to.include({
			stations: 50,
			windowSeconds: 30,
			warmupSeconds: 10,
			shards: 1,
			decryptOneIn: 50,
			dave: 'required',
			quick: false
		});
		expect(parseListenerBenchOptions([]).servers).to.deep.equal([100, 300]);
		expect(parseListenerBenchOptions([]).designs).to.deep.equal(['shared', 'naive']);
	});

	it('GIVEN --quick WHEN parsed THEN N = 50 over 10 stations for 15 s, and explicit values still win', () => {
		const quick = parseListenerBenchOptions(['--quick']);
		expect(quick).to.include({ stations: 10, windowSeconds: 15, warmupSeconds: 5, quick: true });
		expect(quick.servers).to.deep.equal([50]);
		expect(parseListenerBenchOptions(['--quick', '--stations', '25', '--seconds=20'])).to.include({ stations: 25, windowSeconds: 20 });
	});

	it('GIVEN a list, a design and profiling flags WHEN parsed THEN each is taken', () => {
		const options = parseListenerBenchOptions(['--n', '100,300,1000', '--design', 'naive', '--cpu-prof', '--shards', '2']);
		expect(options.servers).to.deep.equal([100, 300, 1000]);
		expect(options.designs).to.deep.equal(['naive']);
		expect(options).to.include({ cpuProfile: true, heapSnapshot: false, shards: 2 });
		expect(parseListenerBenchOptions(['--dave', 'off']).dave).to.equal('off');
	});

	it('GIVEN a typo, a bad number or a bad design WHEN parsed THEN it refuses with the usage', () => {
		expect(() => parseListenerBenchOptions(['--server', '100'])).to.throw(/unknown option --server/);
		expect(() => parseListenerBenchOptions(['--seconds', 'ten'])).to.throw(/--seconds needs a positive number/);
		expect(() => parseListenerBenchOptions(['--n', '100,abc'])).to.throw(/--n needs whole numbers/);
		expect(() => parseListenerBenchOptions(['--design', 'both-ish'])).to.throw(/--design is shared, naive or both/);
		expect(() => parseListenerBenchOptions(['--dave', 'offered'])).to.throw(/--dave is required or off/);
	});
});
