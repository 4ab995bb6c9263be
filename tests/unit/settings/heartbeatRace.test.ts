import { expect } from 'chai';
import Keyv from 'keyv';
import { KeyvSettingsStore } from '#lib/settings/KeyvSettingsStore';
import { encodeRecord } from '#lib/settings/recordCodec';
import { HeartbeatKind } from '#lib/settings/recordKinds';
import { SettingsStoreError } from '#lib/settings/SettingsStoreError';

/** A keyv store in memory where another instance writes its heartbeat right after ours, `races` times. */
class RacingMap extends Map<string, unknown> {
	public constructor(
		public races: number,
		private readonly others: unknown
	) {
		super();
	}

	public override set(key: string, value: unknown): this {
		super.set(key, value);
		if (key.endsWith('heartbeat') && this.races > 0) {
			this.races--;
			super.set(key, this.others);
		}
		return this;
	}
}

/** Another instance's heartbeat as keyv stores it. */
async function othersHeartbeat(): Promise<unknown> {
	const plain = new Map<string, unknown>();
	await new Keyv({ store: plain, namespace: 'alastor' }).set(
		'heartbeat',
		encodeRecord(HeartbeatKind, 'heartbeat', { at: Date.now() - 1_000, pid: 1 })
	);
	return [...plain.values()][0];
}

const storeOn = (map: Map<string, unknown>) =>
	new KeyvSettingsStore({
		keyv: new Keyv({ store: map, namespace: 'alastor' }),
		location: { kind: 'sqlite', path: '/shared.sqlite' },
		cacheTtlMs: 0
	});

describe('KeyvSettingsStore heartbeat with other instances', () => {
	it('GIVEN another instance writes its heartbeat between our write and our read WHEN the store is checked THEN it opens (it tries again)', async () => {
		const map = new RacingMap(1, await othersHeartbeat());
		await storeOn(map).probe();
		expect(map.races).to.equal(0);
	});

	it('GIVEN a store that always shows another heartbeat instead of ours WHEN checked THEN it fails as not keeping what was written', async () => {
		const map = new RacingMap(Number.POSITIVE_INFINITY, await othersHeartbeat());
		const error = await storeOn(map)
			.probe()
			.then(
				() => null,
				(caught: unknown) => caught
			);
		expect(error).to.be.instanceOf(SettingsStoreError);
		expect((error as SettingsStoreError).message).to.include('did not keep what was written');
	});
});
