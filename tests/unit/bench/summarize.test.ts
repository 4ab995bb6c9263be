import { expect } from 'chai';
import { fillResults, ResultsEnd, ResultsStart } from '../../bench/listeners/summarize.js';

describe('npm run bench -- listeners: summarize --write', () => {
	const page = `# Benchmarks\n\n### Results\n\n${ResultsStart}\nRESULTS_PLACEHOLDER\n${ResultsEnd}\n\n## After\n`;

	it('GIVEN a page with the results markers WHEN filled twice THEN the tables stand between them once, the rest of the page unchanged', () => {
		const once = fillResults(page, '| a |\n');
		const twice = fillResults(once, '| b |\n');
		expect(once).to.equal(`# Benchmarks\n\n### Results\n\n${ResultsStart}\n| a |\n${ResultsEnd}\n\n## After\n`);
		expect(twice).to.equal(once.replace('| a |', '| b |'));
	});

	it('GIVEN a page without the markers WHEN filled THEN it refuses instead of losing the tables', () => {
		expect(() => fillResults('# Benchmarks\nRESULTS_PLACEHOLDER\n', '| a |')).to.throw(/markers/);
	});
});
