import { createRequire } from 'node:module';
import { expect } from 'chai';
import { DaveUnavailableError, loadDaveLibrary, requireDaveOrExit } from '#lib/voice/checkDave';

const installed = createRequire(import.meta.url)('@snazzah/davey') as { VERSION: string; DAVE_PROTOCOL_VERSION: number };

describe('checkDave', () => {
	it('GIVEN the installed @snazzah/davey WHEN checked THEN its version and DAVE protocol version 1 are reported', () => {
		expect(loadDaveLibrary()).to.deep.equal({ version: installed.VERSION, protocolVersion: 1 });
		expect(requireDaveOrExit().version).to.match(/^\d+\.\d+\.\d+/);
	});

	it('GIVEN @snazzah/davey is missing WHEN checked THEN one line names the package, the reason and the fix', () => {
		const missing = () => {
			throw Object.assign(new Error("Cannot find module '@snazzah/davey'\nRequire stack:\n- /app/x.js"), { code: 'MODULE_NOT_FOUND' });
		};
		expect(() => loadDaveLibrary(missing))
			.to.throw(DaveUnavailableError)
			.with.property('message')
			.that.matches(/^DAVE unavailable: @snazzah\/davey could not be used \(Cannot find module '@snazzah\/davey'\)\. .*npm ci[^\n]*$/);
	});

	it('GIVEN its native binary fails to load WHEN checked THEN the loader error is reported on one line', () => {
		const broken = () => {
			throw new Error('Cannot find native binding. npm has a bug related to optional dependencies\n  at …');
		};
		expect(() => loadDaveLibrary(broken)).to.throw(
			DaveUnavailableError,
			/\(Cannot find native binding\. npm has a bug related to optional dependencies\)/
		);
	});

	it('GIVEN a davey that speaks no DAVE protocol version WHEN checked THEN it is unavailable', () => {
		expect(() => loadDaveLibrary(() => ({ VERSION: '0.0.1', DAVE_PROTOCOL_VERSION: 0 }))).to.throw(DaveUnavailableError, /protocol version 0/);
	});
});
