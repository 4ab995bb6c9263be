import { expect } from 'chai';
import { directoryCustomId, parseDirectoryCustomId, parseWizardCustomId, wizardCustomId } from '#lib/discord/customIds';

describe('wizard custom ids', () => {
	it('GIVEN an id built for a step and action WHEN parsed THEN the same parts come back, within 100 characters', () => {
		const id = wizardCustomId('AbC-12_xyz', 'language', 'language', '2');
		expect(id.length).to.be.at.most(100);
		expect(parseWizardCustomId(id)).to.deep.equal({ wizardId: 'AbC-12_xyz', step: 'language', action: 'language', part: '2' });
		expect(parseWizardCustomId(wizardCustomId('w', 'summary', 'save'))).to.deep.equal({
			wizardId: 'w',
			step: 'summary',
			action: 'save',
			part: ''
		});
	});

	it("GIVEN another handler's id or a malformed one WHEN parsed THEN it is not the wizard's", () => {
		for (const other of [
			'radio-play:sine',
			'setup-reset:confirm',
			'setup-wizard:w:nowhere:save',
			'setup-wizard:w:summary:explode',
			'setup-wizard::summary:save'
		]) {
			expect(parseWizardCustomId(other), other).to.equal(null);
		}
	});
});

describe('directory result custom ids', () => {
	const uuid = '96062a7b-0601-11e8-ae97-52543be04c81';

	it('GIVEN the ⭐ and Save ids of a result WHEN parsed THEN action and uuid come back; anything else is not theirs', () => {
		expect(parseDirectoryCustomId(directoryCustomId('fav', uuid))).to.deep.equal({ action: 'fav', uuid });
		expect(parseDirectoryCustomId(directoryCustomId('save', uuid))).to.deep.equal({ action: 'save', uuid });
		for (const other of [`radio-play:rb-${uuid}`, `radio-dir:play:${uuid}`, 'radio-dir:save:../../x', `radio-dir:save:${uuid}:extra`]) {
			expect(parseDirectoryCustomId(other), other).to.equal(null);
		}
	});
});
