import { T, type TypedT } from '#lib/i18n/T';
import type { BlockedRange } from '#lib/net/safety/addressRanges';
import type { UrlRefusalCode } from '#lib/net/safety/UrlSafetyError';

/** Why a custom station's address is refused, one text per refusal code (see #lib/net/safety). */
export interface RefusalVariables {
	host: string;
	address: string;
	range: string;
	port: number;
	max: number;
}

export function refusalKey(code: UrlRefusalCode): TypedT<Partial<RefusalVariables>> {
	return T(`stream:refused-${code}`);
}

export function rangeKey(range: BlockedRange): TypedT {
	return T(`stream:range-${range}`);
}
