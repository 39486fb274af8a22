import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration is read once and checked', () => {
  test('defaults give the demo: embedded database in data/, port 3000, demo data on', () => {
    const config = loadConfig({}, '/srv/relais');
    assert.equal(config.port, 3000);
    assert.equal(config.dataDir, '/srv/relais/data');
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.demo, true);
    assert.equal(config.publicUrl, 'http://localhost:3000');
    assert.ok(Object.isFrozen(config));
  });

  test('PORT, HOST and RELAIS_DATA_DIR are honoured', () => {
    const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', RELAIS_DATA_DIR: '/var/lib/relais' }, '/srv');
    assert.deepEqual([config.port, config.host, config.dataDir], [8080, '0.0.0.0', '/var/lib/relais']);
  });

  test('PGLITE_SHARED_BUFFERS_MB sizes the embedded database’s shared buffers: PostgreSQL’s 128 MB unless set', () => {
    assert.equal(loadConfig({}).pgliteSharedBuffersMb, 128);
    assert.equal(loadConfig({ PGLITE_SHARED_BUFFERS_MB: '16' }).pgliteSharedBuffersMb, 16);
    for (const wrong of ['0', '16MB', '2048']) {
      assert.throws(
        () => loadConfig({ PGLITE_SHARED_BUFFERS_MB: wrong }),
        new RegExp(`PGLITE_SHARED_BUFFERS_MB doit être un entier entre 1 et 1024 \\(reçu « ${wrong} »\\)`),
      );
    }
  });

  test('every problem is listed at once, in words an operator understands', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SMTP_URL: 'pas une url', PROCONNECT_ISSUER: 'https://idp.example' });
      assert.fail('should throw');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.problems.length, 4);
      assert.match(error.message, /PORT doit être un entier/);
      assert.match(error.message, /DATABASE_URL doit commencer par postgres:/);
      assert.match(error.message, /SMTP_URL n'est pas une URL valide/);
      assert.match(error.message, /ProConnect demande/);
    }
  });

  test('production needs its secrets and never creates demo data', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /RELAIS_DATA_KEYS est obligatoire[\s\S]*RELAIS_SECRET[\s\S]*PUBLIC_URL/);
    const config = loadConfig({
      NODE_ENV: 'production',
      RELAIS_DATA_KEYS: `1:${Buffer.alloc(32, 1).toString('base64')}`,
      RELAIS_SECRET: 'x'.repeat(40),
      PUBLIC_URL: 'https://relais.example.gouv.fr',
      RELAIS_DEMO: 'on',
    });
    assert.equal(config.demo, false);
  });
});
