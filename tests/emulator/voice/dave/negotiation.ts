import type { DavePolicy } from '../protocol.js';
import { VoiceCloseCode } from '../protocol.js';
import { PassthroughDaveLayer, type DaveLayer, type DaveLayerContext } from './daveLayer.js';
import { DaveProtocolLayer } from './daveProtocolLayer.js';

export type DaveNegotiation = { layer: DaveLayer } | { rejectWith: number };

/** Chooses the session's DAVE protocol version from the server policy and the client's max_dave_protocol_version. */
export function negotiateDave(policy: DavePolicy, clientMaxVersion: number, context: DaveLayerContext): DaveNegotiation {
	if (policy === 'required' && clientMaxVersion < 1) return { rejectWith: VoiceCloseCode.E2eeRequired };
	if (policy === 'off' || clientMaxVersion < 1) return { layer: new PassthroughDaveLayer() };
	return { layer: new DaveProtocolLayer(context) };
}
