import { pino, type Logger } from 'pino';

/** One structured (JSON lines) logger for the process; areas take children: `logger.child({ area: 'voice' })`. */
export const logger: Logger = pino({
	level: process.env.LOG_LEVEL?.trim() || 'info',
	base: { service: 'alastor', pid: process.pid },
	timestamp: pino.stdTimeFunctions.isoTime
});

export type { Logger };

/** What library code logs through: the process logger (or a child of it) in the bot, Sapphire's adapter of it in pieces, a test logger in tests. */
export type Log = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
