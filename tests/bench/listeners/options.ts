export type Design = 'shared' | 'naive';

export interface ListenerBenchOptions {
	/** Servers (guilds), one listener each; one scenario per value and design. */
	servers: number[];
	/** Local stations the servers are spread over (server i plays station i mod S). */
	stations: number;
	/** The steady measurement window, after the joins and the warm-up. */
	windowSeconds: number;
	warmupSeconds: number;
	designs: Design[];
	/**
	 * /radio play commands per minute per shard. Each voice join is one gateway command (op 4), and the bot sends at most
	 * voice.gateway_joins_per_minute (100) per shard, queueing the rest: plays are paced at that rate so that none waits.
	 */
	joinsPerMinute: number;
	/**
	 * Gateway shards of the bot (SHARD_COUNT in its environment, `shards` for the emulator, which routes guilds by id).
	 * Each shard has its own gateway send budget, so joins go out `shards` times as fast.
	 */
	shards: number;
	/** The emulator decrypts one audio packet in this many (transport and DAVE) and only counts the rest. */
	decryptOneIn: number;
	/** DAVE end-to-end encryption: 'required' as Discord now has it, or 'off' to measure what DAVE costs per listener. */
	dave: 'required' | 'off';
	/** Write a V8 CPU profile of each bot process (node --cpu-prof) under bench-results/profiles/. */
	cpuProfile: boolean;
	/** Write a heap snapshot of the bot at the end of each window (node --heapsnapshot-signal) under bench-results/profiles/. */
	heapSnapshot: boolean;
	/**
	 * Before each window, wait up to this long for 5 s in which other processes (other test runs on a shared machine)
	 * use less than a quarter of a core; 0 measures at once.
	 */
	quietWaitSeconds: number;
	quick: boolean;
	/** JSON results file; default bench-results/listeners-<time>.json. */
	out: string | undefined;
}

const usage = `npm run bench -- listeners [--quick] [--n 100,300,1000] [--stations 50] [--seconds 30] [--warmup 10]
    [--design shared|naive|both] [--join-rate 100] [--shards 1] [--decrypt-one-in 50] [--dave required|off] [--cpu-prof] [--heap-snapshot] [--quiet-wait 0] [--out file.json]`;

/** Parses the bench's own arguments (those after `listeners`); --quick is N = 50, S = 10, 15 s window, 5 s warm-up. */
export function parseListenerBenchOptions(argv: readonly string[]): ListenerBenchOptions {
	const flags = new Map<string, string | true>();
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index]!;
		if (!arg.startsWith('--')) throw new Error(`unexpected argument '${arg}'\n${usage}`);
		const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
		const next = argv[index + 1];
		if (inline !== undefined) flags.set(name, inline);
		else if (next !== undefined && !next.startsWith('--')) flags.set(name, argv[++index]!);
		else flags.set(name, true);
	}
	const known = [
		'quick',
		'n',
		'stations',
		'seconds',
		'warmup',
		'design',
		'join-rate',
		'shards',
		'decrypt-one-in',
		'dave',
		'cpu-prof',
		'heap-snapshot',
		'quiet-wait',
		'out'
	];
	for (const name of flags.keys()) if (!known.includes(name)) throw new Error(`unknown option --${name}\n${usage}`);

	const quick = flags.get('quick') === true;
	const number = (name: string, fallback: number): number => {
		const value = flags.get(name);
		if (value === undefined) return fallback;
		const parsed = Number(value);
		if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} needs a positive number (got ${String(value)})\n${usage}`);
		return parsed;
	};
	const list = flags.get('n');
	const servers = typeof list === 'string' ? list.split(',').map(Number) : quick ? [50] : [100, 300];
	if (servers.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--n needs whole numbers (got ${String(list)})\n${usage}`);
	const design = flags.get('design') ?? 'both';
	if (design !== 'shared' && design !== 'naive' && design !== 'both') throw new Error(`--design is shared, naive or both\n${usage}`);
	const dave = flags.get('dave') ?? 'required';
	if (dave !== 'required' && dave !== 'off') throw new Error(`--dave is required or off\n${usage}`);
	const out = flags.get('out');
	return {
		servers,
		stations: Math.round(number('stations', quick ? 10 : 50)),
		windowSeconds: number('seconds', quick ? 15 : 30),
		warmupSeconds: number('warmup', quick ? 5 : 10),
		designs: design === 'both' ? ['shared', 'naive'] : [design],
		joinsPerMinute: number('join-rate', 100),
		shards: Math.round(number('shards', 1)),
		decryptOneIn: Math.round(number('decrypt-one-in', 50)),
		dave,
		cpuProfile: flags.get('cpu-prof') === true,
		heapSnapshot: flags.get('heap-snapshot') === true,
		quietWaitSeconds: flags.has('quiet-wait') ? number('quiet-wait', 0) : 0,
		quick,
		out: typeof out === 'string' ? out : undefined
	};
}
