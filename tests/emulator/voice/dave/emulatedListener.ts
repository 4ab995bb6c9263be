import { createRequire } from 'node:module';
import type * as Davey from '@snazzah/davey';

// davey is CommonJS; its const enums (MediaType, ProposalsOperationType) are plain numbers at run time.
const davey = createRequire(import.meta.url)('@snazzah/davey') as typeof Davey;
const MEDIA_TYPE_AUDIO = 0 as Davey.MediaType;
const PROPOSALS_APPEND = 0 as Davey.ProposalsOperationType;

/** DAVE frames end in the 2-byte magic marker 0xFAFA (after the supplemental data size byte). */
export function hasDaveMagic(frame: Buffer): boolean {
	return frame.length > 3 && frame[frame.length - 1] === 0xfa && frame[frame.length - 2] === 0xfa;
}

/**
 * A human in the bot's voice channel, emulated as a real MLS member with its own @snazzah/davey session: it joins
 * through the server's Add proposal and the bot's Welcome, follows commits, and decrypts the bot's frames.
 */
export class EmulatedListener {
	private readonly session: Davey.DAVESession;
	private welcomed = false;

	public constructor(
		public readonly userId: string,
		channelId: string,
		externalSenderPackage: Buffer
	) {
		this.session = new davey.DAVESession(1, userId, channelId);
		this.session.setExternalSender(externalSenderPackage);
	}

	/** A fresh key package for the server's Add proposal. */
	public keyPackage(): Buffer {
		return this.session.getSerializedKeyPackage();
	}

	/** True once the listener holds the group's keys. */
	public get inGroup(): boolean {
		return this.welcomed && this.session.ready;
	}

	public get epoch(): bigint | null {
		return this.session.epoch;
	}

	public get leafIndex(): number | null {
		return this.session.ownLeafIndex;
	}

	public get memberIds(): string[] {
		return this.session.getUserIds();
	}

	public get privacyCode(): string {
		return this.session.voicePrivacyCode;
	}

	public welcome(welcome: Buffer): void {
		this.session.processWelcome(welcome);
		this.welcomed = true;
	}

	/**
	 * An existing member stores the server's proposals so that it can process the commit that references them.
	 * Its own commit is dropped: the emulated listeners always lose the race to the bot's commit.
	 */
	public storeProposals(proposalMessages: Buffer): void {
		this.session.processProposals(PROPOSALS_APPEND, proposalMessages);
	}

	public commit(commit: Buffer): void {
		this.session.processCommit(commit);
	}

	/** The Opus frame inside a DAVE frame from `senderId`; throws when it cannot be decrypted. */
	public decrypt(senderId: string, frame: Buffer): Buffer {
		return this.session.decrypt(senderId, MEDIA_TYPE_AUDIO, frame);
	}

	public destroy(): void {
		try {
			this.session.reset();
		} catch {
			// Already reset.
		}
	}
}
