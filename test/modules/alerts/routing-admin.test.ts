import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { build, location, type TestContext } from '../../support/app.js';
import { withDemoAlerting } from '../../support/alerting.js';

describe('coordinators set desks and routing rules; changes route the next alert', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await build();
    await withDemoAlerting(ctx);
  });
  after(() => ctx.close());

  test('a Bouches-du-Rhône coordinator creates a desk, its members and on-call windows, then a rule that routes Marseille alerts to it', async () => {
    const coordinator = await ctx.createUser({
      role: 'coordinator',
      departements: '13',
      organisation: { name: 'Coordination des Bouches-du-Rhône', type: 'coordination', departement: '13' },
    });
    const client = await ctx.signIn(coordinator);
    const inspection = await ctx.core.services.organisations.create(
      null,
      { actorUserId: null, actorOrganisationId: null, requestId: 't' },
      { name: 'Inspection du travail des Bouches-du-Rhône', type: 'inspection_travail', departement: '13' },
    );

    const bad = await client.postForm('/pro/permanences', {
      organisationId: inspection.id,
      name: 'X',
      departements: '13, 999',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Donnez un nom à la permanence/);
    assert.match(bad.body, /Département inconnu/);
    const outside = await client.postForm('/pro/permanences', {
      organisationId: inspection.id,
      name: 'Permanence trop large',
      departements: '13, 84',
    });
    assert.match(outside.body, /Ce territoire dépasse le vôtre/);
    const created = await client.postForm('/pro/permanences', {
      organisationId: inspection.id,
      name: 'Permanence inspection du travail 13',
      departements: '13',
    });
    assert.equal(created.statusCode, 303);
    const deskPath = location(created);

    const agent = await ctx.createUser({
      role: 'duty_desk',
      departements: '13',
      email: 'inspecteur.13@exemple.test',
    });
    await ctx.createUser({ role: 'trainer', email: 'formateur@exemple.test' });
    assert.match(
      (await client.postForm(`${deskPath}/membres`, { email: 'formateur@exemple.test' })).body,
      /ni le rôle « Permanence » ni « Coordination »/,
    );
    assert.match(
      (await client.postForm(`${deskPath}/membres`, { email: 'inconnu@exemple.test' })).body,
      /Aucun compte actif/,
    );
    assert.equal(
      (await client.postForm(`${deskPath}/membres`, { email: 'inspecteur.13@exemple.test' })).statusCode,
      303,
    );
    const badShift = await client.postForm(`${deskPath}/creneaux`, {
      userId: agent.id,
      start: '25:00',
      end: 'demain',
    });
    assert.equal(badShift.statusCode, 422);
    assert.match(badShift.body, /Choisissez au moins un jour/);
    assert.match(badShift.body, /Heure au format HH:MM/);
    assert.equal(
      (
        await client.postForm(`${deskPath}/creneaux`, {
          userId: agent.id,
          weekdays: ['1', '2', '3', '4', '5', '6', '7'],
          start: '00:00',
          end: '24:00',
        })
      ).statusCode,
      303,
    );
    const page = await client.get(deskPath);
    assert.match(page.body, /inspecteur\.13@exemple\.test/);
    assert.match(page.body, /00:00–24:00/);

    const deskId = deskPath.split('/').pop()!;
    const noTarget = await client.postForm('/pro/routage', { name: 'Règle sans cible', departements: '13' });
    assert.equal(noTarget.statusCode, 422);
    assert.match(noTarget.body, /Choisissez au moins une permanence, ou une compétence/);
    const national = await client.postForm('/pro/routage', { name: 'Règle nationale', deskIds: [deskId] });
    assert.match(
      national.body,
      /Ce territoire dépasse le vôtre/,
      'a departmental coordinator cannot write a rule for everywhere',
    );
    const rule = await client.postForm('/pro/routage', {
      name: 'Marseille — voie publique',
      departements: '13',
      contexts: ['voie_publique'],
      deskIds: [deskId],
      ackMinutes: '20',
      active: ['on'],
    });
    assert.equal(rule.statusCode, 303);

    // The next alert in Marseille reaches the new desk at once (the routing cache was told).
    const reporter = await ctx.signIn(await ctx.createUser({ role: 'frontline', departements: '13' }));
    const alert = await reporter.send('POST', '/api/v1/alerts', {
      context: 'voie_publique',
      place: { commune: '13055' },
      persons: [{ minor: 'no', gender: 'male' }],
      consent: 'adult_refuses',
    });
    assert.equal(alert.statusCode, 201);
    assert.ok(
      alert
        .json()
        .recipients.some(
          (r: { desk: string; role: string }) =>
            r.desk === 'Permanence inspection du travail 13' && r.role === 'responder',
        ),
    );
    await ctx.waitForMail(
      (m) => m.to.includes('inspecteur.13@exemple.test') && m.subject.includes(alert.json().reference),
    );

    // The rule list shows the Paris rules read-only to this coordinator, and theirs editable.
    const rules = await client.get('/pro/routage');
    assert.match(rules.body, /<a href="\/pro\/routage\/[0-9a-f-]{36}">Marseille — voie publique<\/a>/);
    assert.doesNotMatch(rules.body, /<a href="[^"]+">Mineurs — Paris/);
    const parisRule = await ctx.core.db
      .selectFrom('routing_rules')
      .select('id')
      .where('name', 'like', 'Mineurs%')
      .executeTakeFirstOrThrow();
    assert.equal((await client.get(`/pro/routage/${parisRule.id}`)).statusCode, 404);

    const audit = await ctx.core.db
      .selectFrom('audit_events')
      .select('action')
      .where('actor_user_id', '=', coordinator.id)
      .execute();
    for (const action of ['desk.created', 'desk.member_added', 'desk.shift_added', 'routing_rule.created'])
      assert.ok(
        audit.some((a) => a.action === action),
        action,
      );
  });

  test('the coordination desk cannot be switched off: alerts must always have somewhere to go', async () => {
    const coordinator = await ctx.signIn(await ctx.createUser({ role: 'coordinator' }));
    const desk = await ctx.core.db
      .selectFrom('desks')
      .select('id')
      .where('is_coordination', '=', true)
      .executeTakeFirstOrThrow();
    const response = await coordinator.postForm(`/pro/permanences/${desk.id}/desactiver`, {});
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /reste active/);
  });
});
