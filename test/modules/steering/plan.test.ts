import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { present } from '../../../src/modules/steering/indicators.js';
import { type MeasureRow, planProgress, rollUp } from '../../../src/modules/steering/progress.js';
import { build, type Client, type TestContext } from '../../support/app.js';

const AUDIT = { actorUserId: null, actorOrganisationId: null, requestId: 'test' };

const row = (id: string, values: Partial<MeasureRow>): MeasureRow => ({
  id,
  axis_id: 'a',
  parent_id: null,
  number: id,
  title: id,
  description: '',
  lead: '',
  partners: [],
  status: 'in_progress',
  progress: null,
  weight: 1,
  starts_on: null,
  ends_on: null,
  ...values,
});

describe('the national plan: measures, progress roll-up, budget, indicators with the k ≥ 11 rule, joint review', () => {
  let ctx: TestContext;
  let coordinator: Client;
  let planId: string;
  let axisId: string;

  before(async () => {
    ctx = await build({ workers: false });
    coordinator = await ctx.signIn(await ctx.createUser({ role: 'coordinator' }));
    planId = (
      await ctx.core.db
        .insertInto('plans')
        .values({
          slug: 'plan-de-test',
          title: 'Plan de test',
          period_start: 2025,
          period_end: 2027,
          status: 'draft',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  after(() => ctx.close());

  test('roll-up: a parent takes the weighted mean of its sub-measures, dropped ones left out, recursively', () => {
    const roots = rollUp([
      row('1', {}),
      row('1.a', { parent_id: '1', progress: 100, weight: 3 }),
      row('1.b', { parent_id: '1', progress: 20, weight: 1 }),
      row('1.c', { parent_id: '1', progress: 0, weight: 5, status: 'dropped' }),
      row('2', { status: 'done' }),
      row('3', {}),
      row('3.a', { parent_id: '3', progress: 50 }),
      row('3.a.i', { parent_id: '3.a', progress: 10, weight: 1 }),
      row('3.a.ii', { parent_id: '3.a', progress: 30, weight: 1 }),
    ]);
    const byId = new Map(roots.map((r) => [r.id, r]));
    assert.equal(byId.get('1')!.effectiveProgress, 80); // (100×3 + 20×1) / 4
    assert.equal(byId.get('2')!.effectiveProgress, 100); // done without a figure
    assert.equal(byId.get('3')!.children[0]!.effectiveProgress, 20); // its own 50 is replaced by its children's
    assert.equal(byId.get('3')!.effectiveProgress, 20);
    assert.equal(planProgress(roots), 67); // (80 + 100 + 20) / 3
  });

  test('the coordinator builds the plan through the forms; progress outside 0–100 and a figure on a parent are refused', async () => {
    const axis = await coordinator.postForm(`/pilotage/plans/${planId}/axes`, {
      number: '1',
      title: 'Former les professionnels',
      description: '',
    });
    assert.equal(axis.statusCode, 303);
    axisId = (
      await ctx.core.db
        .selectFrom('plan_axes')
        .select('id')
        .where('plan_id', '=', planId)
        .executeTakeFirstOrThrow()
    ).id;
    const measure = (values: Record<string, string>) =>
      coordinator.postForm(`/pilotage/plans/${planId}/mesures`, {
        axisId,
        parentId: '',
        description: '',
        lead: 'MIPROF',
        partners: '',
        status: 'in_progress',
        progress: '',
        weight: '1',
        startsOn: '',
        endsOn: '',
        ...values,
      });
    const bad = await measure({
      number: '1.1',
      title: 'Mesure',
      progress: '140',
      startsOn: '2026-05-01',
      endsOn: '2026-04-01',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /L’avancement est un nombre entier entre 0 et 100/);
    assert.match(bad.body, /La fin ne peut pas précéder le début/);
    assert.match(bad.body, /value="Mesure"/, 'what was typed is kept');
    assert.equal(
      Number(
        (
          await ctx.core.db
            .selectFrom('plan_measures')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      0,
    );

    const parent = await measure({ number: '1.1', title: 'Former les professionnels de l’asile' });
    assert.equal(parent.statusCode, 303);
    const parentId = String(parent.headers.location).split('/').at(-1)!;
    assert.equal(
      (await measure({ number: '1.1.a', title: 'CADA', parentId, progress: '100', weight: '3' })).statusCode,
      303,
    );
    assert.equal(
      (await measure({ number: '1.1.b', title: 'CHRS', parentId, progress: '20', weight: '1' })).statusCode,
      303,
    );
    const page = await coordinator.get(`/pilotage/plans/${planId}`);
    assert.match(
      page.body,
      /<progress[^>]*value="80"/,
      'the parent shows the weighted mean of its sub-measures',
    );

    const own = await coordinator.postForm(`/pilotage/plans/${planId}/mesures/${parentId}`, {
      axisId,
      parentId: '',
      number: '1.1',
      title: 'Former les professionnels de l’asile',
      description: '',
      lead: '',
      partners: '',
      status: 'in_progress',
      progress: '50',
      weight: '1',
      startsOn: '',
      endsOn: '',
    });
    assert.equal(own.statusCode, 422);
    assert.match(own.body, /son avancement est calculé à partir d’elles/);
  });

  test('budget: spent above committed needs a note; amounts typed the French way', async () => {
    const line = (values: Record<string, string>) =>
      coordinator.postForm(`/pilotage/plans/${planId}/budget`, {
        measureId: '',
        year: '2025',
        programme: 'BOP 137',
        action: 'action 15',
        level: 'central',
        planned: '510 000',
        committed: '100 000',
        spent: '120 000',
        note: '',
        source: '',
        ...values,
      });
    const refused = await line({});
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /Le dépensé dépasse l’engagé : expliquez-le dans la note/);
    assert.equal((await line({ note: 'Report de crédits de 2024' })).statusCode, 303);
    const lines = await ctx.core.db
      .selectFrom('budget_lines')
      .selectAll()
      .where('plan_id', '=', planId)
      .execute();
    assert.deepEqual(
      lines.map((l) => [l.planned, l.committed, l.spent]),
      [[510000, 100000, 120000]],
    );
    const page = await coordinator.get(`/pilotage/plans/${planId}/budget`);
    assert.match(page.body, /510\s000\s€/);
    assert.match(page.body, /<svg[^>]*role="img"/, 'a chart, with its table');
  });

  test('a computed indicator follows the data and is withheld on public pages while fewer than 11 cases carry it', async () => {
    const { indicators } = ctx.core.services.steering;
    const organisationId = (await ctx.createUser({ role: 'case_worker', scopeKind: 'organisation' }))
      .organisationId;
    const pilotId = (
      await ctx.core.db
        .insertInto('pilot_projects')
        .values({
          slug: 'pilote-de-test',
          plan_id: planId,
          name: 'Pilote de test',
          funding_status: 'funded',
          case_tag: 'pilote-test',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const id = await indicators.save(
      (await ctx.core.sessions.loadActor(
        (
          await ctx.core.db
            .selectFrom('grants')
            .select('user_id')
            .where('role', '=', 'coordinator')
            .executeTakeFirstOrThrow()
        ).user_id,
        'token',
        { mfaVerified: true, sessionId: null, tokenScopes: null },
      ))!,
      AUDIT,
      planId,
      null,
      {
        measureId: '',
        pilotId,
        code: 'entrees',
        title: 'Dossiers ouverts du pilote',
        definition: 'Dossiers étiquetés ouverts dans l’année.',
        unit: 'count',
        source: 'case_entries',
        periodFrom: '',
        periodTo: '',
        baseline: '',
        target: '20',
        manualValue: '',
        manualCount: '',
      },
    );
    let serial = 0;
    const openCases = async (n: number, tag: string) => {
      for (let i = 0; i < n; i++)
        await ctx.core.db
          .insertInto('cases')
          .values({
            reference: `TEST-IND-${serial++}`,
            lead_organisation_id: organisationId,
            opened_at: ctx.clock.now(),
            minor: true,
            pilot_tags: [tag],
          })
          .execute();
    };
    await openCases(10, 'pilote-test');
    await openCases(5, 'autre-pilote');
    await indicators.refresh(planId);
    const read = async () => (await indicators.list(planId)).find((r) => r.id === id)!;
    assert.equal((await read()).actual, 10, 'only the files of the pilot count');
    assert.equal(present(await read(), 'steering').value, 10, 'coordinators see it');
    assert.equal(present(await read(), 'public').value, null);
    assert.equal(present(await read(), 'public').suppressed, 'small');
    const before11 = await ctx.client().get('/plan/projets-pilotes');
    assert.match(before11.body, /Non publié : moins de 11 cas/);

    await openCases(2, 'pilote-test');
    await indicators.refresh(planId);
    assert.equal((await read()).actual, 12, 'the value changes with the data');
    assert.equal(present(await read(), 'public').value, 12);
    const after11 = await ctx.client().get('/plan/projets-pilotes');
    assert.doesNotMatch(after11.body, /Non publié : moins de 11 cas/);
    assert.match(after11.body, /<td>12<\/td>/);
  });

  test('joint review: an association rates, the coordinator reads the synthesis and its PDF; contributions are answered', async () => {
    await coordinator.postForm(`/pilotage/plans/${planId}/etat`, { status: 'consultation' });
    const measureId = (
      await ctx.core.db
        .selectFrom('plan_measures')
        .select('id')
        .where('number', '=', '1.1.a')
        .executeTakeFirstOrThrow()
    ).id;
    const member = await ctx.signIn(
      await ctx.createUser({
        role: 'collective_member',
        scopeKind: 'organisation',
        organisation: { name: 'Association relectrice', type: 'association' },
      }),
    );
    const noComment = await member.postForm(`/pilotage/plans/${planId}/mesures/${measureId}/avis`, {
      rating: 'improve',
      comment: '',
    });
    assert.equal(noComment.statusCode, 422);
    assert.match(noComment.body, /Dites ce qui doit changer/);
    assert.equal(
      (
        await member.postForm(`/pilotage/plans/${planId}/mesures/${measureId}/avis`, {
          rating: 'improve',
          comment: 'Former aussi les tuteurs.',
        })
      ).statusCode,
      303,
    );
    // A second rating from the same association replaces the first.
    assert.equal(
      (
        await member.postForm(`/pilotage/plans/${planId}/mesures/${measureId}/avis`, {
          rating: 'keep',
          comment: 'À garder telle quelle.',
        })
      ).statusCode,
      303,
    );
    const contribution = await member.postForm(`/pilotage/plans/${planId}/contributions`, {
      measureId,
      axisId: '',
      body: 'Associer les départements.',
    });
    assert.equal(contribution.statusCode, 303);
    assert.equal((await member.get(`/pilotage/plans/${planId}/synthese`)).statusCode, 403);

    const synthesis = await coordinator.get(`/pilotage/plans/${planId}/synthese`);
    assert.match(synthesis.body, /1 association a donné son avis/);
    assert.match(synthesis.body, /Association relectrice<\/strong> \(À garder\) : À garder telle quelle\./);
    const pdf = await coordinator.get(`/pilotage/plans/${planId}/synthese/pdf`);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const doc = await PDFDocument.load(pdf.rawPayload);
    assert.ok(doc.getPageCount() >= 1);

    const contributionId = (
      await ctx.core.db.selectFrom('plan_contributions').select('id').executeTakeFirstOrThrow()
    ).id;
    const missing = await coordinator.postForm(
      `/pilotage/plans/${planId}/contributions/${contributionId}/reponse`,
      { decision: '', answer: '' },
    );
    assert.equal(missing.statusCode, 422);
    assert.equal(
      (
        await coordinator.postForm(`/pilotage/plans/${planId}/contributions/${contributionId}/reponse`, {
          decision: 'accepted',
          answer: 'Ajouté à la mesure 3.1.',
        })
      ).statusCode,
      303,
    );
    assert.doesNotMatch(
      (await ctx.client().get('/plan')).body,
      /Associer les départements/,
      'not public before the plan',
    );
    await coordinator.postForm(`/pilotage/plans/${planId}/etat`, { status: 'published' });
    const publicPage = await ctx.client().get('/plan');
    assert.match(publicPage.body, /Associer les départements\./);
    assert.match(publicPage.body, /Acceptée — Ajouté à la mesure 3\.1\./);
    const late = await member.postForm(`/pilotage/plans/${planId}/contributions`, {
      measureId,
      axisId: '',
      body: 'Trop tard ?',
    });
    assert.equal(late.statusCode, 409);
  });

  test('a coordinator creates a plan (draft, unseen by associations) and a pilot project; bad years and names are refused', async () => {
    const bad = await coordinator.postForm('/pilotage/plans', {
      title: '',
      periodStart: '2027',
      periodEnd: '2025',
      summary: '',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Indiquez un intitulé/);
    assert.match(bad.body, /La fin ne peut pas précéder le début/);
    const created = await coordinator.postForm('/pilotage/plans', {
      title: 'Troisième plan d’action national',
      periodStart: '2026',
      periodEnd: '2028',
      summary: '',
    });
    assert.equal(created.statusCode, 303);
    const plan = await ctx.core.db
      .selectFrom('plans')
      .selectAll()
      .where('title', '=', 'Troisième plan d’action national')
      .executeTakeFirstOrThrow();
    assert.equal(plan.slug, 'troisieme-plan-d-action-national');
    assert.equal(plan.status, 'draft');
    const again = await coordinator.postForm('/pilotage/plans', {
      title: 'Troisième plan d’action national',
      periodStart: '2026',
      periodEnd: '2028',
      summary: '',
    });
    assert.equal(again.statusCode, 303);
    assert.ok(
      await ctx.core.db
        .selectFrom('plans')
        .select('id')
        .where('slug', '=', 'troisieme-plan-d-action-national-2')
        .executeTakeFirst(),
    );
    const member = await ctx.signIn(
      await ctx.createUser({ role: 'collective_member', scopeKind: 'organisation' }),
    );
    assert.doesNotMatch((await member.get('/pilotage/plans')).body, /Troisième plan/);
    assert.equal((await member.get(`/pilotage/plans/${plan.id}`)).statusCode, 404);

    const noName = await coordinator.postForm('/pilotage/projets-pilotes', {
      name: '',
      fundingStatus: 'unknown',
      description: '',
      partners: '',
      places: '',
      startsOn: '',
      endsOn: '',
      fundingNote: '',
      evaluationNotes: '',
      caseTag: 'pilote-test',
    });
    assert.equal(noName.statusCode, 422);
    assert.match(noName.body, /Indiquez un intitulé/);
    assert.match(noName.body, /Cette étiquette est déjà celle d’un autre projet/);
    const pilot = await coordinator.postForm('/pilotage/projets-pilotes', {
      name: 'Circuit mineurs à Marseille',
      fundingStatus: 'partly_funded',
      description: '',
      partners: 'Parquet de Marseille\nAssociation locale',
      places: 'Marseille',
      startsOn: '2026-01-01',
      endsOn: '',
      fundingNote: '',
      evaluationNotes: '',
      caseTag: 'mineurs-marseille',
    });
    assert.equal(pilot.statusCode, 303);
    assert.equal(pilot.headers.location, '/pilotage/projets-pilotes/circuit-mineurs-a-marseille');
    assert.match((await ctx.client().get('/plan/projets-pilotes')).body, /Circuit mineurs à Marseille/);
  });

  test('departmental deployment: a coordinator edits its own départements only; a referent needs its parquet', async () => {
    const paris = await ctx.signIn(await ctx.createUser({ role: 'coordinator', departements: '75' }));
    assert.equal((await paris.get('/pilotage/deploiement/13')).statusCode, 403);
    const bad = await paris.postForm('/pilotage/deploiement/75', {
      commission: 'codaf',
      commissionNote: '',
      parquetOrganisation: '',
      flags: 'parquetReferent',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Indiquez le parquet où le référent est désigné/);
    assert.equal(
      (
        await paris.postForm('/pilotage/deploiement/75', {
          commission: 'codaf',
          commissionNote: '',
          parquetOrganisation: 'Parquet de Paris',
          flags: ['parquetReferent', 'minorsCircuit'],
        })
      ).statusCode,
      303,
    );
    const page = await ctx.client().get('/plan/deploiement');
    assert.match(
      page.body,
      /Paris \(75\) : CODAF[^<]*référent traite au Parquet de Paris ; circuit mineurs étendu/,
    );
  });
});
