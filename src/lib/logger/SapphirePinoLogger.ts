import { LogLevel, type ILogger } from '@sapphire/framework';
import type { Logger } from 'pino';

const methodByLevel = {
	[LogLevel.Trace]: 'trace',
	[LogLevel.Debug]: 'debug',
	[LogLevel.Info]: 'info',
	[LogLevel.Warn]: 'warn',
	[LogLevel.Error]: 'error',
	[LogLevel.Fatal]: 'fatal'
} as const;

/** Routes Sapphire's logger into pino, so framework and bot logs share one structured stream. */
export class SapphirePinoLogger implements ILogger {
	public constructor(private readonly pinoLogger: Logger) {}

	public has(level: LogLevel): boolean {
		return level !== LogLevel.None && level >= this.pinoLogger.levelVal;
	}

	public trace(...values: readonly unknown[]): void {
		this.write(LogLevel.Trace, ...values);
	}

	public debug(...values: readonly unknown[]): void {
		this.write(LogLevel.Debug, ...values);
	}

	public info(...values: readonly unknown[]): void {
		this.write(LogLevel.Info, ...values);
	}

	public warn(...values: readonly unknown[]): void {
		this.write(LogLevel.Warn, ...values);
	}

	public error(...values: readonly unknown[]): void {
		this.write(LogLevel.Error, ...values);
	}

	public fatal(...values: readonly unknown[]): void {
		this.write(LogLevel.Fatal, ...values);
	}

	public write(level: LogLevel, ...values: readonly unknown[]): void {
		if (level === LogLevel.None) return;
		const method = methodByLevel[level as keyof typeof methodByLevel];
		const fields: Record<string, unknown> = {};
		const words: string[] = [];
		for (const value of values) {
			if (value instanceof Error) fields.err = value;
			else if (typeof value === 'object' && value !== null) Object.assign(fields, value);
			else words.push(String(value));
		}
		this.pinoLogger[method](fields, words.join(' '));
	}
}
