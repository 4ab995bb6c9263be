import { container } from '@sapphire/framework';
import { WizardSessions } from '#lib/guild-settings/wizardSessions';
import type { Log } from '#lib/logger/logger';

/** The /setup wizards of this process. */
export function setupWizards(log: Log): void {
	container.wizards = new WizardSessions({
		settings: container.settings,
		guildStations: container.guildStations,
		sessionRestorer: container.sessionRestorer,
		setupChanges: container.setupChanges,
		mentions: container.mentions,
		tFor: container.tFor,
		logger: log,
		idleTimeoutMs: container.config.setup.wizardTimeoutSeconds * 1_000
	});
}
