import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './RedisServer.js';
import { waitForExit } from './spawnSineEncoder.js';

export const IcecastBinary = ['/usr/bin/icecast2', '/usr/sbin/icecast2'].find((path) => existsSync(path));

/** What an Icecast source sends: the codec, its container and the Content-Type Icecast announces. */
export type IcecastCodec = 'mp3' | 'opus' | 'vorbis' | 'aac';

const codecs: Record<IcecastCodec, { args: string[]; contentType: string }> = {
	mp3: { args: ['-c:a', 'libmp3lame', '-b:a', '128k', '-f', 'mp3'], contentType: 'audio/mpeg' },
	opus: { args: ['-ar', '48000', '-c:a', 'libopus', '-b:a', '96k', '-f', 'ogg'], contentType: 'audio/ogg' },
	vorbis: { args: ['-c:a', 'libvorbis', '-b:a', '128k', '-f', 'ogg'], contentType: 'audio/ogg' },
	aac: { args: ['-c:a', 'aac', '-b:a', '128k', '-f', 'adts'], contentType: 'audio/aac' }
};

const sourcePassword = 'alastor-source';
const adminPassword = 'alastor-admin';

/**
 * A real Icecast2 server (Debian's `icecast2` package) on 127.0.0.1, with a generated config in a temp directory, run in
 * the foreground (no daemon), fed by ffmpeg sources (`-re` sine tones). As root it drops to nobody, as Icecast demands.
 * `stop()` ends the server and every source.
 */
export class Icecast {
	private readonly sources = new Map<string, ChildProcess>();

	private constructor(
		private readonly server: ChildProcess,
		public readonly port: number,
		private readonly directory: string
	) {}

	public url(mount: string): string {
		return `http://127.0.0.1:${this.port}${mount}`;
	}

	/** Starts an ffmpeg source for `mount` and resolves once Icecast lists it (a listener gets audio from then on). */
	public async addSource(mount: string, { codec, frequency, name }: { codec: IcecastCodec; frequency: number; name?: string }): Promise<void> {
		const { args, contentType } = codecs[codec];
		const child = spawn(
			process.env.FFMPEG_PATH ?? 'ffmpeg',
			[
				...['-hide_banner', '-nostdin', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', `sine=frequency=${frequency}:sample_rate=44100`],
				...['-ac', '2', ...args, '-content_type', contentType, '-ice_name', name ?? `Icecast ${frequency} Hz`],
				`icecast://source:${sourcePassword}@127.0.0.1:${this.port}${mount}`
			],
			{ stdio: 'ignore' }
		);
		this.sources.set(mount, child);
		const deadline = Date.now() + 10_000;
		while (!(await this.hasMount(mount))) {
			if (child.exitCode !== null) throw new Error(`the Icecast source for ${mount} exited with ${child.exitCode}`);
			if (Date.now() > deadline) throw new Error(`Icecast did not list ${mount} within 10 s`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		// The burst Icecast sends a new listener fills as the source plays: give it a moment, as a station on air has.
		await new Promise((resolve) => setTimeout(resolve, 1_500));
	}

	/** Sets the title Icecast sends as ICY StreamTitle on an MP3/AAC mount (the admin "updinfo" call a source client makes). */
	public async setTitle(mount: string, title: string): Promise<void> {
		const query = new URLSearchParams({ mount, mode: 'updinfo', song: title });
		const response = await fetch(`http://127.0.0.1:${this.port}/admin/metadata?${query}`, {
			headers: { authorization: `Basic ${Buffer.from(`admin:${adminPassword}`).toString('base64')}` }
		});
		if (!response.ok) throw new Error(`Icecast refused the title update: ${response.status}`);
	}

	public async stop(): Promise<void> {
		const children = [...this.sources.values(), this.server];
		for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		await Promise.all(children.map((child) => waitForExit(child as Parameters<typeof waitForExit>[0])));
		rmSync(this.directory, { recursive: true, force: true });
	}

	private async hasMount(mount: string): Promise<boolean> {
		try {
			const response = await fetch(`http://127.0.0.1:${this.port}/status-json.xsl`);
			const text = await response.text();
			return text.includes(`"listenurl":"http://127.0.0.1:${this.port}${mount}"`);
		} catch {
			return false;
		}
	}

	public static async start(): Promise<Icecast> {
		if (!IcecastBinary) throw new Error('icecast2 is not installed: run .ci/prerequisites (Debian package icecast2)');
		const port = await freePort();
		const directory = mkdtempSync(join(tmpdir(), 'alastor-icecast-'));
		const logs = join(directory, 'log');
		mkdirSync(logs);
		// Icecast refuses to run as root; it then switches to nobody, who must be able to write its (unused) log directory.
		const asRoot = process.getuid?.() === 0;
		if (asRoot) for (const path of [directory, logs]) chmodSync(path, 0o777);
		const configPath = join(directory, 'icecast.xml');
		writeFileSync(
			configPath,
			`<icecast>
  <location>127.0.0.1</location>
  <admin>alastor@localhost</admin>
  <limits><clients>200</clients><sources>20</sources><burst-on-connect>1</burst-on-connect><burst-size>65535</burst-size><source-timeout>10</source-timeout></limits>
  <authentication><source-password>${sourcePassword}</source-password><admin-user>admin</admin-user><admin-password>${adminPassword}</admin-password></authentication>
  <hostname>127.0.0.1</hostname>
  <listen-socket><port>${port}</port><bind-address>127.0.0.1</bind-address></listen-socket>
  <paths><basedir>/usr/share/icecast2</basedir><logdir>${logs}</logdir><webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot></paths>
  <logging><accesslog>-</accesslog><errorlog>-</errorlog><loglevel>1</loglevel></logging>
  <security><chroot>0</chroot>${asRoot ? '<changeowner><user>nobody</user><group>nogroup</group></changeowner>' : ''}</security>
</icecast>
`
		);
		const server = spawn(IcecastBinary, ['-c', configPath], { stdio: 'ignore' });
		const icecast = new Icecast(server, port, directory);
		const deadline = Date.now() + 10_000;
		for (;;) {
			try {
				await fetch(`http://127.0.0.1:${port}/status-json.xsl`);
				return icecast;
			} catch {
				if (server.exitCode !== null || Date.now() > deadline) {
					await icecast.stop();
					throw new Error(`icecast2 did not start on port ${port}`);
				}
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		}
	}
}
