import { existsSync, readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
	pid: number;
	command: string;
	args: string[];
}

/** Live descendants of `rootPid` named `name` (e.g. every ffmpeg a bot process spawned), read from /proc. */
export function descendantProcesses(rootPid: number, name: string): ProcessInfo[] {
	const parents = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const stat = readOrNull(`/proc/${entry}/stat`);
		// Fields after the parenthesised command: state, ppid, …
		const afterCommand = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (afterCommand && afterCommand[0] !== 'Z') parents.set(Number(entry), Number(afterCommand[1]));
	}
	const isDescendant = (pid: number): boolean => {
		for (let parent = parents.get(pid); parent; parent = parents.get(parent)) if (parent === rootPid) return true;
		return false;
	};
	return [...parents.keys()]
		.filter(isDescendant)
		.map((pid) => ({ pid, args: (readOrNull(`/proc/${pid}/cmdline`) ?? '').split('\0').filter(Boolean) }))
		.filter(({ args }) => args[0]?.split('/').at(-1) === name)
		.map(({ pid, args }) => ({ pid, command: args[0]!, args }));
}

/** Every live process on the machine whose command line contains `marker`. */
export function processesWithMarker(marker: string): ProcessInfo[] {
	const found: ProcessInfo[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const args = (readOrNull(`/proc/${entry}/cmdline`) ?? '').split('\0').filter(Boolean);
		const state = readOrNull(`/proc/${entry}/stat`)?.split(') ')[1]?.[0];
		if (state !== 'Z' && args.some((arg) => arg.includes(marker))) found.push({ pid: Number(entry), command: args[0]!, args });
	}
	return found;
}

function readOrNull(path: string): string | null {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return null;
	}
}

/** A live (not zombie) process with this pid. */
export function isAlive(pid: number): boolean {
	if (!existsSync(`/proc/${pid}/stat`)) return false;
	try {
		return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
	} catch {
		return false;
	}
}
