import { fileURLToPath } from 'node:url';

/** The top-level `languages/` folder; compiled code runs from dist/src/lib/i18n, so it is four levels up. */
export const languageDirectory = fileURLToPath(new URL('../../../../languages', import.meta.url));
