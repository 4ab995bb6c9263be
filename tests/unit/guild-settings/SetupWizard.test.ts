import { expect } from 'chai';
import { DefaultGuildSettings } from '#lib/settings/types';
import { QuestionCount, SetupWizard, WizardSteps } from '#lib/guild-settings/SetupWizard';

const current = { ...DefaultGuildSettings, language: 'fr', djRoleId: '42' };

describe('SetupWizard', () => {
	it('GIVEN a new wizard THEN it starts at the language step with a copy of the current settings', () => {
		const wizard = new SetupWizard('w1', 'g1', 'u1', current);
		expect(wizard.step).to.equal('language');
		expect(wizard.stepNumber).to.equal(1);
		expect(wizard.draft).to.deep.equal(current);
		wizard.answer({ language: 'de' });
		expect(current.language, 'the settings passed in are not changed').to.equal('fr');
	});

	it('GIVEN every step answered or skipped WHEN walked through THEN it ends at the summary with the answers in the draft', () => {
		const wizard = new SetupWizard('w1', 'g1', 'u1', current);
		wizard.answer({ language: 'ja' });
		wizard.answer({ voiceChannelId: 'v1' });
		wizard.answer({ djRoleId: null });
		wizard.skip();
		wizard.answer({ autoJoin: true });
		expect(wizard.answerVolume({ min: '5', default: '80', max: '120' })).to.equal(true);
		wizard.answer({ noticeChannelId: 't1' });
		expect(wizard.step).to.equal('summary');
		expect(QuestionCount).to.equal(WizardSteps.length - 1);
		expect(wizard.draft).to.deep.equal({
			language: 'ja',
			voiceChannelId: 'v1',
			djRoleId: null,
			defaultStationId: null,
			autoJoin: true,
			volume: { min: 5, default: 80, max: 120 },
			noticeChannelId: 't1',
			nowPlayingCard: true,
			switchBack: true
		});
	});

	it('GIVEN invalid volume limits WHEN submitted THEN the wizard stays on the volume step with the problem, and valid ones move on', () => {
		const wizard = new SetupWizard('w1', 'g1', 'u1', current);
		for (let step = 0; step < 5; step++) wizard.skip();
		expect(wizard.step).to.equal('volume');
		expect(wizard.answerVolume({ min: '50', default: '40', max: '100' })).to.equal(false);
		expect(wizard.step).to.equal('volume');
		expect(wizard.volumeProblem).to.equal('wrongOrder');
		expect(wizard.draft.volume, 'a refused answer changes nothing').to.deep.equal(DefaultGuildSettings.volume);
		expect(wizard.answerVolume({ min: '0', default: '0', max: '0' })).to.equal(true);
		expect(wizard.volumeProblem).to.equal(null);
		expect(wizard.step).to.equal('notices');
	});

	it('GIVEN the first step WHEN going back THEN it stays there; from the summary back returns to the last question', () => {
		const wizard = new SetupWizard('w1', 'g1', 'u1', current);
		wizard.back();
		expect(wizard.step).to.equal('language');
		for (let step = 0; step < 10; step++) wizard.skip();
		expect(wizard.step).to.equal('summary');
		wizard.back();
		expect(wizard.step).to.equal('notices');
	});

	it('GIVEN station pages WHEN turned past either end THEN the page stays within range', () => {
		const wizard = new SetupWizard('w1', 'g1', 'u1', current);
		wizard.turnStationPage(-1, 3);
		expect(wizard.stationPage).to.equal(0);
		wizard.turnStationPage(1, 3);
		wizard.turnStationPage(1, 3);
		wizard.turnStationPage(1, 3);
		expect(wizard.stationPage).to.equal(2);
	});

	it('GIVEN some steps answered and others skipped WHEN saved THEN only the changed settings are written', () => {
		const wizard = new SetupWizard('w1', 'g1', 'u1', current);
		expect(wizard.changes()).to.deep.equal({});
		wizard.answer({ language: 'fr' });
		wizard.answer({ voiceChannelId: 'v1' });
		wizard.answer({ djRoleId: null });
		wizard.skip();
		wizard.skip();
		expect(wizard.answerVolume({ min: '10', default: '90', max: '150' })).to.equal(true);
		expect(wizard.changes(), 'the same language and an unchanged min are not changes').to.deep.equal({
			voiceChannelId: 'v1',
			djRoleId: null,
			volume: { min: 10, default: 90, max: 150 }
		});
	});
});
