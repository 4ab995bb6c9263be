import { TlsReader } from './tlsCodec.js';

/** RFC 9420 code points used by DAVE protocol version 1. */
export const Mls = {
	version10: 1,
	wireFormatPublicMessage: 1,
	wireFormatWelcome: 3,
	senderMember: 1,
	senderExternal: 2,
	contentProposal: 2,
	contentCommit: 3,
	proposalAdd: 1,
	proposalRemove: 3,
	credentialBasic: 1,
	/** MLS_128_DHKEMP256_AES128GCM_SHA256_P256, the ciphersuite of DAVE protocol version 1. */
	ciphersuiteDaveV1: 2
} as const;

/** What the emulator needs from a commit the client sent: its group, epoch and committer. */
export interface CommitSummary {
	groupId: Buffer;
	epoch: bigint;
	committerLeafIndex: number;
	proposalCount: number;
	hasPath: boolean;
}

/**
 * Splits a dave_mls_commit_welcome (op 28) payload: an MLSMessage holding the commit, then, when the commit adds
 * members, a bare Welcome (as @snazzah/davey and libdave send it). Throws when the payload is not that.
 */
export function splitCommitWelcome(payload: Buffer): { commit: Buffer; welcome: Buffer | null; summary: CommitSummary } {
	const reader = new TlsReader(payload);
	const summary = readPublicCommit(reader);
	const commit = payload.subarray(0, reader.offset);
	if (reader.remaining === 0) return { commit, welcome: null, summary };
	const welcome = payload.subarray(reader.offset);
	const welcomeReader = new TlsReader(welcome);
	const cipherSuite = welcomeReader.uint16();
	welcomeReader.vector(); // secrets
	welcomeReader.vector(); // encrypted_group_info
	if (cipherSuite !== Mls.ciphersuiteDaveV1 || welcomeReader.remaining !== 0)
		throw new Error('op 28: the bytes after the commit are not a Welcome');
	return { commit, welcome, summary };
}

function readPublicCommit(reader: TlsReader): CommitSummary {
	if (reader.uint16() !== Mls.version10 || reader.uint16() !== Mls.wireFormatPublicMessage) throw new Error('op 28: not an MLS 1.0 PublicMessage');
	const groupId = reader.vector();
	const epoch = reader.uint64();
	if (reader.uint8() !== Mls.senderMember) throw new Error('op 28: the commit is not from a group member');
	const committerLeafIndex = reader.uint32();
	reader.vector(); // authenticated_data
	if (reader.uint8() !== Mls.contentCommit) throw new Error('op 28: the message is not a commit');
	const proposals = new TlsReader(reader.vector());
	let proposalCount = 0;
	while (proposals.remaining > 0) {
		skipProposalOrRef(proposals);
		proposalCount++;
	}
	const hasPath = reader.uint8() === 1;
	if (hasPath) {
		skipLeafNode(reader);
		reader.vector(); // UpdatePathNode nodes<V>
	}
	reader.vector(); // signature
	reader.vector(); // confirmation_tag
	reader.vector(); // membership_tag
	return { groupId, epoch, committerLeafIndex, proposalCount, hasPath };
}

function skipProposalOrRef(reader: TlsReader): void {
	const type = reader.uint8();
	if (type === 2) {
		reader.vector(); // ProposalRef
		return;
	}
	if (type !== 1) throw new Error(`op 28: unknown ProposalOrRef type ${type}`);
	const proposalType = reader.uint16();
	if (proposalType === Mls.proposalRemove) reader.uint32();
	else if (proposalType === Mls.proposalAdd) skipKeyPackage(reader);
	else throw new Error(`op 28: inline proposal type ${proposalType} is not used by DAVE`);
}

function skipKeyPackage(reader: TlsReader): void {
	reader.uint16(); // version
	reader.uint16(); // cipher_suite
	reader.vector(); // init_key
	skipLeafNode(reader);
	reader.vector(); // extensions
	reader.vector(); // signature
}

function skipLeafNode(reader: TlsReader): void {
	reader.vector(); // encryption_key
	reader.vector(); // signature_key
	skipCredential(reader);
	for (let i = 0; i < 5; i++) reader.vector(); // capabilities: versions, cipher_suites, extensions, proposals, credentials
	const source = reader.uint8();
	if (source === 1)
		reader.take(16); // key_package: Lifetime (not_before, not_after)
	else if (source === 3)
		reader.vector(); // commit: parent_hash
	else if (source !== 2) throw new Error(`unknown leaf node source ${source}`);
	reader.vector(); // extensions
	reader.vector(); // signature
}

function skipCredential(reader: TlsReader): void {
	const type = reader.uint16();
	if (type === Mls.credentialBasic) reader.vector();
	else throw new Error(`credential type ${type} is not used by DAVE`);
}

/** The user id in a DAVE key package's basic credential (8 bytes, big-endian). */
export function keyPackageUserId(keyPackage: Buffer): string {
	const reader = new TlsReader(keyPackage);
	reader.uint16();
	reader.uint16();
	reader.vector();
	reader.vector();
	reader.vector();
	if (reader.uint16() !== Mls.credentialBasic) throw new Error('key package without a basic credential');
	const identity = reader.vector();
	if (identity.length !== 8) throw new Error(`key package identity is ${identity.length} bytes, not a user id`);
	return identity.readBigUInt64BE(0).toString();
}
