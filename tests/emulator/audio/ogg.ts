/** Splits an Ogg Opus file into its Opus packets, without the OpusHead and OpusTags header packets. */
export function readOggOpusPackets(file: Buffer): Buffer[] {
	const packets: Buffer[] = [];
	let pending: Buffer[] = [];
	let offset = 0;
	while (offset + 27 <= file.length) {
		if (file.toString('latin1', offset, offset + 4) !== 'OggS') throw new Error(`No Ogg page at byte ${offset}`);
		const segmentCount = file[offset + 26]!;
		const lacing = file.subarray(offset + 27, offset + 27 + segmentCount);
		let bodyOffset = offset + 27 + segmentCount;
		for (const segmentLength of lacing) {
			pending.push(file.subarray(bodyOffset, bodyOffset + segmentLength));
			bodyOffset += segmentLength;
			// A lacing value below 255 ends a packet; 255 continues it into the next segment (or page).
			if (segmentLength < 255) {
				packets.push(Buffer.concat(pending));
				pending = [];
			}
		}
		offset = bodyOffset;
	}
	return packets.filter((packet) => !isHeaderPacket(packet));
}

function isHeaderPacket(packet: Buffer): boolean {
	const magic = packet.toString('latin1', 0, 8);
	return magic === 'OpusHead' || magic === 'OpusTags';
}
