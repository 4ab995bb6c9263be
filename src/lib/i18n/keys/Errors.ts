import { T } from '#lib/i18n/T';

export const Unexpected = T<{ reference: string }>('errors:unexpected');
/** The settings store failed (SettingsStoreError): nothing was changed. */
export const SettingsUnavailable = T('errors:settingsUnavailable');
