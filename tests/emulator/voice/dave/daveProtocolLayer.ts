import { VoiceOp, type VoicePayload } from '../protocol.js';
import type { DaveFrame, DaveGroupSnapshot, DaveLayer, DaveLayerContext } from './daveLayer.js';
import { EmulatedListener, hasDaveMagic } from './emulatedListener.js';
import { appendProposalsPayload, daveGroupId, ExternalSender } from './externalSender.js';
import { splitCommitWelcome } from './mlsMessages.js';
import { uint16, vector } from './tlsCodec.js';

const DAVE_PROTOCOL_VERSION = 1;

/** Proposals sent to the bot, waiting for its commit (op 28) and then its transition ready (op 23). */
interface PendingChange {
	adding: EmulatedListener[];
	removing: string[];
	transitionId?: number;
}

/**
 * DAVE protocol version 1 as Discord's voice server runs it, for one bot connection. The server is the MLS
 * external sender (op 25); humans in the channel are emulated listeners with their own davey sessions. Joins and
 * leaves become external Add/Remove proposals (op 27); the bot commits (op 28); the server announces the commit
 * (op 29), welcomes new listeners, and executes the transition (op 22) once the bot is ready (op 23). When the last
 * listener leaves, the group is reset (op 24 epoch 1, op 21 transition 0) and re-formed at the next join.
 */
export class DaveProtocolLayer implements DaveLayer {
	public readonly protocolVersion = DAVE_PROTOCOL_VERSION;
	private readonly externalSender = new ExternalSender();
	private readonly groupId: Buffer;
	private readonly present = new Set<string>();
	/** Listeners in the MLS group (or being welcomed into it), in join order. */
	private readonly listeners = new Map<string, EmulatedListener>();
	private started = false;
	/** The bot sent a key package since its last reset: it holds a pending or established group to propose to. */
	private botHasGroup = false;
	private epoch = 0n;
	private pending: PendingChange | null = null;
	private nextTransitionId = 1;
	private executedTransitions = 0;
	private soleMemberResets = 0;
	private invalidCommitWelcomes = 0;
	private readonly errors: string[] = [];

	public constructor(private readonly context: DaveLayerContext) {
		this.groupId = daveGroupId(context.channelId);
	}

	public get group(): DaveGroupSnapshot {
		return {
			epoch: this.epoch > 0n ? this.epoch : null,
			listeners: [...this.listeners.values()].filter((listener) => listener.inGroup).map((listener) => listener.userId),
			executedTransitions: this.executedTransitions,
			soleMemberResets: this.soleMemberResets,
			invalidCommitWelcomes: this.invalidCommitWelcomes,
			errors: [...this.errors]
		};
	}

	/** After SESSION_DESCRIPTION: who is here (op 11), then the server's external sender (op 25). */
	public start(): void {
		this.started = true;
		for (const userId of this.context.channelMembers()) this.present.add(userId);
		if (this.present.size > 0) this.context.sendJson(VoiceOp.ClientsConnect, { user_ids: [...this.present] });
		this.context.sendBinary(VoiceOp.DaveMlsExternalSender, this.externalSender.package());
	}

	public memberJoined(userId: string): void {
		if (this.present.has(userId)) return;
		this.present.add(userId);
		if (!this.started) return;
		this.context.sendJson(VoiceOp.ClientsConnect, { user_ids: [userId] });
		this.reconcile();
	}

	public memberLeft(userId: string): void {
		if (!this.present.delete(userId) || !this.started) return;
		this.context.sendJson(VoiceOp.ClientDisconnect, { user_id: userId });
		this.reconcile();
	}

	public handleJson(payload: VoicePayload): boolean {
		const transitionId = (payload.d as { transition_id?: number } | null)?.transition_id;
		if (payload.op === VoiceOp.DaveTransitionReady) {
			if (this.pending?.transitionId !== undefined && this.pending.transitionId === transitionId) this.execute(transitionId);
			return true;
		}
		if (payload.op === VoiceOp.DaveMlsInvalidCommitWelcome) {
			// The bot re-initializes and sends a fresh key package; the group is rebuilt from that.
			this.invalidCommitWelcomes++;
			this.botHasGroup = false;
			this.pending = null;
			return true;
		}
		return false;
	}

	public handleBinary(op: number, payload: Buffer): boolean {
		if (op === VoiceOp.DaveMlsKeyPackage) {
			this.onKeyPackage();
			return true;
		}
		if (op === VoiceOp.DaveMlsCommitWelcome) {
			this.onCommitWelcome(payload);
			return true;
		}
		return false;
	}

	public decryptFrame(frame: Buffer): DaveFrame {
		const byListener = new Map<string, Buffer | null>();
		if (!hasDaveMagic(frame)) return { e2ee: false, payload: frame, opus: frame, byListener };
		for (const listener of this.listeners.values()) {
			if (!listener.inGroup) continue;
			try {
				byListener.set(listener.userId, listener.decrypt(this.context.userId, frame));
			} catch {
				byListener.set(listener.userId, null);
			}
		}
		const [first] = byListener.values();
		return { e2ee: true, payload: frame, opus: first ?? null, byListener };
	}

	public destroy(): void {
		for (const listener of this.listeners.values()) listener.destroy();
		this.listeners.clear();
		this.pending = null;
		this.started = false;
	}

	/** A key package means the bot (re)initialized: it has a fresh pending group, so the group is formed anew. */
	private onKeyPackage(): void {
		for (const listener of this.listeners.values()) listener.destroy();
		this.listeners.clear();
		this.pending = null;
		this.epoch = 0n;
		this.botHasGroup = true;
		this.reconcile();
	}

	/** Brings the MLS group in line with who is in the channel: one change (proposals → commit → transition) at a time. */
	private reconcile(): void {
		if (!this.started || !this.botHasGroup || this.pending) return;
		// A listener that never made it into the group (its welcome failed) has no leaf to remove: just drop it.
		for (const listener of [...this.listeners.values()]) {
			if (listener.leafIndex === null || !listener.inGroup) this.dropListener(listener.userId);
		}
		const removing = [...this.listeners.keys()].filter((userId) => !this.present.has(userId));
		const joining = [...this.present].filter((userId) => !this.listeners.has(userId));
		if (removing.length === 0 && joining.length === 0) return;
		if (removing.length === this.listeners.size && joining.length === 0) return this.soleMemberReset();

		const adding = joining.map((userId) => new EmulatedListener(userId, this.context.channelId, this.externalSender.package()));
		const messages = [
			...removing.map((userId) => this.externalSender.removeProposal(this.groupId, this.epoch, this.listeners.get(userId)!.leafIndex!)),
			...adding.map((listener) => this.externalSender.addProposal(this.groupId, this.epoch, listener.keyPackage()))
		];
		for (const listener of this.listeners.values()) {
			if (removing.includes(listener.userId)) continue;
			this.guard(listener, 'store proposals', () => listener.storeProposals(vector(...messages)));
		}
		this.pending = { adding, removing };
		this.context.sendBinary(VoiceOp.DaveMlsProposals, appendProposalsPayload(messages));
	}

	/** The bot is alone: Discord drops the group; the bot re-initializes (new key package) for the next join. */
	private soleMemberReset(): void {
		for (const listener of this.listeners.values()) listener.destroy();
		this.listeners.clear();
		this.botHasGroup = false;
		this.epoch = 0n;
		this.soleMemberResets++;
		this.context.sendJson(VoiceOp.DavePrepareEpoch, { protocol_version: DAVE_PROTOCOL_VERSION, epoch: 1 });
		this.context.sendJson(VoiceOp.DavePrepareTransition, { protocol_version: DAVE_PROTOCOL_VERSION, transition_id: 0 });
		this.context.groupChanged(this.group);
	}

	private onCommitWelcome(payload: Buffer): void {
		const change = this.pending;
		// Discord keeps only the first commit of an epoch.
		if (!change || change.transitionId !== undefined) return;
		let parts: ReturnType<typeof splitCommitWelcome>;
		try {
			parts = splitCommitWelcome(payload);
		} catch (error) {
			this.errors.push(`op 28 unreadable: ${(error as Error).message}`);
			return;
		}
		if (parts.summary.epoch !== this.epoch || !parts.summary.groupId.equals(this.groupId)) {
			this.errors.push(`op 28 for epoch ${parts.summary.epoch}, expected ${this.epoch}`);
			return;
		}
		const transitionId = this.nextTransitionId;
		this.nextTransitionId = (this.nextTransitionId % 0xffff) + 1;
		change.transitionId = transitionId;

		for (const userId of change.removing) this.dropListener(userId);
		for (const listener of this.listeners.values()) this.guard(listener, 'process commit', () => listener.commit(parts.commit));
		for (const listener of change.adding) {
			this.listeners.set(listener.userId, listener);
			if (parts.welcome) this.guard(listener, 'process welcome', () => listener.welcome(parts.welcome!));
		}
		this.epoch++;
		this.context.sendBinary(VoiceOp.DaveMlsAnnounceCommitTransition, Buffer.concat([uint16(transitionId), parts.commit]));
	}

	private execute(transitionId: number): void {
		this.pending = null;
		this.executedTransitions++;
		this.context.sendJson(VoiceOp.DaveExecuteTransition, { transition_id: transitionId });
		this.context.groupChanged(this.group);
		this.reconcile();
	}

	private dropListener(userId: string): void {
		this.listeners.get(userId)?.destroy();
		this.listeners.delete(userId);
	}

	private guard(listener: EmulatedListener, step: string, action: () => void): void {
		try {
			action();
		} catch (error) {
			this.errors.push(`listener ${listener.userId} could not ${step}: ${(error as Error).message}`);
		}
	}
}
