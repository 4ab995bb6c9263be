import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface FaultyDiskOptions {
	/** Size of the filesystem. Default 8 MiB. */
	sizeBytes?: number;
	/**
	 * 'ext4' (default): a loop-mounted ext4 image; immutability also stops writes through descriptors already open, and
	 * abortToReadOnly() is available. 'tmpfs': no image file; immutability only stops new files (such as SQLite's journal).
	 */
	kind?: 'ext4' | 'tmpfs';
}

/**
 * A small real filesystem mounted on a temp directory, for storage faults while a process uses it: it fills up (ENOSPC),
 * becomes immutable (EPERM) or read-only (EROFS), and comes back. Needs root (or CAP_SYS_ADMIN) to mount:
 * `FaultyDisk.available()` says whether this machine allows it; `limitFileSize` (fileSizeLimit.ts) is the fallback.
 */
export class FaultyDisk {
	private readonly filler: string;

	private constructor(
		/** Mount point: put the files under test here. */
		public readonly directory: string,
		public readonly kind: 'ext4' | 'tmpfs',
		private readonly workspace: string
	) {
		this.filler = join(directory, '.filler');
	}

	public path(name: string): string {
		return join(this.directory, name);
	}

	/** Bytes an unprivileged write could still use. */
	public get freeBytes(): number {
		const stats = statfsSync(this.directory);
		return stats.bavail * stats.bsize;
	}

	/** Writes a filler file until the disk is full (ENOSPC), or until only `leaveBytes` are free. */
	public async fill(leaveBytes = 0): Promise<void> {
		const file = await open(this.filler, 'a');
		try {
			const chunk = Buffer.alloc(64 * 1024, 0x55);
			for (;;) {
				const room = this.freeBytes - leaveBytes;
				if (room <= 0) break;
				try {
					await file.write(chunk, 0, Math.min(chunk.length, room));
				} catch (error) {
					if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
					throw error;
				}
			}
			await file.sync().catch(() => undefined);
		} finally {
			await file.close();
		}
	}

	/** Deletes the filler: the space is back. */
	public free(): void {
		rmSync(this.filler, { force: true });
	}

	/**
	 * chattr +i on the directory and every file in it: no file can be created, renamed or deleted there (even by root), and
	 * on ext4 no write goes through, not even on descriptors opened before. SQLite needs a new journal file for every write
	 * transaction, so its writes fail on either kind.
	 */
	public async makeImmutable(): Promise<void> {
		await run('chattr', ['+i', ...this.entries(), this.directory]);
	}

	public async makeMutable(): Promise<void> {
		await run('chattr', ['-i', this.directory, ...this.entries()]);
	}

	/** A clean read-only remount (EROFS). Fails with "busy" while any process holds a file open for writing there. */
	public async remountReadOnly(): Promise<void> {
		await run('mount', ['-o', 'remount,ro', this.directory]);
	}

	public async remountWritable(): Promise<void> {
		await run('mount', ['-o', 'remount,rw', this.directory]);
	}

	/**
	 * ext4 only: an error as a failing disk causes it (errors=remount-ro): the journal aborts and the filesystem turns read-only
	 * at once, open files included, every write failing with EROFS. Only unmount() ends it.
	 */
	public async abortToReadOnly(): Promise<void> {
		if (this.kind !== 'ext4') throw new Error('FaultyDisk: abortToReadOnly needs the ext4 kind');
		const { stdout } = await run('findmnt', ['-n', '-o', 'SOURCE', this.directory]);
		const device = stdout.trim().split('/').at(-1)!;
		writeFileSync(`/sys/fs/ext4/${device}/trigger_fs_error`, 'alastor test: the disk failed\n');
	}

	/** Unmounts (lazily if something still holds files there) and deletes the image and the directories. */
	public async unmount(): Promise<void> {
		await this.makeMutable().catch(() => undefined);
		await run('umount', [this.directory]).catch(() => run('umount', ['-l', this.directory]));
		rmSync(this.workspace, { recursive: true, force: true });
	}

	private entries(): string[] {
		return readdirSync(this.directory)
			.filter((name) => name !== 'lost+found')
			.map((name) => join(this.directory, name));
	}

	/** Whether this machine lets the tests mount a filesystem (root with CAP_SYS_ADMIN, and loop devices for ext4). */
	public static async available(kind: 'ext4' | 'tmpfs' = 'ext4'): Promise<boolean> {
		try {
			await (await FaultyDisk.mount({ kind, sizeBytes: 2 * 1024 * 1024 })).unmount();
			return true;
		} catch {
			return false;
		}
	}

	public static async mount({ sizeBytes = 8 * 1024 * 1024, kind = 'ext4' }: FaultyDiskOptions = {}): Promise<FaultyDisk> {
		const workspace = mkdtempSync(join(tmpdir(), 'alastor-disk-'));
		const directory = join(workspace, 'mnt');
		const image = kind === 'ext4' ? join(workspace, 'disk.img') : undefined;
		try {
			mkdirSync(directory);
			if (image) {
				writeFileSync(image, '');
				await run('truncate', ['-s', String(sizeBytes), image]);
				// No blocks reserved for root: as root (the tests) the disk must fill up like it does for the bot's user.
				await run('mkfs.ext4', ['-q', '-F', '-m', '0', image]);
				await run('mount', ['-o', 'loop,errors=remount-ro', image, directory]);
			} else await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', directory]);
		} catch (error) {
			rmSync(workspace, { recursive: true, force: true });
			throw new Error(`FaultyDisk: cannot mount a ${kind} filesystem here (${(error as Error).message.trim()})`, { cause: error });
		}
		return new FaultyDisk(directory, kind, workspace);
	}
}
