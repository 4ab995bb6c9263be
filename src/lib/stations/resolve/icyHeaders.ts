import type { IncomingHttpHeaders } from 'node:http';
import type { IcyInfo } from '#lib/stations/resolve/types';

/** The station details Icecast/Shoutcast servers send as `icy-*` headers; null when there are none. */
export function icyHeaders(headers: IncomingHttpHeaders): IcyInfo | null {
	const name = header(headers, 'icy-name');
	const genre = header(headers, 'icy-genre');
	// `icy-br` is sometimes "128,128" (Shoutcast v1 quirk).
	const bitrate = positiveInteger(header(headers, 'icy-br')?.split(',')[0]);
	const metaint = positiveInteger(header(headers, 'icy-metaint'));
	if (name === undefined && genre === undefined && bitrate === undefined && metaint === undefined) return null;
	return {
		...(name === undefined ? {} : { name }),
		...(genre === undefined ? {} : { genre }),
		...(bitrate === undefined ? {} : { bitrate }),
		...(metaint === undefined ? {} : { metaint })
	};
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	const text = (Array.isArray(value) ? value[0] : value)?.trim();
	return text ? text : undefined;
}

function positiveInteger(text: string | undefined): number | undefined {
	const value = Number.parseInt(text ?? '', 10);
	return Number.isFinite(value) && value > 0 ? value : undefined;
}
