import { pino, type Logger, type LoggerOptions } from 'pino';
import { redactErrorTokens } from '#lib/logger/redactTokens';

/** The process logger's options (exported for tests of what reaches the log). */
export const loggerOptions: LoggerOptions = {
	level: process.env.LOG_LEVEL?.trim() || 'info',
	base: { service: 'alastor', pid: process.pid },
	timestamp: pino.stdTimeFunctions.isoTime,
	// discord.js REST errors carry the request URL, which holds the interaction token on interaction and webhook routes.
	serializers: { err: (error: Error) => redactErrorTokens(pino.stdSerializers.err(error)) }
};

/** One structured (JSON lines) logger for the process; areas take children: `logger.child({ area: 'voice' })`. */
export const logger: Logger = pino(loggerOptions);

export type { Logger };

/** What library code logs through: the process logger (or a child of it) in the bot, Sapphire's adapter of it in pieces, a test logger in tests. */
export type Log = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
