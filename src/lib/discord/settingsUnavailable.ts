import { container } from '@sapphire/framework';
import type { Denial } from '#lib/discord/Denial';
import { Setup } from '#lib/i18n/keys/index';
import { SettingsStoreError } from '#lib/settings/SettingsStoreError';

/** The store's own failures (SettingsStoreError); anything else is a bug and propagates. */
export function isSettingsStoreError(error: unknown): error is SettingsStoreError {
	return error instanceof SettingsStoreError;
}

/** "Settings storage is unavailable, nothing was changed", logged; rethrows errors that are not the store's. */
export function settingsUnavailableDenial(error: unknown, guildId: string): Denial {
	if (!isSettingsStoreError(error)) throw error;
	container.logger.error({ err: error, guildId }, 'settings storage unavailable');
	return { key: Setup.SettingsUnavailable };
}
