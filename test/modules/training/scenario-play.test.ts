import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_SCENARIO, DEMO_SCENARIO_SLUG, seedDemoScenario } from '../../../seeds/demo-scenario.js';
import { PHASES } from '../../../src/modules/training/reference.js';
import { bestPath, validateScenarioGraph } from '../../../src/modules/training/scenario-graph.js';
import { build, type Client, type TestContext } from '../../support/app.js';

const graphOf = (scenario: typeof DEMO_SCENARIO) => ({
  steps: scenario.steps.map((s) => ({ key: s.key, isEnd: !!s.end })),
  choices: scenario.choices.map((c, i) => ({
    stepKey: c.from,
    nextStep: c.to,
    minutes: c.minutes,
    quality: c.quality,
    position: i,
  })),
});
const text = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the shipped case exercise', () => {
  test('it validates: every path from the airport reaches an end; 10–16 steps, 2–4 choices each, all seven phases', () => {
    const { steps, choices } = graphOf(DEMO_SCENARIO);
    assert.deepEqual(validateScenarioGraph(DEMO_SCENARIO.startStep, steps, choices), []);
    assert.ok(steps.length >= 10 && steps.length <= 16, `${steps.length} steps`);
    for (const step of DEMO_SCENARIO.steps.filter((s) => !s.end)) {
      const n = choices.filter((c) => c.stepKey === step.key).length;
      assert.ok(n >= 2 && n <= 4, `${step.key}: ${n} choices`);
      assert.ok(step.goodPractice, `${step.key} has its good practice`);
    }
    assert.deepEqual([...new Set(DEMO_SCENARIO.steps.map((s) => s.phase))].sort(), [...PHASES].sort());
    const best = bestPath(DEMO_SCENARIO.startStep, steps, choices);
    assert.deepEqual(
      best.map((c) => c.nextStep),
      ['alerte-paf', 'parquet', 'opp', 'eloignement', 'audition', 'proces'],
    );
    // The OPP within 48 hours of the alert on the path of good practice.
    const untilOpp = best
      .slice(0, best.findIndex((c) => c.nextStep === 'opp') + 1)
      .reduce((s, c) => s + c.minutes, 0);
    assert.ok(untilOpp <= 48 * 60, `${untilOpp} minutes to the OPP`);
    assert.match(DEMO_SCENARIO.summary, /^Cas fictif\./);
  });
});

describe('case exercises through the browser forms', () => {
  let ctx: TestContext;
  let trainer: Client;
  let learner: Client;
  let other: Client;

  before(async () => {
    ctx = await build({ workers: false });
    await seedDemoScenario(ctx.core.db);
    await seedDemoScenario(ctx.core.db); // idempotent
    trainer = await ctx.signIn(await ctx.createUser({ role: 'trainer' }));
    learner = await ctx.signIn(await ctx.createUser({ role: 'frontline', airport: 'CDG' }));
    other = await ctx.signIn(await ctx.createUser({ role: 'case_worker', scopeKind: 'organisation' }));
  });
  after(() => ctx.close());

  test('a trainer writes a scenario; the authoring page names the step without exit and publishing is refused until it is fixed', async () => {
    const created = await trainer.postForm('/pro/formations/exercices', {
      title: 'Exercice d’essai',
      slug: '',
      summary: 'Cas fictif.',
    });
    assert.equal(created.statusCode, 303);
    const home = created.headers.location as string;
    assert.match(home, /^\/pro\/formations\/exercices\/[0-9a-f-]{36}$/);

    // A bad key: the form comes back with the message and what was typed.
    const bad = await trainer.postForm(`${home}/etapes`, {
      key: 'Début !',
      phase: 'identification',
      title: 'Au départ',
      situation: 'Une situation.',
      goodPractice: '',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(text(bad.body), /L’identifiant ne peut contenir que des lettres minuscules/);
    assert.match(bad.body, /value="Au départ"/);

    for (const [key, phase, isEnd] of [
      ['debut', 'identification', ''],
      ['impasse', 'alerte', ''],
      ['fin', 'proces', 'yes'],
    ] as const) {
      const step = await trainer.postForm(`${home}/etapes`, {
        key,
        phase,
        title: `Étape ${key}`,
        situation: 'Une situation.',
        goodPractice: 'Bien faire.',
        isEnd,
      });
      assert.equal(step.statusCode, 303, step.body);
      assert.equal(step.headers.location, `${home}/etapes/${key}`);
    }
    const choice = (to: string, quality = 'good') => ({
      label: `Aller à ${to}`,
      nextStep: to,
      duration: '2',
      unit: 'hours',
      quality,
      consequence: 'Il se passe quelque chose.',
      coordinationFailure: '',
    });
    assert.equal((await trainer.postForm(`${home}/etapes/debut/choix`, choice('impasse'))).statusCode, 303);
    assert.equal(
      (await trainer.postForm(`${home}/etapes/debut/choix`, choice('fin', 'poor'))).statusCode,
      303,
    );
    // A choice on an end step, a duration in no unit: refused with clear messages.
    const onEnd = await trainer.postForm(`${home}/etapes/fin/choix`, choice('debut'));
    assert.equal(onEnd.statusCode, 422);
    assert.match(text(onEnd.body), /Cette étape termine l’exercice : elle ne peut pas proposer de choix/);
    const noUnit = await trainer.postForm(`${home}/etapes/debut/choix`, { ...choice('fin'), duration: '-3' });
    assert.equal(noUnit.statusCode, 422);
    assert.match(text(noUnit.body), /Indiquez une durée positive/);

    const page = text((await trainer.get(home)).body);
    assert.match(page, /L’exercice ne peut pas être publié : 1 problème à corriger/);
    assert.match(page, /Étape sans sortie : « impasse » n’a aucun choix et n’est pas une étape de fin\./);

    const refused = await trainer.postForm(`${home}/publication`, {});
    assert.equal(refused.statusCode, 422);
    assert.match(text(refused.body), /Publication refusée : chaque chemin doit mener à une fin/);
    assert.match(text(refused.body), /Étape sans sortie : « impasse »/);
    const id = home.split('/').at(-1) as string;
    const status = async () =>
      (
        await ctx.core.db
          .selectFrom('scenarios')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status;
    assert.equal(await status(), 'draft');

    assert.equal((await trainer.postForm(`${home}/etapes/impasse/choix`, choice('fin'))).statusCode, 303);
    assert.match(
      text((await trainer.get(home)).body),
      /Chaque chemin mène à une fin : l’exercice peut être publié\./,
    );
    assert.equal((await trainer.postForm(`${home}/publication`, {})).statusCode, 303);
    assert.equal(await status(), 'published');

    // Published: a change that would create a dead end is refused and nothing is saved.
    const exit = await ctx.core.db
      .selectFrom('scenario_choices')
      .select('id')
      .where('scenario_id', '=', id)
      .where('step_key', '=', 'impasse')
      .executeTakeFirstOrThrow();
    const broken = await trainer.postForm(`${home}/choix/${exit.id}/suppression`, {});
    assert.equal(broken.statusCode, 422);
    assert.match(text(broken.body), /Modification refusée : l’exercice est publié/);
    assert.match(text(broken.body), /Étape sans sortie : « impasse »/);
    assert.ok(
      await ctx.core.db
        .selectFrom('scenario_choices')
        .select('id')
        .where('id', '=', exit.id)
        .executeTakeFirst(),
    );
    const addStep = await trainer.postForm(`${home}/etapes`, {
      key: 'orpheline',
      phase: 'opp',
      title: 'Étape orpheline',
      situation: 'Une situation.',
    });
    assert.equal(addStep.statusCode, 422);
    assert.match(
      text(addStep.body),
      /L’étape « orpheline » n’est atteinte par aucun chemin partant du départ\./,
    );
    // A fine change is saved; back to draft, the trainer may rework it in several goes.
    assert.equal(
      (
        await trainer.postForm(`${home}/etapes/impasse`, {
          phase: 'alerte',
          title: 'L’alerte',
          situation: 'Nouvelle situation.',
          goodPractice: '',
        })
      ).statusCode,
      303,
    );
    assert.equal((await trainer.postForm(`${home}/brouillon`, {})).statusCode, 303);
    assert.equal((await trainer.postForm(`${home}/choix/${exit.id}/suppression`, {})).statusCode, 303);
    const audit = await ctx.core.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', id)
      .execute();
    assert.ok(
      ['scenario.create', 'scenario.publish', 'scenario.unpublish', 'scenario.choice.delete'].every((a) =>
        audit.some((e) => e.action === a),
      ),
    );
  });

  test('a learner plays the shipped scenario to the debrief; a stale or foreign choice is refused; the run is theirs alone', async () => {
    const list = await learner.get('/formations/exercices');
    assert.equal(list.statusCode, 200);
    assert.match(text(list.body), /Repérée à Roissy : de l’alerte au procès/);
    assert.equal((await learner.get('/pro/formations/exercices')).statusCode, 403);

    const started = await learner.postForm(`/formations/exercices/${DEMO_SCENARIO_SLUG}`, {});
    assert.equal(started.statusCode, 303);
    const run = started.headers.location as string;
    const runId = run.split('/').at(-1) as string;
    const scenario = await ctx.core.db
      .selectFrom('scenarios')
      .select('id')
      .where('slug', '=', DEMO_SCENARIO_SLUG)
      .executeTakeFirstOrThrow();
    const choices = await ctx.core.db
      .selectFrom('scenario_choices')
      .selectAll()
      .where('scenario_id', '=', scenario.id)
      .execute();
    const pick = (from: string, to: string) =>
      choices.find((c) => c.step_key === from && c.next_step === to)!;

    const first = text((await learner.get(run)).body);
    assert.match(first, /Au comptoir des correspondances/);
    assert.match(first, /Repérage Étape 1 sur 7/);
    assert.match(first, /Temps écoulé depuis le repérage : 0 min/);

    // A choice of another step (say, a page from another run or a forged form): 409, nothing moves.
    const foreign = await learner.postForm(run, { step: 'reperage', choice: pick('parquet', 'opp').id });
    assert.equal(foreign.statusCode, 409);
    assert.match(text(foreign.body), /Cette action n’est pas proposée à l’étape en cours/);
    const none = await learner.postForm(run, { step: 'reperage', choice: '' });
    assert.equal(none.statusCode, 422);
    assert.match(text(none.body), /Choisissez une action avant de valider\./);

    // A poor start, then good practice.
    const questioned = choices.find(
      (c) => c.step_key === 'reperage' && c.quality === 'poor' && c.next_step === 'alerte-paf',
    )!;
    assert.equal((await learner.postForm(run, { step: 'reperage', choice: questioned.id })).statusCode, 303);
    // The same form sent again (double submit, back button): 409 with where the run stands.
    const again = await learner.postForm(run, { step: 'reperage', choice: questioned.id });
    assert.equal(again.statusCode, 409);
    assert.match(text(again.body), /Vous aviez déjà répondu à cette étape/);
    assert.match(text(again.body), /La police aux frontières prend le relais/);
    const second = text((await learner.get(run)).body);
    assert.match(second, /Ce qui s’est passé/);
    assert.match(second, /le réseau sait désormais qu’elle a été repérée/);
    assert.match(second, /Temps écoulé depuis le repérage : 15 min/);
    assert.match(second, /Alerte Étape 2 sur 7/);

    // Someone else cannot see it, answer it or read its debrief.
    assert.equal((await other.get(run)).statusCode, 404);
    assert.equal(
      (await other.postForm(run, { step: 'alerte-paf', choice: pick('alerte-paf', 'parquet').id }))
        .statusCode,
      404,
    );
    assert.equal((await other.get(`${run}/bilan`)).statusCode, 404);
    // Not finished: the debrief's address leads back to the step.
    assert.equal((await learner.get(`${run}/bilan`)).headers.location, run);

    const good = [
      'alerte-paf:parquet',
      'parquet:opp',
      'opp:eloignement',
      'eloignement:audition',
      'audition:proces',
    ];
    let last: Awaited<ReturnType<Client['postForm']>> | undefined;
    for (const hop of good) {
      const [from, to] = hop.split(':') as [string, string];
      const best = choices
        .filter((c) => c.step_key === from && c.next_step === to)
        .sort((a, b) => (a.quality === 'good' ? -1 : b.quality === 'good' ? 1 : 0))[0]!;
      last = await learner.postForm(run, { step: from, choice: best.id });
      assert.equal(last.statusCode, 303, `${hop}: ${last.body.slice(0, 200)}`);
    }
    assert.equal(last!.headers.location, `${run}/bilan`);
    assert.equal((await learner.get(run)).headers.location, `${run}/bilan`);

    const debrief = await learner.get(`${run}/bilan`);
    assert.equal(debrief.statusCode, 200);
    const body = text(debrief.body);
    assert.match(body, /Bilan de l’exercice/);
    assert.match(body, /Fin de l’histoire : Le procès, avec la victime/);
    assert.match(body, /Vos choix : bonne pratique 5, acceptable 0, à éviter 1\./);
    // The path of good practice took 10 minutes to the alert, the learner 15.
    assert.match(body, /Alerte 15 min 10 min/);
    assert.match(body, /Soit 5 min de plus que la bonne pratique\./);
    assert.match(body, /Où la coordination a manqué/);
    assert.match(body, /Le repérage a été éventé/);
    assert.match(body, /Action attendue : « Enregistrer normalement sans rien laisser paraître/);
    assert.match(body, /Le parcours de bonne pratique/);
    const row = await ctx.core.db
      .selectFrom('scenario_runs')
      .selectAll()
      .where('id', '=', runId)
      .executeTakeFirstOrThrow();
    assert.ok(row.finished_at);
    assert.equal(
      row.path.reduce((s, p) => s + p.minutes, 0),
      15 + 20 + 120 + 720 + 7 * 1440 + 365 * 1440,
    );
    // A finished run takes no more answers.
    assert.equal(
      (await learner.postForm(run, { step: 'proces', choice: pick('audition', 'proces').id })).statusCode,
      409,
    );
  });

  test('an early dead end: alerting too late loses the person, and the debrief says where coordination failed', async () => {
    const run = (await learner.postForm(`/formations/exercices/${DEMO_SCENARIO_SLUG}`, {})).headers
      .location as string;
    const late = await ctx.core.db
      .selectFrom('scenario_choices')
      .select('id')
      .where('step_key', '=', 'reperage')
      .where('next_step', '=', 'perdue-aeroport')
      .executeTakeFirstOrThrow();
    assert.equal(
      (await learner.postForm(run, { step: 'reperage', choice: late.id })).headers.location,
      `${run}/bilan`,
    );
    const body = text((await learner.get(`${run}/bilan`)).body);
    assert.match(body, /Fin de l’histoire : Perdue de vue\. La bonne pratique menait à une autre issue\./);
    assert.match(body, /L’alerte n’a pas été donnée à temps/);
    assert.match(body, /Parquet non atteinte 30 min/);
    assert.match(body, /Votre parcours s’est arrêté au bout de 8 h, à la phase « Repérage »\./);
    assert.match(
      body,
      /Le parcours de bonne pratique mène à « Le procès, avec la victime » en environ 12 mois\./,
    );
    // The intro lists both runs' debriefs.
    assert.match(
      text((await learner.get(`/formations/exercices/${DEMO_SCENARIO_SLUG}`)).body),
      /Vos bilans précédents/,
    );
  });
});
