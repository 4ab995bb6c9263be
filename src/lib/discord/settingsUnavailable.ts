import { deny, type Denial } from '#lib/discord/Denial';
import { Errors } from '#lib/i18n/keys/index';
import type { Log } from '#lib/logger/logger';
import { SettingsStoreError } from '#lib/settings/SettingsStoreError';

/**
 * The one answer to a settings store that failed: "Settings storage is unavailable, nothing was changed", logged.
 * Only the store's own failures (SettingsStoreError) are answered so; anything else is a bug and is rethrown.
 */
export function settingsUnavailableDenial(error: unknown, guildId: string, log: Log): Denial {
	if (!(error instanceof SettingsStoreError)) throw error;
	log.error({ err: error, guildId }, 'settings storage unavailable');
	return deny(Errors.SettingsUnavailable);
}
