import { readFileSync } from 'node:fs';
import { processesWithMarker, type ProcessInfo } from './processes.js';

/** The process group of a process (field 5 of /proc/<pid>/stat), or null once it is gone. */
function processGroup(pid: number | 'self'): number | null {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Fields after the parenthesised command: state, ppid, pgrp, …
		return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
	} catch {
		return null;
	}
}

/**
 * Live processes whose command line contains `marker` and that belong to this test run: its process group, which every
 * bot the tests start and every ffmpeg those bots spawn inherit, and keep when orphaned (the bot spawns ffmpeg without
 * `detached`). Unlike a machine-wide search, the bots of other test runs on the same machine do not count.
 */
export function ownProcessesWithMarker(marker: string): ProcessInfo[] {
	const ours = processGroup('self');
	return processesWithMarker(marker).filter(({ pid }) => processGroup(pid) === ours);
}
