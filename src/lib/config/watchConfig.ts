import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { ConfigError } from '#lib/config/ConfigError';
import type { Config } from '#lib/config/types';

export interface ConfigWatcherOptions {
	/** The config file (absolute, as Config.file has it). */
	readonly file: string;
	/** Quiet time after the last change before the file is read: an editor's save is often several writes and a rename. */
	readonly debounceMs: number;
	/** Reads and validates the file (loadConfig); throws ConfigError for any problem. */
	load(file: string): Config;
	/** A valid edit. */
	onChange(next: Config): void;
	/** An invalid edit: the current config stays. */
	onInvalid(error: ConfigError): void;
	/** Anything else that went wrong (a failing onChange, a watch error); the watcher keeps going. */
	onError(error: unknown): void;
}

export interface ConfigWatcher {
	close(): void;
}

/**
 * Watches the directory of the config file, not the file: editors save by writing a new file and renaming it over the
 * old one, and Kubernetes swaps a ConfigMap's symlinks, both of which a watch on the file itself stops seeing. After
 * each burst of events the file is read again; only a change of its content counts as an edit.
 */
export function watchConfig(options: ConfigWatcherOptions, initialContent: string | null = null): ConfigWatcher {
	let lastContent = initialContent;
	let timer: NodeJS.Timeout | null = null;
	let closed = false;
	let checking = Promise.resolve();

	const check = async () => {
		let content: string | null;
		try {
			content = await readFile(options.file, 'utf8');
		} catch {
			// Missing for a moment (mid-rename) or gone: loadConfig says which, once the content differs from the last good one.
			content = null;
		}
		if (closed || content === lastContent) return;
		let next: Config;
		try {
			next = options.load(options.file);
		} catch (error) {
			if (error instanceof ConfigError) options.onInvalid(error);
			else options.onError(error);
			// Remember it: the same broken content is reported once, not at every event.
			lastContent = content;
			return;
		}
		lastContent = content;
		try {
			options.onChange(next);
		} catch (error) {
			options.onError(error);
		}
	};

	const schedule = () => {
		if (closed) return;
		if (timer) clearTimeout(timer);
		timer = setTimeout(() => {
			timer = null;
			checking = checking.then(check);
		}, options.debounceMs);
		timer.unref();
	};

	const name = basename(options.file);
	let watcher: FSWatcher;
	try {
		watcher = watch(dirname(options.file), { persistent: false }, (_event, changed) => {
			// Some platforms give no name; Kubernetes changes `..data`, never the file's own name.
			if (changed === null || changed === name || changed.startsWith('..')) schedule();
		});
	} catch (error) {
		options.onError(error);
		return { close: () => undefined };
	}
	watcher.on('error', (error) => options.onError(error));
	return {
		close: () => {
			closed = true;
			if (timer) clearTimeout(timer);
			watcher.close();
		}
	};
}
