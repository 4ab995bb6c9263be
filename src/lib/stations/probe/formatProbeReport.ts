import type { ProbeReport } from '#lib/stations/probe/ProbeReport';
import { plainText } from '#lib/text/userText';

/** The human-readable probe report: one labelled line per known fact. */
export function formatProbeReport(report: ProbeReport): string {
	const lines = [report.plays ? `PLAYS  ${plainText(report.input)}` : `DOES NOT PLAY  ${plainText(report.input)}`];
	const add = (label: string, value: string | number | null | undefined) => {
		// Station text (names, titles, URLs) goes to a terminal: no control characters, so no escape sequences.
		if (value !== null && value !== undefined && value !== '') lines.push(`  ${label.padEnd(13)} ${plainText(String(value))}`);
	};
	if (!report.plays) add('Reason', `${report.reason}: ${report.message}`);
	add('Stream URL', report.resolvedUrl);
	if (report.chain.length > 0) add('Followed', report.chain.join(' -> '));
	if (report.kind)
		add('Type', `${report.kind === 'hls' ? 'HLS' : 'direct stream'}, ${report.container}${report.contentType ? ` (${report.contentType})` : ''}`);
	const audio = [
		report.codec,
		report.sampleRateHz && `${report.sampleRateHz} Hz`,
		report.channels,
		report.bitrateKbps && `${report.bitrateKbps} kbps`
	].filter(Boolean);
	if (audio.length > 0) add('Audio', `${audio.join(', ')}${report.format ? ` (${report.format})` : ''}`);
	add('Station name', report.icyName);
	add('Genre', report.icyGenre);
	add('Now playing', report.title);
	if (report.resolvedUrl) {
		// ffmpeg may run ahead of real time while it catches up with buffered input, so frames can exceed 50 per second.
		add('Opus frames', `${report.opusFrames} in ${report.sampleSeconds} s (${((report.opusFrames * 20) / 1000).toFixed(1)} s of audio)`);
	}
	add(
		'First audio',
		report.firstAudioMs === null
			? null
			: `${report.firstAudioMs} ms (preflight)${report.firstFrameMs === null ? '' : `, first Opus frame after ${report.firstFrameMs} ms`}`
	);
	add('ffmpeg', report.ffmpeg);
	return `${lines.join('\n')}\n`;
}
