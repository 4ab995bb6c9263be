import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The TypeScript sources under `directory`, recursively. */
function sources(directory: string): string[] {
	return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
		const path = join(directory, entry.name);
		if (entry.isDirectory()) return sources(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

/** Whether the file imports Sapphire's global `container` (a value import, not `import type`). */
const importsContainer = (text: string) => /import\s+(?!type\b)\{[^}]*\bcontainer\b[^}]*\}\s+from\s+'@sapphire\/(framework|pieces)'/.test(text);

describe('The container boundary (logic takes its services as arguments)', () => {
	const lib = join(process.cwd(), 'src', 'lib');

	it('GIVEN every file under src/lib WHEN its imports are read THEN only src/lib/setup/ imports the global container', () => {
		const offenders = sources(lib)
			.filter((path) => !relative(lib, path).startsWith('setup'))
			.filter((path) => importsContainer(readFileSync(path, 'utf8')))
			.map((path) => relative(process.cwd(), path));
		expect(offenders).to.deep.equal([]);
	});

	it('GIVEN the setup area WHEN its imports are read THEN the check sees its container imports (it is not blind)', () => {
		const setup = sources(join(lib, 'setup')).filter((path) => importsContainer(readFileSync(path, 'utf8')));
		expect(setup.length).to.be.greaterThan(3);
	});
});
