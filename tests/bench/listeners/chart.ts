import { readFileSync, writeFileSync } from 'node:fs';
import type { ListenerBenchReport } from './report.js';
import type { ScenarioResult } from './scenario.js';
import { mergeReports } from './summarize.js';

// `node dist/tests/bench/listeners/chart.js bench-results/listeners-….json [more.json …] docs/benchmarks-listeners.svg`:
// CPU and memory of the bot and its ffmpeg against N, both designs, as an SVG (results of several runs are merged,
// the last run winning for a design and N).

interface Series {
	label: string;
	color: string;
	dashed: boolean;
	points: [number, number][];
}

interface Panel {
	title: string;
	unit: string;
	series: Series[];
}

const width = 900;
const height = 380;
const panelWidth = 400;
const margin = { top: 50, right: 20, bottom: 60, left: 60 };

function niceMax(value: number): number {
	const magnitude = 10 ** Math.floor(Math.log10(value || 1));
	for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
	return 10 * magnitude;
}

function escapeXml(text: string): string {
	return text.replace(/[<>&"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[char]!);
}

function drawPanel(panel: Panel, x0: number, servers: number[]): string {
	const plotWidth = panelWidth - margin.left - margin.right;
	const plotHeight = height - margin.top - margin.bottom;
	const maxX = Math.max(...servers);
	const maxY = niceMax(Math.max(...panel.series.flatMap((series) => series.points.map(([, y]) => y))));
	const px = (n: number) => x0 + margin.left + (n / maxX) * plotWidth;
	const py = (value: number) => margin.top + plotHeight - (value / maxY) * plotHeight;
	const parts = [`<text x="${x0 + panelWidth / 2}" y="30" text-anchor="middle" font-weight="bold">${escapeXml(panel.title)}</text>`];
	for (let tick = 0; tick <= 4; tick++) {
		const value = (maxY / 4) * tick;
		parts.push(
			`<line x1="${px(0)}" x2="${px(maxX)}" y1="${py(value)}" y2="${py(value)}" stroke="#ddd"/>`,
			`<text x="${px(0) - 6}" y="${py(value) + 4}" text-anchor="end">${Number(value.toFixed(2))}</text>`
		);
	}
	for (const n of servers) parts.push(`<text x="${px(n)}" y="${py(0) + 18}" text-anchor="middle">${n}</text>`);
	parts.push(
		`<line x1="${px(0)}" x2="${px(maxX)}" y1="${py(0)}" y2="${py(0)}" stroke="#333"/>`,
		`<line x1="${px(0)}" x2="${px(0)}" y1="${py(0)}" y2="${py(maxY)}" stroke="#333"/>`,
		`<text x="${x0 + margin.left + plotWidth / 2}" y="${height - 22}" text-anchor="middle">servers (N), one listener each</text>`,
		`<text transform="translate(${x0 + 16} ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escapeXml(panel.unit)}</text>`
	);
	for (const series of panel.series) {
		const path = series.points.map(([n, value], index) => `${index === 0 ? 'M' : 'L'}${px(n).toFixed(1)},${py(value).toFixed(1)}`).join(' ');
		const dash = series.dashed ? ' stroke-dasharray="6 4"' : '';
		parts.push(`<path d="${path}" fill="none" stroke="${series.color}" stroke-width="2.5"${dash}/>`);
		for (const [n, value] of series.points) parts.push(`<circle cx="${px(n)}" cy="${py(value)}" r="4" fill="${series.color}"/>`);
	}
	return parts.join('\n');
}

function seriesOf(results: ScenarioResult[], design: 'shared' | 'naive', pick: (result: ScenarioResult) => number): [number, number][] {
	return results
		.filter((result) => result.design === design)
		.sort((a, b) => a.servers - b.servers)
		.map((result) => [result.servers, pick(result)]);
}

export function renderChart(reports: ListenerBenchReport[]): string {
	const { results } = mergeReports(reports);
	const servers = [...new Set(results.map((result) => result.servers))].sort((a, b) => a - b);
	const colors = { shared: '#1f77b4', naive: '#d62728' } as const;
	// Per design: bot + ffmpeg (solid) and the bot alone (dashed).
	const fourSeries = (total: (r: ScenarioResult) => number, bot: (r: ScenarioResult) => number): Series[] =>
		(['shared', 'naive'] as const).flatMap((design) => [
			{ label: `${design}: bot + ffmpeg`, color: colors[design], dashed: false, points: seriesOf(results, design, total) },
			{ label: `${design}: bot alone`, color: colors[design], dashed: true, points: seriesOf(results, design, bot) }
		]);
	const panels: Panel[] = [
		{
			title: 'CPU: bot + its ffmpeg processes',
			unit: 'cores',
			series: fourSeries(
				(r) => r.window.cpu.bot + r.window.cpu.ffmpeg,
				(r) => r.window.cpu.bot
			)
		},
		{
			title: 'Memory (PSS): bot + its ffmpeg processes',
			unit: 'MiB',
			series: fourSeries(
				(r) => r.window.pssMiB.bot + r.window.pssMiB.ffmpeg,
				(r) => r.window.pssMiB.bot
			)
		}
	].map((panel) => ({ ...panel, series: panel.series.filter((series) => series.points.length > 0) }));
	const legend = panels[0]!.series.map(
		(series, index) =>
			`<g transform="translate(${60 + index * 200} ${height - 4})"><line x1="0" x2="24" y1="-4" y2="-4" stroke="${series.color}" stroke-width="2.5"${series.dashed ? ' stroke-dasharray="6 4"' : ''}/><text x="30" y="0">${escapeXml(series.label)}</text></g>`
	);
	const { machine } = reports.at(-1)!;
	const caption = `${machine.cores} × ${machine.cpuModel}, ${machine.memoryGiB} GiB; ${reports.at(-1)!.options.stations} stations; steady ${reports.at(-1)!.options.windowSeconds} s window`;
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + 20}" viewBox="0 0 ${width} ${height + 20}" font-family="sans-serif" font-size="12">`,
		`<rect width="100%" height="100%" fill="white"/>`,
		`<text x="${width / 2}" y="14" text-anchor="middle" fill="#555">${escapeXml(caption)}</text>`,
		drawPanel(panels[0]!, 0, servers),
		drawPanel(panels[1]!, panelWidth + 60, servers),
		...legend,
		'</svg>',
		''
	].join('\n');
}

const [output, ...inputs] = process.argv.slice(2).reverse();
if (output && inputs.length > 0 && process.argv[1]?.endsWith('chart.js')) {
	const reports = inputs.reverse().map((file) => JSON.parse(readFileSync(file, 'utf8')) as ListenerBenchReport);
	writeFileSync(output, renderChart(reports));
	process.stdout.write(`wrote ${output}\n`);
}
