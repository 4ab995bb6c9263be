import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { readEnvironment } from '#lib/env';
import { openSettingsStore } from '#lib/settings/openSettingsStore';

describe('Settings environment', () => {
	it('GIVEN no settings variables WHEN the environment is read THEN SQLite at data/alastor.sqlite, no Redis, namespace alastor', () => {
		expect(readEnvironment({})).to.deep.include({ settingsPath: 'data/alastor.sqlite', redisUrl: null, settingsNamespace: 'alastor' });
	});

	it('GIVEN SETTINGS_PATH, REDIS_URL and SETTINGS_NAMESPACE WHEN read THEN they are taken as given (blank counts as unset)', () => {
		expect(
			readEnvironment({ SETTINGS_PATH: ' /srv/alastor/settings.sqlite ', REDIS_URL: 'redis://cache:6379/2', SETTINGS_NAMESPACE: 'radio-eu' })
		).to.deep.include({ settingsPath: '/srv/alastor/settings.sqlite', redisUrl: 'redis://cache:6379/2', settingsNamespace: 'radio-eu' });
		expect(readEnvironment({ REDIS_URL: '  ', SETTINGS_PATH: '' })).to.deep.include({ redisUrl: null, settingsPath: 'data/alastor.sqlite' });
	});

	it('GIVEN a relative SETTINGS_PATH WHEN the store opens THEN the file is resolved against the working directory', async () => {
		const directory = mkdtempSync(join(tmpdir(), 'alastor-settings-env-'));
		try {
			const absolute = join(directory, 'data', 'alastor.sqlite');
			const store = await openSettingsStore({ sqlitePath: relative(process.cwd(), absolute) });
			await store.close();
			expect(store.location).to.deep.equal({ kind: 'sqlite', path: absolute });
		} finally {
			rmSync(directory, { recursive: true, force: true });
		}
	});
});
