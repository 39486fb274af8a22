import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { present } from '../../../src/modules/steering/indicators.js';
import { parisDate } from '../../../src/platform/time/paris.js';
import { build, type TestContext } from '../../support/app.js';

const AUDIT = { actorUserId: null, actorOrganisationId: null, requestId: 'test' };

describe('people trained: counts per category, département and period, CSV, the plan indicator', () => {
  let ctx: TestContext;
  let courseId: string;
  let serial = 0;
  const certify = async (category: string, departementCode: string | null, n: number) => {
    for (let i = 0; i < n; i++) {
      const user = await ctx.createUser({ role: 'frontline' });
      await ctx.core.services.training.certificates.issue(ctx.core.db, {
        userId: user.id,
        courseId,
        sessionId: null,
        kind: 'distance',
        category,
        departementCode,
      });
      serial++;
    }
  };

  before(async () => {
    ctx = await build({ workers: false });
    courseId = (
      await ctx.core.services.training.catalogue.create({
        title: 'Formation comptée',
        summary: '',
        audiences: ['police_gendarmerie'],
        format: 'distance',
        durationHours: '3',
        objectives: '',
        prerequisites: '',
        organiser: '',
        status: 'published',
        resourceIds: [],
      })
    ).id;
    await certify('police_gendarmerie', '93', 3);
    await certify('magistrature', '75', 2);
  });
  after(() => ctx.close());

  test('counts per category × département, and the CSV', async () => {
    const { counts } = ctx.core.services.training;
    const today = parisDate(ctx.clock.now());
    const rows = await counts.count({ from: today, to: today, category: '', departementCode: '' });
    assert.deepEqual(
      rows.map((r) => [r.category, r.departement_code, r.total]),
      [
        ['magistrature', '75', 2],
        ['police_gendarmerie', '93', 3],
      ],
    );
    const only = await counts.count({
      from: today,
      to: today,
      category: 'magistrature',
      departementCode: '',
    });
    assert.equal(only.length, 1);
    const csv = await counts.csv({ from: today, to: today, category: '', departementCode: '' }, (c) => c);
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    assert.equal(lines[0], 'du,au,categorie,departement,sessions,a_distance,total');
    assert.equal(lines[2], `${today},${today},police_gendarmerie,93,0,3,3`);
  });

  test('bad periods give clear errors', async () => {
    const { counts } = ctx.core.services.training;
    const fields = async (from: string, to: string) => {
      try {
        await counts.count({ from, to, category: '', departementCode: '' });
        return {};
      } catch (e) {
        return (e as { fields: Record<string, string> }).fields;
      }
    };
    assert.deepEqual(await fields('2099-01-01', '2099-02-01'), { from: 'training.counts.errors.future' });
    assert.deepEqual(await fields('2025-03-01', '2025-02-01'), {
      to: 'training.counts.errors.endBeforeStart',
    });
    assert.deepEqual(await fields('hier', '2025-02-01'), { from: 'training.counts.errors.date' });
  });

  test('counts per category appear in the plan indicator, withheld from the public under 11', async () => {
    const planId = (
      await ctx.core.db
        .insertInto('plans')
        .values({
          slug: 'plan-formation',
          title: 'Plan formation',
          period_start: 2025,
          period_end: 2027,
          status: 'draft',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const { indicators } = ctx.core.services.steering;
    const coordinator = await ctx.createUser({ role: 'coordinator' });
    const actor = (await ctx.core.sessions.loadActor(coordinator.id, 'token', {
      mfaVerified: true,
      sessionId: null,
      tokenScopes: null,
    }))!;
    const id = await indicators.save(actor, AUDIT, planId, null, {
      measureId: '',
      pilotId: '',
      code: 'formes-police',
      title: 'Policiers et gendarmes formés',
      definition: 'Attestations délivrées.',
      unit: 'count',
      source: 'trained_police_gendarmerie',
      periodFrom: '',
      periodTo: '',
      baseline: '',
      target: '100',
      manualValue: '',
      manualCount: '',
    });
    await indicators.refresh(planId);
    const read = async () => (await indicators.list(planId)).find((r) => r.id === id)!;
    assert.equal((await read()).actual, 3, 'only police and gendarmerie count');
    assert.equal(present(await read(), 'public').value, null);
    assert.equal(present(await read(), 'public').suppressed, 'small');
    await certify('police_gendarmerie', '93', 8);
    await indicators.refresh(planId);
    assert.equal((await read()).actual, 11);
    assert.equal(present(await read(), 'public').value, 11);
    assert.ok(serial > 0);
  });
});
