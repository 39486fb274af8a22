import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MAIL_DEAD_QUEUE } from '../../src/platform/mail/index.js';
import { build, type TestContext } from '../support/app.js';
import { startSmtpServer } from '../support/smtp.js';
import { freePort } from '../support/net.js';


describe('mail goes through jobs to a real SMTP server', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await build();
  });
  after(() => ctx.close());

  test('a queued message reaches the SMTP server with its subject and text', async () => {
    await ctx.core.mailer.enqueue({ to: 'destinataire@exemple.test', subject: 'Essai Relais', text: 'Bonjour depuis Relais.' });
    const mail = await ctx.waitForMail((m) => m.subject === 'Essai Relais');
    assert.deepEqual(mail.to, ['destinataire@exemple.test']);
    assert.match(mail.text, /Bonjour depuis Relais/);
  });

  test('a message queued in a rolled-back transaction is never sent', async () => {
    await assert.rejects(
      ctx.core.db.transaction().execute(async (trx) => {
        await ctx.core.mailer.enqueue({ to: 'jamais@exemple.test', subject: 'Annulé', text: 'x' }, trx);
        throw new Error('rollback');
      }),
      /rollback/,
    );
    await ctx.core.mailer.enqueue({ to: 'ensuite@exemple.test', subject: 'Après annulation', text: 'x' });
    await ctx.waitForMail((m) => m.subject === 'Après annulation');
    assert.equal(ctx.smtp.messages.some((m) => m.subject === 'Annulé'), false);
  });

  test('the queued message is stored encrypted: the link in it is a credential', async () => {
    await ctx.core.mailer.enqueue({ to: 'chiffre@exemple.test', subject: 'Lien secret', text: 'https://relais.test/mot-de-passe/nouveau?jeton=SECRET-LINK' });
    await ctx.waitForMail((m) => m.subject === 'Lien secret');
    const rows = await ctx.core.database.pool.query("SELECT data::text AS data FROM pgboss.job WHERE name = 'mail.send'");
    assert.ok(rows.rows.length > 0);
    for (const row of rows.rows) assert.doesNotMatch(row.data, /SECRET-LINK|chiffre@exemple/);
  });
});

describe('when the mail server is down, messages wait and leave when it is back', () => {
  test('delivered after the server starts; a permanent refusal goes to the dead letters', async () => {
    const port = await freePort();
    const ctx = await build({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_RETRY_SECONDS: '1' } });
    try {
      await ctx.core.mailer.enqueue({ to: 'patient@exemple.test', subject: 'En attente', text: 'x' });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const waiting = await ctx.core.database.pool.query("SELECT state, retry_count FROM pgboss.job WHERE name = 'mail.send'");
      assert.equal(waiting.rows.length, 1);
      // At least one attempt failed: the job waits for its retry (or is on its second try already).
      assert.ok(waiting.rows[0].state === 'retry' || Number(waiting.rows[0].retry_count) >= 1, `state ${waiting.rows[0].state}`);

      let refuse = false;
      const smtp = await startSmtpServer({ port, rejectWith: () => (refuse ? 550 : undefined) });
      try {
        const deadline = Date.now() + 10_000;
        while (!smtp.messages.some((m) => m.subject === 'En attente')) {
          if (Date.now() > deadline) throw new Error('not delivered after the server came back');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        refuse = true;
        await ctx.core.mailer.enqueue({ to: 'refuse@exemple.test', subject: 'Refusé', text: 'x' });
        const deadline2 = Date.now() + 10_000;
        for (;;) {
          const dead = await ctx.core.database.pool.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = '${MAIL_DEAD_QUEUE}'`);
          if (dead.rows[0].n === 1) break;
          if (Date.now() > deadline2) throw new Error('the refused message did not reach the dead letters');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const original = await ctx.core.database.pool.query("SELECT state, retry_count FROM pgboss.job WHERE name = 'mail.send' AND state = 'completed'");
        assert.equal(original.rows.length, 2, 'the refused message is not retried');
      } finally {
        await smtp.close();
      }
    } finally {
      await ctx.close();
    }
  });
});
