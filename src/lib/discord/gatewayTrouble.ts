/** A gateway event worth a log line, read from discord.js's debug text. */
export interface GatewayTrouble {
	readonly level: 'info' | 'warn';
	readonly message: string;
	readonly fields: Readonly<Record<string, unknown>>;
}

const shardOf = (text: string) => {
	const match = /^\[WS => Shard (\d+)\]/.exec(text);
	return match ? Number(match[1]) : null;
};

const field = (text: string, name: string) => new RegExp(`^\\s*${name}: (.*)$`, 'm').exec(text)?.[1]?.trim() ?? null;

/**
 * discord.js (through @discordjs/ws) says why a gateway connection closed, whether a session was invalidated and how
 * a resume went only in its debug stream, which also carries every heartbeat. This picks out those lines: a close with
 * its reason ("Told to reconnect by Discord" for op 7, "Zombie connection" for missed heartbeat ACKs, "Invalid session"),
 * code and recovery; op 9 and whether it may resume; a resume with the events replayed. Null for everything else.
 */
export function gatewayTrouble(text: string): GatewayTrouble | null {
	const shardId = shardOf(text);
	if (shardId === null) return null;
	if (text.includes('Destroying shard')) {
		const code = Number(field(text, 'Code'));
		return {
			level: 'warn',
			message: 'gateway connection closed',
			fields: { shardId, reason: field(text, 'Reason'), code: Number.isNaN(code) ? null : code, recover: field(text, 'Recover') }
		};
	}
	const invalid = /Invalid session; will attempt to resume: (true|false)/.exec(text);
	if (invalid) return { level: 'warn', message: 'gateway session invalidated (op 9)', fields: { shardId, resumable: invalid[1] === 'true' } };
	const resumed = /Resumed and replayed (\d+) events/.exec(text);
	if (resumed) return { level: 'info', message: 'gateway session resumed', fields: { shardId, replayed: Number(resumed[1]) } };
	return null;
}
