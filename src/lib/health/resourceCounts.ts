import { readdirSync, readlinkSync } from 'node:fs';

/** What the process holds right now, for leak checks (the soak, the fault suite): counts only, never names, ids or text. */
export interface ResourceCounts {
	sessions: number;
	pipelines: number;
	voiceConnections: number;
	wizards: number;
	/** Listeners on the long-lived emitters (the client, the voice service): a leak grows them with every cycle. */
	listeners: Record<string, number>;
	/** process.getActiveResourcesInfo() by type: timers (Timeout), sockets (TCPSocketWrap), child processes… that keep the loop alive. */
	activeResources: Record<string, number>;
	/** Open file descriptors and, among them, sockets (Linux /proc; null elsewhere). */
	openFds: number | null;
	sockets: number | null;
	/** Heap in use, measured right after a full collection when the process runs with --expose-gc. */
	heapUsedBytes: number;
	gcRan: boolean;
}

export interface ResourceSource {
	sessions(): number;
	pipelines(): number;
	voiceConnections(): number;
	wizards(): number;
	emitters(): Record<string, { eventNames(): (string | symbol)[]; listenerCount(event: string | symbol): number }>;
}

/** Counts the process's resources; runs a full GC first when `global.gc` is exposed, so heap figures compare across time. */
export function resourceCounts(source: ResourceSource): ResourceCounts {
	const { gc } = globalThis as { gc?: () => void };
	gc?.();
	const listeners: Record<string, number> = {};
	for (const [name, emitter] of Object.entries(source.emitters()))
		listeners[name] = emitter.eventNames().reduce((sum, event) => sum + emitter.listenerCount(event), 0);
	const activeResources: Record<string, number> = {};
	for (const type of process.getActiveResourcesInfo()) activeResources[type] = (activeResources[type] ?? 0) + 1;
	const fds = openFileDescriptors();
	return {
		sessions: source.sessions(),
		pipelines: source.pipelines(),
		voiceConnections: source.voiceConnections(),
		wizards: source.wizards(),
		listeners,
		activeResources,
		openFds: fds?.length ?? null,
		sockets: fds?.filter((target) => target.startsWith('socket:')).length ?? null,
		heapUsedBytes: process.memoryUsage().heapUsed,
		gcRan: gc !== undefined
	};
}

/** Where each open descriptor points (`socket:[…]`, a path, `pipe:[…]`), or null without /proc. */
function openFileDescriptors(): string[] | null {
	try {
		return readdirSync('/proc/self/fd')
			.map((fd) => {
				try {
					return readlinkSync(`/proc/self/fd/${fd}`);
				} catch {
					// The descriptor readdir itself used, closed meanwhile.
					return '';
				}
			})
			.filter(Boolean);
	} catch {
		return null;
	}
}
