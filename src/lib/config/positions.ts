import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { KeyPathSegment } from '#lib/config/keyPath';

/** Finds source lines for key paths in a parsed YAML document, so errors can point at the line a human has to edit. */
export class SourcePositions {
	public constructor(
		private readonly document: Document,
		private readonly lineCounter: LineCounter
	) {}

	/**
	 * The 1-based line of the key (or sequence item) at `path`. When the path does not exist (a missing key),
	 * the line of its deepest existing ancestor, so "missing url" points at the station that lacks it.
	 */
	public lineOf(path: readonly KeyPathSegment[]): number {
		let node: unknown = this.document.contents;
		let offset = rangeStart(node) ?? 0;
		for (const segment of path) {
			node = this.resolve(node);
			if (isMap(node)) {
				const pair = node.items.find((item) => keyText(item.key) === String(segment));
				if (!pair) break;
				offset = rangeStart(pair.key) ?? rangeStart(pair.value) ?? offset;
				node = pair.value;
			} else if (isSeq(node) && typeof segment === 'number') {
				const item = node.items[segment];
				if (item === undefined) break;
				offset = rangeStart(item) ?? offset;
				node = item;
			} else break;
		}
		return this.lineCounter.linePos(offset).line;
	}

	/** Keys of the map at `path`, in file order (plain objects reorder integer-like keys). */
	public keysOf(path: readonly KeyPathSegment[]): string[] {
		let node: unknown = this.document.contents;
		for (const segment of path) {
			node = this.resolve(node);
			if (!isMap(node)) return [];
			node = node.items.find((item) => keyText(item.key) === String(segment))?.value;
		}
		node = this.resolve(node);
		return isMap(node) ? node.items.map((item) => keyText(item.key)) : [];
	}

	/** The path of the innermost key or item whose source span contains `offset` (used to name the key near a YAML syntax error). */
	public keyPathAt(offset: number): KeyPathSegment[] {
		const path: KeyPathSegment[] = [];
		let node: unknown = this.document.contents;
		for (;;) {
			if (isMap(node)) {
				const pair = node.items.find((item) => contains(item.key, item.value, offset));
				if (!pair) break;
				path.push(keyText(pair.key));
				node = pair.value;
			} else if (isSeq(node)) {
				const index = node.items.findIndex((item) => contains(item, item, offset));
				if (index < 0) break;
				path.push(index);
				node = node.items[index];
			} else break;
		}
		return path;
	}

	private resolve(node: unknown): unknown {
		return isAlias(node) ? node.resolve(this.document) : node;
	}
}

function keyText(key: unknown): string {
	if (isScalar(key)) return String(key.value);
	return String(key);
}

/** Whether `offset` lies between the start of `first` and the end of `last` (a key and its value, or one item). */
function contains(first: unknown, last: unknown, offset: number): boolean {
	const start = rangeStart(first) ?? rangeStart(last);
	const end = (last as Node | null | undefined)?.range?.[2] ?? (first as Node | null | undefined)?.range?.[2];
	return start !== undefined && end !== undefined && start <= offset && offset <= end;
}

function rangeStart(node: unknown): number | undefined {
	const range = (node as Node | null | undefined)?.range;
	return range ? range[0] : undefined;
}
