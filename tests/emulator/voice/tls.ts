import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Compiled to dist/tests/emulator/voice/: the PEM files stay in the source tree.
const tlsFolder = new URL('../../../../tests/emulator/voice/tls/', import.meta.url);

/** Absolute path of the self-signed test certificate (for NODE_EXTRA_CA_CERTS). */
export const caCertPath = fileURLToPath(new URL('cert.pem', tlsFolder));

export function loadTestTlsMaterial(): { cert: Buffer; key: Buffer } {
	return { cert: readFileSync(caCertPath), key: readFileSync(fileURLToPath(new URL('key.pem', tlsFolder))) };
}
