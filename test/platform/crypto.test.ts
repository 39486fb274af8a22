import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { totpContext } from '../../src/modules/accounts/deps.js';
import { createFieldCipher, DecryptionError, generateKey, KeyError } from '../../src/platform/crypto/fields.js';
import { rotateKeys } from '../../src/platform/crypto/rotate.js';
import { descriptionContext, noteContext } from '../../src/modules/alerts/deps.js';
import { build, type TestContext } from '../support/app.js';
import { DESKS, minorAtCdg, withDemoAlerting } from '../support/alerting.js';
import { TEST_KEY_V1 } from '../support/secrets.js';

describe('field encryption (AES-256-GCM, versioned keys)', () => {
  test('a value round-trips, and only in its own context', () => {
    const cipher = createFieldCipher(`1:${generateKey()}`);
    const sealed = cipher.encrypt('JBSWY3DPEHPK3PXP', 'users.totp_secret:a');
    assert.match(sealed, /^rk1\.1\./);
    assert.notEqual(cipher.encrypt('JBSWY3DPEHPK3PXP', 'users.totp_secret:a'), sealed, 'a fresh IV each time');
    assert.equal(cipher.decrypt(sealed, 'users.totp_secret:a'), 'JBSWY3DPEHPK3PXP');
    assert.throws(() => cipher.decrypt(sealed, 'users.totp_secret:b'), DecryptionError, 'moved to another row it does not decrypt');
    const tampered = `${sealed.slice(0, -4)}${sealed.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    assert.throws(() => cipher.decrypt(tampered, 'users.totp_secret:a'), DecryptionError);
  });

  test('the newest key encrypts, older ones still decrypt, a missing one says which', () => {
    const v1 = `1:${generateKey()}`;
    const old = createFieldCipher(v1);
    const sealed = old.encrypt('secret', 'ctx');
    const both = createFieldCipher(`${v1},2:${generateKey()}`);
    assert.equal(both.currentVersion, 2);
    assert.equal(both.decrypt(sealed, 'ctx'), 'secret');
    assert.match(both.encrypt('secret', 'ctx'), /^rk1\.2\./);
    const onlyNew = createFieldCipher(`2:${generateKey()}`);
    assert.throws(() => onlyNew.decrypt(sealed, 'ctx'), /v1 absente/);
  });

  test('a malformed keyring is refused before anything is written', () => {
    assert.throws(() => createFieldCipher('1:tropcourte'), KeyError);
    assert.throws(() => createFieldCipher('nimportequoi'), KeyError);
    assert.throws(() => createFieldCipher(`1:${generateKey()},1:${generateKey()}`), KeyError);
  });
});

describe('keys:rotate re-encrypts stored values', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await build({ workers: false });
  });
  after(() => ctx.close());

  test('TOTP secrets are ciphertext in raw SQL; after rotation they carry the new version and still work', async () => {
    const users = await Promise.all([1, 2, 3].map(() => ctx.createUser({ role: 'case_worker' })));
    const raw = await sql<{ id: string; totp_secret: string }>`SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL`.execute(ctx.core.db);
    assert.ok(raw.rows.length >= 3);
    for (const row of raw.rows) {
      assert.match(row.totp_secret, /^rk1\.1\./);
      const user = users.find((u) => u.id === row.id);
      if (user) assert.ok(!row.totp_secret.includes(user.totpSecret!), 'no plaintext in the column');
    }

    const rotated = createFieldCipher(`1:${TEST_KEY_V1},2:${generateKey()}`);
    const reports = await rotateKeys(ctx.core.db, rotated, ctx.core.encryptedColumns, 2);
    assert.deepEqual(reports.find((r) => r.table === 'users'), { table: 'users', column: 'totp_secret', rotated: raw.rows.length });
    const after = await sql<{ id: string; totp_secret: string }>`SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL`.execute(ctx.core.db);
    for (const row of after.rows) {
      assert.match(row.totp_secret, /^rk1\.2\./);
      const user = users.find((u) => u.id === row.id);
      if (user) assert.equal(rotated.decrypt(row.totp_secret, totpContext(row.id)), user.totpSecret);
    }
    // Running it again has nothing left to do.
    assert.ok((await rotateKeys(ctx.core.db, rotated, ctx.core.encryptedColumns)).every((r) => r.rotated === 0));
  });
});

describe('keys:rotate covers the alerts’ free text and notes (a note is bound to its alert, not its row)', () => {
  test('description and notes re-encrypt under the new key and still read', async () => {
    const ctx = await build({ workers: false });
    try {
      const helpers = await withDemoAlerting(ctx);
      const member = await ctx.signIn(await helpers.member(DESKS.parquetMineurs));
      const reporter = await ctx.signIn(await ctx.createUser({ role: 'frontline', airport: 'CDG' }));
      const { id } = (await reporter.send('POST', '/api/v1/alerts', minorAtCdg({ description: 'Texte libre à faire tourner' }))).json();
      await member.send('POST', `/api/v1/alerts/${id}/notes`, { note: 'Première note' });
      await member.send('POST', `/api/v1/alerts/${id}/notes`, { note: 'Seconde note' });
      const rotated = createFieldCipher(`1:${TEST_KEY_V1},2:${generateKey()}`);
      const reports = await rotateKeys(ctx.core.db, rotated, ctx.core.encryptedColumns);
      assert.equal(reports.find((r) => r.table === 'alerts')?.rotated, 1);
      assert.equal(reports.find((r) => r.table === 'alert_events')?.rotated, 2);
      const alert = await ctx.core.db.selectFrom('alerts').select('description').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(rotated.decrypt(alert.description!, descriptionContext(id)), 'Texte libre à faire tourner');
      const notes = await ctx.core.db.selectFrom('alert_events').select('note').where('alert_id', '=', id).where('kind', '=', 'note').orderBy('id').execute();
      assert.deepEqual(notes.map((n) => rotated.decrypt(n.note!, noteContext(id))), ['Première note', 'Seconde note']);
    } finally {
      await ctx.close();
    }
  });
});
