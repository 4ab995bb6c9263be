/** Discord epoch (2015-01-01) in ms: snowflakes encode their creation time relative to it. */
const discordEpoch = 1_420_070_400_000n;
let lastTimestamp = 0n;
let increment = 0n;

/** Returns a new snowflake, strictly greater than every one returned before in this process. */
export function nextSnowflake(): string {
	let timestamp = BigInt(Date.now()) - discordEpoch;
	if (timestamp <= lastTimestamp) {
		timestamp = lastTimestamp;
		increment++;
		if (increment > 0xfffn) {
			timestamp++;
			increment = 0n;
		}
	} else {
		increment = 0n;
	}
	lastTimestamp = timestamp;
	return ((timestamp << 22n) | (1n << 17n) | increment).toString();
}
