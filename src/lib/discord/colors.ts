export const Colors = {
	Radio: 0xe23c3c,
	Info: 0x5865f2,
	Error: 0xed4245,
	/** A now-playing card after the radio stopped. */
	Ended: 0x4f545c
} as const;
