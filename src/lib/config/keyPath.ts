export type KeyPathSegment = string | number;

const plainKey = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `['radios', 'BBC Radio 1', 'aliases', 0]` → `radios."BBC Radio 1".aliases[0]` */
export function formatKeyPath(segments: readonly KeyPathSegment[]): string {
	let text = '';
	for (const segment of segments) {
		if (typeof segment === 'number') text += `[${segment}]`;
		else {
			const key = plainKey.test(segment) ? segment : JSON.stringify(segment);
			text += text === '' ? key : `.${key}`;
		}
	}
	return text;
}
