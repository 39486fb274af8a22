import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { build, type TestContext } from '../../support/app.js';

const course = {
  summary: '',
  audiences: ['magistrature'],
  format: 'presentiel',
  durationHours: '35',
  objectives: '',
  prerequisites: '',
  organiser: 'ENM',
  status: 'published',
  resourceIds: [],
};

describe('training sessions: registration, waiting list, attendance, reminders', () => {
  let ctx: TestContext;
  let courseId: string;
  const session = async (capacity: number, daysAhead = 10) => {
    const starts = new Date(ctx.clock.now().getTime() + daysAhead * 86400_000);
    const local = (d: Date) => d.toISOString().slice(0, 16);
    return await ctx.core.services.training.sessions.create(courseId, {
      startsAt: local(starts),
      endsAt: local(new Date(starts.getTime() + 3 * 3600_000)),
      place: 'École nationale de la magistrature, Paris',
      onlineUrl: '',
      departementCode: '75',
      organiser: 'ENM',
      capacity: String(capacity),
    });
  };
  const users = async (n: number) => {
    const out = [];
    for (let i = 0; i < n; i++) out.push(await ctx.createUser({ role: 'frontline' }));
    return out;
  };

  before(async () => {
    ctx = await build();
    courseId = (await ctx.core.services.training.catalogue.create({ ...course, title: 'Formation de test' }))
      .id;
  });
  after(() => ctx.close());

  test('a meeting ending before it starts is refused', async () => {
    await assert.rejects(
      ctx.core.services.training.sessions.create(courseId, {
        startsAt: '2030-01-10T10:00',
        endsAt: '2030-01-10T09:00',
        place: 'Paris',
        onlineUrl: '',
        departementCode: '',
        organiser: '',
        capacity: '5',
      }),
      (e: { fields: Record<string, string> }) =>
        e.fields.endsAt === 'training.sessions.errors.endBeforeStart',
    );
  });

  test('over capacity goes to the waiting list with its position; registering twice answers the same', async () => {
    const { sessions } = ctx.core.services.training;
    const id = await session(1);
    const [a, b, c] = await users(3);
    const input = { category: 'magistrature', departementCode: '75' };
    assert.deepEqual(await sessions.register(a!.id, id, input), { status: 'registered' });
    assert.deepEqual(await sessions.register(b!.id, id, input), { status: 'waiting', position: 1 });
    assert.deepEqual(await sessions.register(c!.id, id, input), { status: 'waiting', position: 2 });
    assert.deepEqual(await sessions.register(c!.id, id, input), { status: 'waiting', position: 2 });
    await assert.rejects(sessions.register(a!.id, id, { category: 'nope', departementCode: '' }));
  });

  test('when a place frees up, the first waiting person is promoted and mailed', async () => {
    const { sessions } = ctx.core.services.training;
    const id = await session(1);
    const [a, b, c] = await users(3);
    const input = { category: 'magistrature', departementCode: '75' };
    await sessions.register(a!.id, id, input);
    await sessions.register(b!.id, id, input);
    await sessions.register(c!.id, id, input);
    await sessions.cancelRegistration(a!.id, id);
    const mine = await sessions.mine(b!.id);
    assert.equal(mine.find((r) => r.session_id === id)?.status, 'registered');
    assert.equal((await sessions.mine(c!.id)).find((r) => r.session_id === id)?.position, 1);
    const mail = await ctx.waitForMail(
      (m) => m.to.includes(b!.email) && /place s'est libérée/.test(m.subject),
      15000,
    );
    assert.match(mail.text, /Vous êtes inscrit/);
  });

  test('20 people registering at once for 5 places: exactly 5 registered, 15 waiting', async () => {
    const { sessions } = ctx.core.services.training;
    const id = await session(5);
    const people = await users(20);
    const answers = await Promise.all(
      people.map((p) => sessions.register(p.id, id, { category: 'police_gendarmerie', departementCode: '' })),
    );
    assert.equal(answers.filter((a) => a.status === 'registered').length, 5);
    assert.equal(answers.filter((a) => a.status === 'waiting').length, 15);
    const positions = answers
      .flatMap((a) => (a.status === 'waiting' ? [a.position] : []))
      .sort((x, y) => x - y);
    assert.deepEqual(
      positions,
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
  });

  test('attendance issues certificates; cancelled and past sessions refuse registration; reminders go once', async () => {
    const { sessions } = ctx.core.services.training;
    const id = await session(3, 1);
    const [a, b] = await users(2);
    await sessions.register(a!.id, id, { category: 'magistrature', departementCode: '75' });
    await sessions.register(b!.id, id, { category: 'ofii_ofpra', departementCode: '' });
    assert.equal(await sessions.sendReminders(), 2);
    assert.equal(await sessions.sendReminders(), 0, 'once only');
    await ctx.waitForMail((m) => m.to.includes(a!.email) && /^Rappel/.test(m.subject), 15000);
    // Before the session begins, no presence can be recorded.
    await assert.rejects(
      sessions.markAttendance(id, [a!.id]),
      (e: { messageKey: string }) => e.messageKey === 'training.sessions.errors.sheetTooEarly',
    );
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 2 * 86400_000));
    assert.equal(await sessions.markAttendance(id, [a!.id]), 1);
    const certs = await ctx.core.db
      .selectFrom('training_certificates')
      .selectAll()
      .where('session_id', '=', id)
      .execute();
    assert.equal(certs.length, 1);
    assert.equal(certs[0]!.category, 'magistrature');
    assert.equal(certs[0]!.kind, 'session');
    await sessions.markAttendance(id, []);
    assert.equal(
      (
        await ctx.core.db
          .selectFrom('training_certificates')
          .select('id')
          .where('session_id', '=', id)
          .execute()
      ).length,
      1,
      'unmarking keeps an issued certificate',
    );
    const later = await session(3, 20);
    await sessions.cancelSession(later);
    await assert.rejects(
      sessions.markAttendance(later, [a!.id]),
      (e: { messageKey: string }) => e.messageKey === 'training.sessions.errors.sheetCancelled',
    );
    await assert.rejects(
      sessions.register(a!.id, later, { category: 'magistrature', departementCode: '' }),
      (e: { fields: Record<string, string> }) => e.fields.session === 'training.sessions.errors.cancelled',
    );
    ctx.clock.set(new Date(ctx.clock.now().getTime() + 30 * 86400_000));
    const past = await ctx.core.db
      .selectFrom('training_sessions')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await assert.rejects(
      sessions.register((await users(1))[0]!.id, past.id, { category: 'magistrature', departementCode: '' }),
      (e: { fields: Record<string, string> }) => e.fields.session === 'training.sessions.errors.past',
    );
  });
});
