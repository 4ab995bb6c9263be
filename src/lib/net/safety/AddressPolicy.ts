/** What user-provided stations may connect to. */
export interface AddressPolicy {
	/**
	 * Lets loopback, private and every other non-public address through (config `stream.allow_private_addresses`).
	 * For tests against local servers only: it turns the bot into a proxy into its host's network.
	 */
	readonly allowPrivateAddresses: boolean;
	/** Exact addresses let through anyway (tests that need one local server while everything else stays blocked). */
	readonly exemptAddresses?: readonly string[];
}

export const MaxUrlLength = 2048;

export const strictAddressPolicy: AddressPolicy = Object.freeze({ allowPrivateAddresses: false });
