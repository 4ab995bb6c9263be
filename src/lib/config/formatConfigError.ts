import { ConfigError } from '#lib/config/ConfigError';

/** The text to show a human for a config failure: the ConfigError message as is, anything else with its own message. */
export function formatConfigError(error: unknown): string {
	if (error instanceof ConfigError) return error.message;
	return error instanceof Error ? error.message : String(error);
}
