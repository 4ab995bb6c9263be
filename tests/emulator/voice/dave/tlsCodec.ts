/**
 * The TLS presentation language as MLS (RFC 9420 §2.1) uses it: big-endian integers and vectors whose
 * length is a variable-size integer (1, 2 or 4 bytes, the top two bits giving the size).
 */
export function encodeVarint(value: number): Buffer {
	if (value < 0x40) return Buffer.from([value]);
	if (value < 0x4000) return Buffer.from([0x40 | (value >> 8), value & 0xff]);
	if (value < 0x4000_0000) {
		const buffer = Buffer.alloc(4);
		buffer.writeUInt32BE((0x8000_0000 | value) >>> 0);
		return buffer;
	}
	throw new RangeError(`MLS vector too long: ${value} bytes`);
}

/** opaque data<V>: the bytes prefixed with their varint length. */
export function vector(...parts: Buffer[]): Buffer {
	const body = Buffer.concat(parts);
	return Buffer.concat([encodeVarint(body.length), body]);
}

export function uint8(value: number): Buffer {
	return Buffer.from([value]);
}

export function uint16(value: number): Buffer {
	const buffer = Buffer.alloc(2);
	buffer.writeUInt16BE(value);
	return buffer;
}

export function uint32(value: number): Buffer {
	const buffer = Buffer.alloc(4);
	buffer.writeUInt32BE(value);
	return buffer;
}

export function uint64(value: bigint): Buffer {
	const buffer = Buffer.alloc(8);
	buffer.writeBigUInt64BE(value);
	return buffer;
}

/** Reads MLS structures field by field; throws RangeError when the buffer ends early. */
export class TlsReader {
	public offset = 0;

	public constructor(private readonly buffer: Buffer) {}

	public get remaining(): number {
		return this.buffer.length - this.offset;
	}

	public uint8(): number {
		return this.take(1).readUInt8(0);
	}

	public uint16(): number {
		return this.take(2).readUInt16BE(0);
	}

	public uint32(): number {
		return this.take(4).readUInt32BE(0);
	}

	public uint64(): bigint {
		return this.take(8).readBigUInt64BE(0);
	}

	public varint(): number {
		const first = this.uint8();
		const size = 1 << (first >> 6);
		if (size === 8) throw new RangeError('invalid MLS varint prefix');
		let value = first & 0x3f;
		for (let i = 1; i < size; i++) value = (value << 8) | this.uint8();
		return value >>> 0;
	}

	/** opaque data<V> */
	public vector(): Buffer {
		return this.take(this.varint());
	}

	public take(length: number): Buffer {
		if (length > this.remaining) throw new RangeError(`MLS structure truncated: wanted ${length} bytes, ${this.remaining} left`);
		const slice = this.buffer.subarray(this.offset, this.offset + length);
		this.offset += length;
		return slice;
	}
}
