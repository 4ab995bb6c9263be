import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { Mls } from './mlsMessages.js';
import { uint16, uint32, uint64, uint8, vector } from './tlsCodec.js';

/**
 * The voice server's MLS identity: the group's external sender (RFC 9420 §12.1.8.1). It proposes adds and
 * removes, signed with ECDSA P-256 / SHA-256 (DER), the signature scheme of DAVE's ciphersuite.
 */
export class ExternalSender {
	/** Uncompressed P-256 point (65 bytes). */
	public readonly publicKey: Buffer;
	private readonly privateKey: KeyObject;

	public constructor() {
		const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
		this.privateKey = privateKey;
		const jwk = publicKey.export({ format: 'jwk' });
		this.publicKey = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
	}

	/** dave_mls_external_sender_package (op 25): ExternalSender { signature_key<V>; Credential (basic, identity 0x00) }. */
	public package(): Buffer {
		return Buffer.concat([vector(this.publicKey), uint16(Mls.credentialBasic), vector(Buffer.from([0]))]);
	}

	/** An external Add proposal for `keyPackage`, as an MLSMessage (PublicMessage). */
	public addProposal(groupId: Buffer, epoch: bigint, keyPackage: Buffer): Buffer {
		return this.proposal(groupId, epoch, Buffer.concat([uint16(Mls.proposalAdd), keyPackage]));
	}

	/** An external Remove proposal for the member at `leafIndex`. */
	public removeProposal(groupId: Buffer, epoch: bigint, leafIndex: number): Buffer {
		return this.proposal(groupId, epoch, Buffer.concat([uint16(Mls.proposalRemove), uint32(leafIndex)]));
	}

	private proposal(groupId: Buffer, epoch: bigint, proposal: Buffer): Buffer {
		const framedContent = Buffer.concat([
			vector(groupId),
			uint64(epoch),
			uint8(Mls.senderExternal),
			uint32(0), // index into the group's external_senders extension
			vector(), // authenticated_data
			uint8(Mls.contentProposal),
			proposal
		]);
		const header = Buffer.concat([uint16(Mls.version10), uint16(Mls.wireFormatPublicMessage)]);
		// FramedContentTBS for an external sender carries no GroupContext; SignWithLabel(…, "FramedContentTBS", …).
		const signContent = Buffer.concat([vector(Buffer.from('MLS 1.0 FramedContentTBS')), vector(header, framedContent)]);
		const signature = sign('sha256', signContent, this.privateKey);
		// External senders have no membership tag, and proposals no confirmation tag.
		return Buffer.concat([header, framedContent, vector(signature)]);
	}
}

/** dave_mls_proposals (op 27) payload: operation type (0 = append) and the proposal messages as one vector. */
export function appendProposalsPayload(messages: Buffer[]): Buffer {
	return Buffer.concat([uint8(0), vector(...messages)]);
}

/** The MLS group id of a DAVE group: the channel id, 8 bytes big-endian. */
export function daveGroupId(channelId: string): Buffer {
	return uint64(BigInt(channelId));
}
