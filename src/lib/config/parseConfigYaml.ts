import { LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import type { ConfigIssue } from '#lib/config/ConfigError';
import { formatKeyPath } from '#lib/config/keyPath';
import { SourcePositions } from '#lib/config/positions';

export type ParsedYaml =
	{ readonly ok: true; readonly document: Document; readonly positions: SourcePositions } | { readonly ok: false; readonly issues: ConfigIssue[] };

/** Parses YAML keeping node positions; syntax errors become issues with the line (and key, when one is near) from the parser. */
export function parseConfigYaml(source: string, file: string): ParsedYaml {
	const lineCounter = new LineCounter();
	const document = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true });
	const positions = new SourcePositions(document, lineCounter);
	if (document.errors.length === 0) return { ok: true, document, positions };

	const issues = document.errors.map((error): ConfigIssue => {
		const offset = error.pos[0];
		const { line, col } = error.linePos?.[0] ?? lineCounter.linePos(offset);
		// yaml appends " at line L, column C:" and a source excerpt; keep the first sentence and our own location format.
		const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
		const path = positions.keyPathAt(offset);
		// An unclosed quote or bracket is only noticed where the file ends or dedents; point at the key where it was opened.
		if (isUnclosed(error)) {
			while (typeof path.at(-1) === 'number') path.pop();
			const openedLine = path.length > 0 ? positions.lineOf(path) : line;
			if (openedLine < line) {
				const message = `YAML syntax error: ${reason} (noticed at line ${line}, column ${col})`;
				return { file, line: openedLine, keyPath: formatKeyPath(path), message };
			}
		}
		return { file, line, keyPath: formatKeyPath(path), message: `YAML syntax error: ${reason} (column ${col})` };
	});
	return { ok: false, issues };
}

function isUnclosed(error: YAMLError): boolean {
	return error.code === 'MISSING_CHAR' || (error.code === 'BAD_INDENT' && error.message.includes('must be sufficiently indented and end with'));
}
