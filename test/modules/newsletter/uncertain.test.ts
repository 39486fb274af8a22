import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { build, type Client, type TestContext } from '../../support/app.js';

/** The notice of uncertain letters on the edition's page. */
const NOTICE = /fr-alert__title">\d+ lettres? incertaines?</;

/** Waits until the edition's send is over, through the editors' progress endpoint. */
async function sent(editor: Client, page: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const progress = (await editor.get(`${page}/progression`)).json();
    if (progress.status === 'sent') return progress;
    assert.ok(Date.now() < deadline, `still ${JSON.stringify(progress)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('newsletter: the letters a worker killed mid-send left uncertain', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await build();
  });
  after(() => ctx.close());

  test('the editor sees them once the edition is sent, and sends them again or keeps them as sent', async () => {
    const people = await ctx.core.db
      .insertInto('newsletter_subscribers')
      .values(
        Array.from({ length: 6 }, (_, i) => ({
          email: `incertain-${i}@exemple.test`,
          profession: 'consulat',
          departement_code: '2A',
          language: 'fr',
          status: 'confirmed' as const,
          confirmed_at: ctx.clock.now(),
          is_synthetic: true,
        })),
      )
      .returning(['id', 'email'])
      .execute();
    const editor = await ctx.signIn(await ctx.createUser({ role: 'content_editor' }));
    const created = await editor.postForm('/pro/lettre', {
      title: 'Lettre interrompue',
      subject: 'Relais — lettre de juin',
      markdown: 'Bonjour.',
    });
    const page = created.headers.location as string;
    const id = page.split('/').at(-1)!;
    assert.equal(
      (await editor.postForm(`${page}/audience`, { professions: 'consulat', departements: '2A' })).statusCode,
      303,
    );

    // Before the send is over, there is nothing to decide.
    const early = await editor.postForm(`${page}/incertaines`, { choice: 'renvoyer' });
    assert.equal(early.statusCode, 409);
    assert.match(early.body, /Attendez la fin de l’envoi/);

    assert.equal((await editor.postForm(`${page}/envoyer`, { expected: '6' })).statusCode, 303);
    await sent(editor, page);
    const received = (email: string) => ctx.smtp.messages.filter((m) => m.to.includes(email)).length;
    assert.deepEqual(
      people.map((p) => received(p.email)),
      [1, 1, 1, 1, 1, 1],
    );
    assert.doesNotMatch((await editor.get(page)).body, NOTICE, 'a clean send leaves none');
    const { sent_at: firstSent } = await ctx.core.db
      .selectFrom('newsletter_editions')
      .select('sent_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

    // What a worker killed with two letters in its last statement leaves behind (and a letter of an earlier one).
    const [x, y, z, w] = people as [
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
    ];
    const leftBehind = async (statements: string[][]) => {
      const worker = randomUUID();
      await ctx.core.db
        .insertInto('newsletter_sending_workers')
        .values({ worker, edition_id: id, started_at: ctx.clock.now() })
        .execute();
      for (const [i, ids] of statements.entries())
        await ctx.core.db
          .updateTable('newsletter_deliveries')
          .set({ recorded_by: worker, record_seq: 40 + i })
          .where('edition_id', '=', id)
          .where('subscriber_id', 'in', ids)
          .execute();
    };
    await leftBehind([[w.id], [x.id, y.id]]);
    const shown = (await editor.get(page)).body;
    assert.match(shown, NOTICE);
    assert.match(shown, /2 lettres incertaines/);
    assert.match(shown, /peut-être parties, peut-être pas/);
    assert.match(shown, /Renvoyer ces 2 lettres/);

    const unknown = await editor.postForm(`${page}/incertaines`, { choice: 'peut-être' });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /Choisissez de renvoyer les lettres incertaines ou de les laisser/);

    assert.equal((await editor.postForm(`${page}/incertaines`, { choice: 'renvoyer' })).statusCode, 303);
    assert.match(
      (await ctx.client().get('/lettre/archives')).body,
      /Lettre interrompue/,
      'the archive keeps the letter while the two go out again',
    );
    await sent(editor, page);
    assert.deepEqual(
      people.map((p) => received(p.email)),
      [2, 2, 1, 1, 1, 1],
      'those two again, nobody else',
    );
    const edition = await ctx.core.db
      .selectFrom('newsletter_editions')
      .select(['status', 'sent_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(edition.status, 'sent');
    assert.equal(edition.sent_at?.getTime(), firstSent?.getTime(), 'the letter keeps its date');
    assert.doesNotMatch((await editor.get(page)).body, NOTICE);

    // Kept as sent: nothing goes out, the list is gone, the choice is in the audit log.
    await leftBehind([[z.id]]);
    assert.match((await editor.get(page)).body, /1 lettre incertaine/);
    assert.equal((await editor.postForm(`${page}/incertaines`, { choice: 'garder' })).statusCode, 303);
    assert.doesNotMatch((await editor.get(page)).body, NOTICE);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(received(z.email), 1);
    const again = await editor.postForm(`${page}/incertaines`, { choice: 'garder' });
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /plus de lettre incertaine/);

    const audit = await ctx.core.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('target_id', '=', id)
      .where('action', 'like', 'newsletter.uncertain_%')
      .orderBy('id')
      .execute();
    assert.deepEqual(audit, [
      { action: 'newsletter.uncertain_resent', details: { count: 2 } },
      { action: 'newsletter.uncertain_kept', details: { count: 1 } },
    ]);
    const deliveries = await ctx.core.db
      .selectFrom('newsletter_deliveries')
      .select('status')
      .where('edition_id', '=', id)
      .execute();
    assert.ok(deliveries.every((d) => d.status === 'sent'));
  });
});
