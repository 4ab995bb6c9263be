/** UDP IP discovery: 74-byte packets, type 0x1 request / 0x2 response, length 70, SSRC, NUL-padded address, port. */
export const IP_DISCOVERY_LENGTH = 74;

export function parseIpDiscoveryRequest(packet: Buffer): { ssrc: number } | null {
	if (packet.length !== IP_DISCOVERY_LENGTH || packet.readUInt16BE(0) !== 1 || packet.readUInt16BE(2) !== 70) return null;
	return { ssrc: packet.readUInt32BE(4) };
}

export function buildIpDiscoveryResponse(ssrc: number, address: string, port: number): Buffer {
	const packet = Buffer.alloc(IP_DISCOVERY_LENGTH);
	packet.writeUInt16BE(2, 0);
	packet.writeUInt16BE(70, 2);
	packet.writeUInt32BE(ssrc, 4);
	packet.write(address, 8, 64, 'utf8');
	packet.writeUInt16BE(port, IP_DISCOVERY_LENGTH - 2);
	return packet;
}
