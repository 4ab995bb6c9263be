import { expect } from 'chai';
import { WizardRegistry, type Timers } from '#lib/guild-settings/WizardRegistry';

/** Timers driven by hand: `advance(ms)` fires whatever is due. */
class ManualTimers implements Timers {
	public now = 0;
	private readonly pending = new Map<number, { at: number; callback: () => void }>();
	private next = 0;

	public setTimeout(callback: () => void, ms: number): unknown {
		const handle = ++this.next;
		this.pending.set(handle, { at: this.now + ms, callback });
		return handle;
	}

	public clearTimeout(handle: unknown): void {
		this.pending.delete(handle as number);
	}

	public advance(ms: number): void {
		this.now += ms;
		for (const [handle, timer] of [...this.pending]) {
			if (timer.at > this.now) continue;
			this.pending.delete(handle);
			timer.callback();
		}
	}

	public get count(): number {
		return this.pending.size;
	}
}

describe('WizardRegistry', () => {
	const setup = () => {
		const timers = new ManualTimers();
		const expired: string[] = [];
		const registry = new WizardRegistry<{ id: string }>({ idleTimeoutMs: 1000, onExpire: (entry) => expired.push(entry.id), timers });
		return { timers, expired, registry };
	};

	it('GIVEN an untouched wizard WHEN its idle time passes THEN it is removed and reported once', () => {
		const { timers, expired, registry } = setup();
		registry.add({ id: 'a' });
		timers.advance(999);
		expect(expired).to.deep.equal([]);
		timers.advance(1);
		expect(expired).to.deep.equal(['a']);
		expect(registry.touch('a')).to.equal(undefined);
		expect(registry.size).to.equal(0);
	});

	it('GIVEN a wizard in use WHEN touched THEN its idle time starts again', () => {
		const { timers, expired, registry } = setup();
		registry.add({ id: 'a' });
		timers.advance(800);
		expect(registry.touch('a')).to.deep.equal({ id: 'a' });
		timers.advance(800);
		expect(expired).to.deep.equal([]);
		timers.advance(200);
		expect(expired).to.deep.equal(['a']);
	});

	it('GIVEN a saved or cancelled wizard WHEN removed THEN it never expires and leaves no timer', () => {
		const { timers, expired, registry } = setup();
		registry.add({ id: 'a' });
		registry.add({ id: 'b' });
		expect(registry.remove('a')).to.deep.equal({ id: 'a' });
		expect(timers.count).to.equal(1);
		timers.advance(5000);
		expect(expired).to.deep.equal(['b']);
		expect(timers.count).to.equal(0);
	});

	it('GIVEN wizards of several admins WHEN those matching a filter are removed THEN only they are gone, without expiry reports', () => {
		const { timers, expired, registry } = setup();
		registry.add({ id: 'a' });
		registry.add({ id: 'b' });
		expect(registry.removeWhere((entry) => entry.id === 'a')).to.deep.equal([{ id: 'a' }]);
		expect(registry.touch('a')).to.equal(undefined);
		expect(registry.touch('b')).to.deep.equal({ id: 'b' });
		timers.advance(5000);
		expect(expired).to.deep.equal(['b']);
	});
});
