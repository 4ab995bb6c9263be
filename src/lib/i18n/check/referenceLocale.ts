/** Every language is checked against this one, and i18next falls back to it for any key a language lacks. */
export const ReferenceLocale = 'en-US';
