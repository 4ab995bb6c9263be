export { classifyAddress, type BlockedAddress, type BlockedRange } from './addressRanges.js';
export { MaxUrlLength, strictAddressPolicy, type AddressPolicy } from './AddressPolicy.js';
export { checkAddress } from './checkAddress.js';
export { checkUrlSafety, parseSafeUrl } from './checkUrlSafety.js';
export { networkGuard, type NetworkGuard } from './NetworkGuard.js';
export { isAllowedPort, internalServicePorts } from './ports.js';
export { safeLookup, systemResolver, type HostResolver, type ResolvedAddress } from './safeLookup.js';
export { findUrlRefusal, UrlSafetyError, type UrlRefusal, type UrlRefusalCode } from './UrlSafetyError.js';
