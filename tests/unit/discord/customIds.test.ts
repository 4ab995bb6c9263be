import { expect } from 'chai';
import { parseWizardCustomId, wizardCustomId } from '#lib/discord/customIds';

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
