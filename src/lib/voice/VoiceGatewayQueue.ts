import type { DiscordGatewayAdapterCreator, DiscordGatewayAdapterImplementerMethods } from '@discordjs/voice';
import type { Log } from '#lib/logger/logger';

export interface VoiceGatewayQueueOptions {
	/** Voice state updates (op 4) sent per shard and minute, below discord.js's own 120 per minute so its queue stays empty. */
	perMinute: number;
	/** How many may go out at once after a quiet time. */
	burst: number;
	log: Log;
	now?: () => number;
}

/** The queue's burst for a budget: a tenth of a minute's (at most 10), which with the maximum of 104 stays within discord.js's 114. */
export function gatewayBurst(perMinute: number): number {
	return Math.min(10, Math.max(1, Math.round(perMinute / 10)));
}

/** A wait in the gateway queue shorter than this goes unmentioned: the reply comes about as soon. */
const NoticeableWaitMs = 2_000;
/** The member is told again when the expected join time moved this much later than what they were shown. */
const SlipWorthTellingMs = 10_000;

/**
 * Whether a member whose join waits (`queued`, at `now`) should be told: the first time once the wait is noticeable,
 * later only when it slipped well past the time they were shown (`shownAt`). Each telling is a REST edit.
 */
export function worthTelling(shownAt: number | null, queued: QueuedJoin, now: number): boolean {
	if (shownAt === null) return queued.etaMs >= NoticeableWaitMs;
	return now + queued.etaMs - shownAt > SlipWorthTellingMs;
}

/** What of a discord.js Guild the queue reads. */
export interface QueuedGuild {
	id: string;
	shardId: number;
	voiceAdapterCreator: DiscordGatewayAdapterCreator;
	members: { me: { voice: { channelId: string | null } } | null };
}

/** Where a guild's voice state update waits: `ahead` payloads of its shard go first; it goes out in about `etaMs`. */
export interface QueuedJoin {
	ahead: number;
	etaMs: number;
}

interface Pending {
	guildId: string;
	channelId: string | null;
	payload: unknown;
	adapter: DiscordGatewayAdapterImplementerMethods;
	sent: Array<(sent: boolean) => void>;
}

interface ShardLane {
	tokens: number;
	refilledAt: number;
	pending: Pending[];
	timer: NodeJS.Timeout | null;
}

/**
 * Voice joins pass through here before discord.js's gateway queue, which sends whatever it was given, however late.
 * Here a join that waits is known (its place, its wait), the latest state of a guild replaces one still waiting (a
 * leave withdraws a join that never went out), and nothing goes out for a command that gave up on it.
 */
export class VoiceGatewayQueue {
	private readonly lanes = new Map<number, ShardLane>();
	/** The channel each guild was last told to be in by a payload that went out (or was in before our first). */
	private readonly lastSent = new Map<string, string | null>();
	private readonly now: () => number;

	public constructor(private readonly options: VoiceGatewayQueueOptions) {
		this.now = options.now ?? Date.now;
	}

	/** An adapter creator for `guild` whose voice state updates wait their turn here. */
	public adapterFor(guild: QueuedGuild): DiscordGatewayAdapterCreator {
		return (methods) => {
			const adapter = guild.voiceAdapterCreator(methods);
			return {
				sendPayload: (payload) => {
					// Before our first payload the guild's state is what Discord last told discord.js.
					if (!this.lastSent.has(guild.id)) this.lastSent.set(guild.id, guild.members.me?.voice.channelId ?? null);
					return this.enqueue(guild.shardId, guild.id, payload, adapter);
				},
				destroy: () => adapter.destroy()
			};
		};
	}

	/** The guild's waiting payload, if one waits. */
	public position(guildId: string): QueuedJoin | null {
		const found = this.find(guildId);
		return found && { ahead: found.index, etaMs: this.etaMs(found.lane, found.index) };
	}

	/** Resolves true once nothing of `guildId` waits (its payload went out, or none waited); false if it was withdrawn instead. */
	public whenSent(guildId: string): Promise<boolean> {
		const found = this.find(guildId);
		if (!found) return Promise.resolve(true);
		return new Promise((resolve) => found.lane.pending[found.index]!.sent.push(resolve));
	}

	/** Drops the guild's waiting payload: it never reaches Discord. True if one waited. */
	public withdraw(guildId: string): boolean {
		const found = this.find(guildId);
		if (found) this.dropAt(found.lane, found.index);
		return found !== null;
	}

	/** Payloads waiting in every shard's lane. */
	public get waiting(): number {
		let count = 0;
		for (const lane of this.lanes.values()) count += lane.pending.length;
		return count;
	}

	/** Ends the pacing timers; what waits is dropped (the process is stopping). */
	public close(): void {
		for (const lane of this.lanes.values()) {
			if (lane.timer) clearTimeout(lane.timer);
			lane.timer = null;
			for (const pending of lane.pending.splice(0)) for (const resolve of pending.sent) resolve(false);
		}
	}

	private enqueue(shardId: number, guildId: string, payload: unknown, adapter: DiscordGatewayAdapterImplementerMethods): boolean {
		const channelId = channelOf(payload);
		const lane = this.lane(shardId);
		const index = lane.pending.findIndex((pending) => pending.guildId === guildId);
		// A leave where Discord never saw a join: nothing to undo, so it would only spend the budget, and a join still
		// waiting is withdrawn by it (the guild's state is what its latest update says).
		const nothingToUndo = channelId === null && this.lastSent.get(guildId) === null;
		if (index >= 0) {
			if (nothingToUndo) this.dropAt(lane, index);
			else Object.assign(lane.pending[index]!, { channelId, payload, adapter });
			return true;
		}
		if (nothingToUndo) return true;
		lane.pending.push({ guildId, channelId, payload, adapter, sent: [] });
		this.drain(lane);
		return true;
	}

	/** Where the guild's payload waits: a guild has at most one, in its shard's lane. */
	private find(guildId: string): { lane: ShardLane; index: number } | null {
		for (const lane of this.lanes.values()) {
			const index = lane.pending.findIndex((pending) => pending.guildId === guildId);
			if (index >= 0) return { lane, index };
		}
		return null;
	}

	/** Takes a waiting payload out of its lane: it never reaches Discord, and whoever waited for it hears false. */
	private dropAt(lane: ShardLane, index: number): void {
		const [pending] = lane.pending.splice(index, 1);
		for (const resolve of pending!.sent) resolve(false);
		this.options.log.info({ guildId: pending!.guildId, channelId: pending!.channelId }, 'voice state update withdrawn before it was sent');
	}

	private lane(shardId: number): ShardLane {
		let lane = this.lanes.get(shardId);
		if (!lane) {
			lane = { tokens: this.options.burst, refilledAt: this.now(), pending: [], timer: null };
			this.lanes.set(shardId, lane);
		}
		return lane;
	}

	private get perMs(): number {
		return this.options.perMinute / 60_000;
	}

	private refill(lane: ShardLane): void {
		const now = this.now();
		lane.tokens = Math.min(this.options.burst, lane.tokens + (now - lane.refilledAt) * this.perMs);
		lane.refilledAt = now;
	}

	/** When the payload at `index` goes out, if the lane keeps its pace. */
	private etaMs(lane: ShardLane, index: number): number {
		this.refill(lane);
		return Math.max(0, Math.ceil((index + 1 - lane.tokens) / this.perMs));
	}

	private drain(lane: ShardLane): void {
		if (lane.timer) return;
		this.refill(lane);
		while (lane.pending.length > 0 && lane.tokens >= 1) {
			const pending = lane.pending[0]!;
			// discord.js refuses while the shard is not Ready: the payload keeps its place and is tried again.
			if (!pending.adapter.sendPayload(pending.payload)) break;
			lane.pending.shift();
			lane.tokens -= 1;
			this.lastSent.set(pending.guildId, pending.channelId);
			for (const resolve of pending.sent) resolve(true);
		}
		if (lane.pending.length === 0) return;
		const wait = Math.max(50, Math.ceil((1 - lane.tokens) / this.perMs));
		lane.timer = setTimeout(() => {
			lane.timer = null;
			this.drain(lane);
		}, wait);
		lane.timer.unref();
	}
}

function channelOf(payload: unknown): string | null {
	const data = (payload as { d?: { channel_id?: string | null } } | null)?.d;
	return data?.channel_id ?? null;
}
