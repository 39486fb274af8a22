import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { deliveryFeed, sentRecorder } from '../../../src/modules/newsletter/delivery-feed.js';
import { createBulkSmtpTransport, createSender } from '../../../src/modules/newsletter/sending.js';
import { createNewsletterTokens } from '../../../src/modules/newsletter/tokens.js';
import { createUncertainLetters } from '../../../src/modules/newsletter/uncertain.js';
import { MINUTE } from '../../../src/platform/time/clock.js';
import { build, type TestContext } from '../../support/app.js';
import { startSmtpServer } from '../../support/smtp.js';

const logger = pino({ level: 'silent' });

/** An edition being sent to `count` new confirmed subscribers: its deliveries all queued. */
async function sendingEdition(ctx: TestContext, count: number, prefix: string) {
  const people = await ctx.core.db
    .insertInto('newsletter_subscribers')
    .values(
      Array.from({ length: count }, (_, i) => ({
        email: `${prefix}-${i}@exemple.test`,
        profession: 'association',
        departement_code: '13',
        language: 'fr',
        status: 'confirmed' as const,
        confirmed_at: ctx.clock.now(),
        is_synthetic: true,
      })),
    )
    .returning(['id', 'email'])
    .execute();
  const edition = await ctx.core.db
    .insertInto('newsletter_editions')
    .values({ title: prefix, period: '2026-S2', status: 'sending', total: count })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.core.db
    .insertInto('newsletter_deliveries')
    .values(people.map((p) => ({ edition_id: edition.id, subscriber_id: p.id, language: 'fr' })))
    .execute();
  return { editionId: edition.id, people };
}

const deliveries = (ctx: TestContext, editionId: string) =>
  ctx.core.db
    .selectFrom('newsletter_deliveries')
    .select(['subscriber_id', 'status', 'attempts', 'claimed_at', 'sent_at'])
    .where('edition_id', '=', editionId)
    .orderBy('subscriber_id')
    .execute();

const feedOf = (
  ctx: TestContext,
  editionId: string,
  sizes: { batch: number; lowWater: number; leaseSeconds?: number },
) => deliveryFeed({ db: ctx.core.db, clock: ctx.clock, logger, editionId, leaseSeconds: 120, ...sizes });

async function drainFeed(feed: ReturnType<typeof deliveryFeed>, lanes: number) {
  const taken: string[] = [];
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let row = await feed.next(); row; row = await feed.next()) taken.push(row.subscriber_id);
    }),
  );
  return taken;
}

describe('newsletter sending: the feed of deliveries and the record of what was sent', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await build();
  });
  after(() => ctx.close());

  test('two workers feeding from one edition share it: every delivery handed out once, with its address', async () => {
    const { editionId, people } = await sendingEdition(ctx, 230, 'partage');
    const a = feedOf(ctx, editionId, { batch: 20, lowWater: 10 });
    const b = feedOf(ctx, editionId, { batch: 20, lowWater: 10 });
    const [fromA, fromB] = await Promise.all([drainFeed(a, 4), drainFeed(b, 3)]);
    await Promise.all([a.close(), b.close()]);
    assert.ok(
      fromA.length > 0 && fromB.length > 0,
      `both workers got some: ${fromA.length} and ${fromB.length}`,
    );
    assert.equal(fromA.length + fromB.length, 230);
    assert.deepEqual(new Set([...fromA, ...fromB]), new Set(people.map((p) => p.id)));
    const rows = await deliveries(ctx, editionId);
    assert.ok(
      rows.every((r) => r.status === 'sending' && r.attempts === 1),
      'each claimed once',
    );
  });

  test('close gives back, as not attempted, what no lane took; a row put back goes with them', async () => {
    const { editionId } = await sendingEdition(ctx, 50, 'rendu');
    const feed = feedOf(ctx, editionId, { batch: 20, lowWater: 5 });
    const first = await feed.next();
    const second = await feed.next();
    assert.ok(first && second);
    feed.putBack(second);
    await feed.close();
    const rows = await deliveries(ctx, editionId);
    const sending = rows.filter((r) => r.status === 'sending');
    assert.deepEqual(
      sending.map((r) => r.subscriber_id),
      [first.subscriber_id],
      'only the row taken is still claimed',
    );
    const given = rows.filter((r) => r.status === 'queued');
    assert.equal(given.length, 49);
    assert.ok(
      given.every((r) => r.attempts === 0 && r.claimed_at === null),
      'given back as never attempted',
    );
  });

  test('while a worker holds rows, their lease is renewed: the resume job does not hand them to another worker', async () => {
    const { editionId } = await sendingEdition(ctx, 30, 'bail');
    // A lease of 0.2 s is renewed every 50 ms of real time; the fake clock says how old each claim looks.
    const feed = feedOf(ctx, editionId, { batch: 10, lowWater: 2, leaseSeconds: 0.2 });
    try {
      const held = await feed.next();
      assert.ok(held);
      const claimedAt = (await deliveries(ctx, editionId)).find((r) => r.status === 'sending')!.claimed_at!;
      ctx.clock.advance(10 * MINUTE);
      const renewedAt = ctx.clock.now().getTime();
      for (let i = 0; i < 100; i++) {
        const rows = (await deliveries(ctx, editionId)).filter((r) => r.status === 'sending');
        if (rows.every((r) => r.claimed_at!.getTime() === renewedAt)) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const rows = (await deliveries(ctx, editionId)).filter((r) => r.status === 'sending');
      assert.ok(rows.length > 0);
      assert.ok(
        rows.every((r) => r.claimed_at!.getTime() === renewedAt),
        `every held row renewed from ${claimedAt.toISOString()} to the clock's now`,
      );
    } finally {
      await feed.close();
    }
    // Once closed, nothing is renewed any more.
    ctx.clock.advance(MINUTE);
    await new Promise((resolve) => setTimeout(resolve, 120));
    const after = (await deliveries(ctx, editionId)).filter((r) => r.status === 'sending');
    assert.ok(after.every((r) => r.claimed_at!.getTime() < ctx.clock.now().getTime()));
  });

  test('the feed goes on from its last claim, and a row given back behind it is claimed before the feed ends', async () => {
    const { editionId, people } = await sendingEdition(ctx, 40, 'curseur');
    const feed = feedOf(ctx, editionId, { batch: 10, lowWater: 0 });
    const taken: string[] = [];
    for (let i = 0; i < 20; i++) taken.push((await feed.next())!.subscriber_id);
    // The first row taken comes back to the queue, as a stopped worker gives back what it had not sent.
    await ctx.core.db
      .updateTable('newsletter_deliveries')
      .set({ status: 'queued', claimed_at: null })
      .where('edition_id', '=', editionId)
      .where('subscriber_id', '=', taken[0]!)
      .execute();
    taken.push(...(await drainFeed(feed, 1)));
    await feed.close();
    const sorted = people.map((p) => p.id).sort();
    assert.deepEqual(
      [...taken.slice(0, 20)].sort(),
      sorted.slice(0, 20),
      'claims in the queue index’s order',
    );
    assert.deepEqual([...taken.slice(0, 40)].sort(), sorted, 'each once');
    assert.deepEqual(
      taken.slice(40),
      [taken[0]],
      'the row given back, once the cursor had nothing left after it',
    );
  });

  test('a held dot: the messages ready during a write go together in the next one, and an embedded commit comes first', async () => {
    const { editionId, people } = await sendingEdition(ctx, 5, 'point');
    let statements = 0;
    const counted = ctx.core.db.withPlugin({
      transformQuery: (args) => {
        if (args.node.kind === 'UpdateQueryNode') statements++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const recorder = sentRecorder({
      db: counted,
      clock: ctx.clock,
      logger,
      editionId,
      commitBeforeDot: true,
    });
    const status = async (id: string) =>
      (await deliveries(ctx, editionId)).find((r) => r.subscriber_id === id)!.status;
    const seen: Array<Promise<string>> = [];
    const held = people.map((p) =>
      recorder.withDot(p.id, {
        release: (left) => {
          seen.push(status(p.id));
          left?.();
        },
        refuse: (error) => assert.fail(error as Error),
      }),
    );
    await Promise.all(held);
    assert.deepEqual(
      await Promise.all(seen),
      ['sent', 'sent', 'sent', 'sent', 'sent'],
      'each dot waits for its record’s commit',
    );
    assert.equal(statements, 2, 'the first alone, then the four that came during its write');

    const refused = sentRecorder({
      db: ctx.core.db,
      clock: ctx.clock,
      logger,
      editionId: 'pas-un-uuid',
      commitBeforeDot: true,
    });
    let refusal: unknown;
    let released = false;
    const written = refused.withDot(people[0]!.id, {
      release: () => {
        released = true;
      },
      refuse: (error) => {
        refusal = error;
      },
    });
    await assert.rejects(written);
    assert.equal(released, false, 'a failed commit never lets the dot go');
    assert.ok(refusal instanceof Error, 'the gate is refused with the database’s error');
  });

  test('a record waits for the dots before it; a worker killed leaves only its last statement uncertain', async () => {
    const { editionId, people } = await sendingEdition(ctx, 4, 'en-vol');
    const [a, b, c, d] = people.map((p) => p.id) as [string, string, string, string];
    const recorderOf = () =>
      sentRecorder({
        db: ctx.core.db,
        clock: ctx.clock,
        logger,
        editionId,
        commitBeforeDot: ctx.core.database.kind === 'embedded',
      });
    const status = async (id: string) =>
      (await deliveries(ctx, editionId)).find((r) => r.subscriber_id === id)!.status;
    const refuse = (error: unknown) => assert.fail(error as Error);
    const recorder = recorderOf();
    await recorder.open();
    // A's dot stays in the process (a full socket buffer, say) until `leaveA`.
    let leaveA: (() => void) | undefined;
    await recorder.withDot(a, { release: (left) => (leaveA = left), refuse });
    const recordB = recorder.withDot(b, { release: (left) => left?.(), refuse });
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(await status(b), 'queued', 'no record while a dot before it is still in the process');
    leaveA!();
    await recordB;
    assert.equal(await status(b), 'sent');

    // A worker killed now: its last statement held C and D, its dots may not have left.
    const dying = recorderOf();
    await dying.open();
    let leaveD: (() => void) | undefined;
    await Promise.all([
      dying.withDot(c, { release: (left) => left?.(), refuse }),
      dying.withDot(d, { release: (left) => (leaveD = left), refuse }),
    ]);
    await recorder.close();
    await ctx.core.db
      .updateTable('newsletter_editions')
      .set({ status: 'sent' })
      .where('id', '=', editionId)
      .execute();
    const uncertain = createUncertainLetters({ db: ctx.core.db, clock: ctx.clock, jobs: ctx.core.jobs });
    const groups = await ctx.core.db
      .selectFrom('newsletter_deliveries')
      .select(['subscriber_id', 'record_seq'])
      .where('edition_id', '=', editionId)
      .where('subscriber_id', 'in', [c, d])
      .execute();
    // C went alone (nothing else was waiting), D with the next statement: only D is in the last one.
    assert.deepEqual(groups.map((g) => g.record_seq).sort(), [1, 2]);
    assert.deepEqual(
      await uncertain.list(editionId),
      [d],
      'the last statement of the worker still registered',
    );
    // The recorder that closed left the register: its letters, the last ones included, are certain.
    const registered = await ctx.core.db
      .selectFrom('newsletter_sending_workers')
      .select('worker')
      .where('edition_id', '=', editionId)
      .execute();
    assert.equal(registered.length, 1);
    // A worker that stops leaves the register only once its last dot has left: until then its letters are uncertain.
    const closing = dying.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(
      (await ctx.core.db.selectFrom('newsletter_sending_workers').select('worker').execute()).filter(
        (r) => r.worker === registered[0]!.worker,
      ).length,
      1,
      'still registered while D’s dot is in the process',
    );
    leaveD!();
    await closing;
    assert.deepEqual(await uncertain.list(editionId), []);
  });

  test('on a database server the records have a connection of their own: a pool taken up does not hold them back', async (t) => {
    if (ctx.core.database.kind === 'embedded') {
      t.skip('PGlite has one connection, never held: its records commit before their dots');
      return;
    }
    const { editionId, people } = await sendingEdition(ctx, 1, 'tenue');
    const recorder = sentRecorder({
      db: ctx.core.db,
      clock: ctx.clock,
      logger,
      editionId,
      commitBeforeDot: false,
    });
    await recorder.open();
    const { pool } = ctx.core.database;
    const clients: Array<{ release(): void }> = [];
    try {
      // Every other connection of the pool is taken, as claims, renewals and jobs may take them in a busy send.
      while (pool.totalCount < (pool.options.max ?? 10) || pool.idleCount > 0)
        clients.push(await pool.connect());
      // What leaves this process, in order: the statement's bytes on a socket, then the dot.
      const order: string[] = [];
      const write = net.Socket.prototype.write;
      net.Socket.prototype.write = function (this: net.Socket, chunk: unknown, ...rest: unknown[]) {
        if (String(chunk).includes('update "newsletter_deliveries"')) order.push('statement');
        return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
      } as typeof write;
      let written: Promise<void>;
      try {
        written = recorder.withDot(people[0]!.id, {
          release: (left) => {
            order.push('dot');
            left?.();
          },
          refuse: (error) => assert.fail(error as Error),
        });
      } finally {
        net.Socket.prototype.write = write;
      }
      assert.deepEqual(
        order,
        ['statement', 'dot'],
        'the dot goes right after its statement, in the same turn',
      );
      const stuck = new Promise((resolve) => setTimeout(() => resolve('waiting for the pool'), 3000));
      assert.equal(await Promise.race([written.then(() => 'written'), stuck]), 'written');
    } finally {
      for (const client of clients) client.release();
      await recorder.close();
    }
    assert.equal((await deliveries(ctx, editionId))[0]!.status, 'sent');
  });

  test('the recorder writes every accepted message, and only those, before drain returns', async () => {
    const { editionId, people } = await sendingEdition(ctx, 120, 'trace');
    const recorder = sentRecorder({ db: ctx.core.db, clock: ctx.clock, logger, editionId });
    for (const p of people.slice(0, 119)) recorder.sent(p.id);
    await recorder.drain();
    const rows = await deliveries(ctx, editionId);
    const sent = rows.filter((r) => r.status === 'sent');
    assert.equal(sent.length, 119);
    assert.ok(sent.every((r) => r.sent_at !== null));
    assert.deepEqual(
      rows.filter((r) => r.status !== 'sent').map((r) => r.subscriber_id),
      [people[119]!.id],
      'only what was accepted is recorded',
    );
  });

  test('a lane that fails stops the others: the send fails, nothing stays claimed, what the server got is what is recorded', async () => {
    const { editionId } = await sendingEdition(ctx, 200, 'panne');
    await ctx.core.db
      .insertInto('newsletter_edition_variants')
      .values({
        edition_id: editionId,
        language: 'fr',
        subject: 'Essai',
        blocks: JSON.stringify([{ kind: 'text', markdown: 'Texte' }]),
      })
      .execute();
    // The lowest id: the refused address is in the first batch, so the others still have most of the send to do.
    const refused = await ctx.core.db
      .insertInto('newsletter_subscribers')
      .values({
        id: '00000000-0000-4000-8000-000000000000',
        email: 'refus-panne@exemple.test',
        profession: 'association',
        departement_code: '13',
        language: 'fr',
        status: 'confirmed',
        confirmed_at: ctx.clock.now(),
        is_synthetic: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.core.db
      .insertInto('newsletter_deliveries')
      .values({ edition_id: editionId, subscriber_id: refused.id, language: 'fr' })
      .execute();
    const sink = await startSmtpServer({
      rejectWith: (address) => (address.startsWith('refus') ? 550 : undefined),
    });
    const transport = createBulkSmtpTransport(sink.url, 'Relais <lettre@relais.test>');
    const sender = createSender({
      // As core.ts wires it: an embedded database commits each record before its dot.
      commitBeforeDot: ctx.core.database.kind === 'embedded',
      db: ctx.core.db,
      clock: ctx.clock,
      jobs: ctx.core.jobs,
      transport,
      tokens: createNewsletterTokens('secret-de-test-assez-long-pour-hmac-0123456789'),
      settings: {
        rate: 0,
        connections: 4,
        publicUrl: 'http://relais.test',
        from: 'Relais <lettre@relais.test>',
      },
      logger,
      // The blocklist cannot be written: the lane that met the refusal fails.
      bounced: async () => {
        throw new Error('liste de blocage indisponible');
      },
      featuredResources: async () => [],
    });
    try {
      await assert.rejects(sender.send(editionId), /liste de blocage indisponible/);
      const rows = await deliveries(ctx, editionId);
      const count = (status: string) => rows.filter((r) => r.status === status).length;
      assert.equal(count('sending'), 0, 'nothing left claimed');
      assert.equal(count('bounced'), 1);
      assert.ok(count('queued') > 100, `the other lanes stopped: ${count('queued')} still queued`);
      assert.equal(count('sent'), sink.messages.length, 'every message the server took is recorded as sent');
      assert.equal(count('sent') + count('queued') + count('bounced'), 201);
    } finally {
      transport.close();
      await sink.close();
    }
  });
});
