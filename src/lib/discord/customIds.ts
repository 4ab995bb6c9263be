/**
 * Component custom ids: a prefix naming the handler, then its arguments. Discord caps custom ids at 100
 * characters, so free text (a search) is cut to fit.
 */
export const CustomIdPrefix = {
	PlayStation: 'radio-play',
	ListPage: 'radio-list',
	ListSelect: 'radio-list-select'
} as const;

const MaxCustomIdLength = 100;

export function playStationId(stationId: string): string {
	return `${CustomIdPrefix.PlayStation}:${stationId}`.slice(0, MaxCustomIdLength);
}

export function listPageId(page: number, query: string, direction: 'previous' | 'next'): string {
	return `${CustomIdPrefix.ListPage}:${direction}:${page}:${query}`.slice(0, MaxCustomIdLength);
}

/** The argument after `prefix:`, or null when `customId` belongs to another handler. */
export function customIdArgument(customId: string, prefix: string): string | null {
	return customId.startsWith(`${prefix}:`) ? customId.slice(prefix.length + 1) : null;
}

export function parseListPageId(customId: string): { page: number; query: string } | null {
	const argument = customIdArgument(customId, CustomIdPrefix.ListPage);
	const match = argument === null ? null : /^(?:previous|next):(\d+):(.*)$/s.exec(argument);
	return match ? { page: Number(match[1]), query: match[2]! } : null;
}
