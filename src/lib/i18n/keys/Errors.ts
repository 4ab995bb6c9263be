import { T } from '#lib/i18n/T';

export const Unexpected = T<{ reference: string }>('errors:unexpected');
