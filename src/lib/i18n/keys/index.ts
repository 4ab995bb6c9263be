export * as Errors from '#lib/i18n/keys/Errors';
export * as General from '#lib/i18n/keys/commands/General';
export * as Preconditions from '#lib/i18n/keys/Preconditions';
export * as Radio from '#lib/i18n/keys/commands/Radio';
export * as Setup from '#lib/i18n/keys/commands/Setup';
export * as Station from '#lib/i18n/keys/commands/Station';
export * as Stream from '#lib/i18n/keys/Stream';
export * as UrlSafety from '#lib/i18n/keys/UrlSafety';
