import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { appendAudit, verifyAuditChain } from '../../src/platform/audit/index.js';
import { build, type TestContext } from '../support/app.js';

describe('append-only, hash-chained audit trail', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await build({ workers: false });
  });
  after(() => ctx.close());

  const context = { actorUserId: null, actorOrganisationId: null, requestId: 'test-audit' };

  test('actions append events whose chain verifies, concurrent writers included', async () => {
    const admin = await ctx.createUser({ role: 'national_admin' });
    await ctx.signIn(admin);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ctx.core.db.transaction().execute((trx) => appendAudit(trx, context, { action: 'test.concurrent', targetType: 'test', targetId: String(i), details: { b: 2, a: [1, { z: 1, y: 2 }] } })),
      ),
    );
    const events = await ctx.core.db.selectFrom('audit_events').select(['action']).execute();
    assert.ok(events.some((e) => e.action === 'user.created'));
    assert.ok(events.some((e) => e.action === 'auth.signed_in'));
    const result = await verifyAuditChain(ctx.core.db);
    assert.equal(result.ok, true);
    assert.equal(result.checked, events.length);
  });

  test('UPDATE, DELETE and TRUNCATE are refused by the database itself', async () => {
    await assert.rejects(sql`UPDATE audit_events SET action = 'x' WHERE id = 1`.execute(ctx.core.db), /ajout seul/);
    await assert.rejects(sql`DELETE FROM audit_events WHERE id = 1`.execute(ctx.core.db), /ajout seul/);
    await assert.rejects(sql`TRUNCATE audit_events`.execute(ctx.core.db), /ajout seul/);
  });

  test('a row altered behind the trigger’s back is found by verify, at that row', async () => {
    const target = await ctx.core.db.selectFrom('audit_events').select('id').orderBy('id').offset(3).limit(1).executeTakeFirstOrThrow();
    await ctx.core.db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`.execute(trx);
      await sql`UPDATE audit_events SET details = '{"tampered": true}' WHERE id = ${target.id}`.execute(trx);
      await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`.execute(trx);
    });
    const result = await verifyAuditChain(ctx.core.db);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.brokenAt, target.id);

    const page = await (await ctx.signIn(await ctx.createUser({ role: 'national_admin' }))).postForm('/admin/journal/verifier', {});
    assert.match(page.body, new RegExp(`Chaîne rompue à l’événement n° ${target.id}`));
  });

  test('a deleted row breaks the link of the next one', async () => {
    const ctx2 = await build({ workers: false });
    try {
      for (let i = 0; i < 5; i++) await ctx2.core.db.transaction().execute((trx) => appendAudit(trx, context, { action: `test.${i}` }));
      const rows = await ctx2.core.db.selectFrom('audit_events').select('id').orderBy('id').execute();
      const victim = rows[2]!.id;
      await ctx2.core.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL session_replication_role = replica`.execute(trx);
        await sql`DELETE FROM audit_events WHERE id = ${victim}`.execute(trx);
      });
      const result = await verifyAuditChain(ctx2.core.db);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.brokenAt, rows[3]!.id);
      assert.match(!result.ok ? result.reason : '', /lien/);
    } finally {
      await ctx2.close();
    }
  });
});
