import { createRequire } from 'node:module';

/** What the bot reports at startup about its DAVE (end-to-end voice encryption) library. */
export interface DaveLibrary {
	/** The @snazzah/davey version. */
	version: string;
	/** The highest DAVE protocol version it speaks (what @discordjs/voice announces as max_dave_protocol_version). */
	protocolVersion: number;
}

export class DaveUnavailableError extends Error {
	public override readonly name = 'DaveUnavailableError';
}

/** Exit code when DAVE cannot work (sysexits EX_CONFIG, like a broken config: the install needs fixing, retrying won't help). */
export const ExitDaveUnavailable = 78;

interface DaveyExports {
	VERSION?: unknown;
	DAVE_PROTOCOL_VERSION?: unknown;
}

/**
 * Loads @snazzah/davey the way @discordjs/voice does (a synchronous require of a native addon) and reports it.
 * Throws DaveUnavailableError, with a one-line reason, when it is missing, its native binary fails to load, or it
 * speaks no DAVE protocol version.
 */
export function loadDaveLibrary(load: (id: string) => unknown = createRequire(import.meta.url)): DaveLibrary {
	let davey: DaveyExports;
	try {
		davey = load('@snazzah/davey') as DaveyExports;
	} catch (error) {
		throw new DaveUnavailableError(describeUnavailable(firstLine(error)));
	}
	const protocolVersion = davey.DAVE_PROTOCOL_VERSION;
	if (typeof protocolVersion !== 'number' || protocolVersion < 1) {
		throw new DaveUnavailableError(describeUnavailable(`it reports DAVE protocol version ${String(protocolVersion)}`));
	}
	return { version: typeof davey.VERSION === 'string' ? davey.VERSION : 'unknown', protocolVersion };
}

/**
 * Without DAVE, Discord closes every voice connection with 4017. Say so once and exit 78 instead of letting voice
 * reconnect in a loop. Must run before anything imports @discordjs/voice: its ES module build imports davey
 * statically, so a missing davey fails module linking, with a bare stack trace, before any of our code runs.
 */
export function requireDaveOrExit(load?: (id: string) => unknown): DaveLibrary {
	try {
		return loadDaveLibrary(load);
	} catch (error) {
		if (!(error instanceof DaveUnavailableError)) throw error;
		process.stderr.write(`${error.message}\n`);
		process.exit(ExitDaveUnavailable);
	}
}

function describeUnavailable(reason: string): string {
	return `DAVE unavailable: @snazzah/davey could not be used (${reason}). Discord voice requires DAVE end-to-end encryption; reinstall the dependencies (npm ci) so that @snazzah/davey and its prebuilt binary for ${process.platform}-${process.arch} are present.`;
}

function firstLine(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message.split('\n', 1)[0]!.trim();
}
