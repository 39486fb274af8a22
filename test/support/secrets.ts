import type { Secrets } from '../../src/platform/crypto/secrets.js';

/** Fixed test keys (never used outside tests). Version 1 only; rotation tests add their own. */
export const TEST_KEY_V1 = Buffer.alloc(32, 7).toString('base64');
export const TEST_SECRETS: Secrets = {
  dataKeys: `1:${TEST_KEY_V1}`,
  secret: 'relais-test-secret-0123456789abcdefghijklmnop',
  source: 'environment',
};
