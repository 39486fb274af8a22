import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { build, location, type TestContext } from '../../support/app.js';

describe('administration of organisations, accounts and grants', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await build();
  });
  after(() => ctx.close());

  test('a national admin creates an organisation; bad input is reported per field and kept', async () => {
    const admin = await ctx.signIn(await ctx.createUser({ role: 'national_admin' }));
    const bad = await admin.postForm('/admin/organisations', {
      name: 'A',
      type: 'inconnu',
      departement: '99',
      siret: '123',
      rna: 'X1',
    });
    assert.equal(bad.statusCode, 422);
    for (const message of [
      'Indiquez le nom',
      'Choisissez un type',
      'Département inconnu',
      'Le SIRET compte 14 chiffres',
      'Le numéro RNA',
    ]) {
      assert.match(bad.body, new RegExp(message));
    }
    assert.match(bad.body, /value="123"/, 'what was typed stays in the form');
    const created = await admin.postForm('/admin/organisations', {
      name: 'Association d’essai de Seine-Saint-Denis',
      type: 'association',
      departement: '93',
      siret: '123 456 789 00012',
    });
    assert.equal(created.statusCode, 303);
    const page = await admin.get(location(created));
    assert.match(page.body, /Organisation « Association d’essai de Seine-Saint-Denis » ajoutée/);
    assert.match(page.body, /12345678900012/);
    const duplicate = await admin.postForm('/admin/organisations', {
      name: 'association d’essai de seine-saint-denis',
      type: 'association',
    });
    assert.equal(duplicate.statusCode, 409);
    assert.match(duplicate.body, /Une organisation s’appelle déjà/);
  });

  test('an invitation is e-mailed; its link sets the password and activates the account with its grant', async () => {
    const admin = await ctx.signIn(await ctx.createUser({ role: 'national_admin' }));
    const org = await ctx.core.services.organisations.create(
      null,
      { actorUserId: null, actorOrganisationId: null, requestId: 't' },
      { name: 'Parquet d’essai', type: 'parquet', departement: '75' },
    );
    const invited = await admin.postForm('/admin/utilisateurs/inviter', {
      email: 'Permanence.Essai@Exemple.test',
      displayName: 'Permanence d’essai',
      organisationId: org.id,
      role: 'duty_desk',
      scopeKind: 'departements',
      departements: '75, 92',
    });
    assert.equal(invited.statusCode, 303);
    const mail = await ctx.waitForMail((m) => m.to.includes('permanence.essai@exemple.test'));
    assert.match(mail.subject, /Invitation à rejoindre Relais/);
    assert.match(mail.text, /Parquet d’essai/);
    const link = /http:\/\/relais\.test(\/mot-de-passe\/nouveau\?jeton=[\w-]+)/.exec(mail.text)![1]!;
    const newcomer = ctx.client();
    assert.match((await newcomer.get(link)).body, /Bienvenue sur Relais/);
    const token = new URL(link, 'http://x').searchParams.get('jeton')!;
    const mismatch = await newcomer.postForm('/mot-de-passe/nouveau', {
      jeton: token,
      password: 'phrase de passe solide',
      confirmation: 'phrase de passe differente',
    });
    assert.match(mismatch.body, /La confirmation ne correspond pas/);
    assert.equal(
      (
        await newcomer.postForm('/mot-de-passe/nouveau', {
          jeton: token,
          password: 'phrase de passe solide',
          confirmation: 'phrase de passe solide',
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (
        await newcomer.postForm('/connexion', {
          email: 'permanence.essai@exemple.test',
          password: 'phrase de passe solide',
        })
      ).statusCode,
      303,
    );
    const me = await newcomer.send('GET', '/api/v1/me');
    assert.equal(me.statusCode, 200);
    assert.deepEqual(
      me.json().grants.map((g: { role: string; scope: unknown }) => [g.role, g.scope]),
      [['duty_desk', { kind: 'departements', departements: ['75', '92'] }]],
    );
  });

  test('invitation errors: unknown département, taken address, grant without scope data', async () => {
    const admin = await ctx.signIn(await ctx.createUser({ role: 'national_admin' }));
    const existing = await ctx.createUser({ role: 'trainer' });
    const response = await admin.postForm('/admin/utilisateurs/inviter', {
      email: existing.email,
      displayName: 'X',
      organisationId: existing.organisationId,
      role: 'duty_desk',
      scopeKind: 'departements',
      departements: '75, 999',
    });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /Département inconnu : 999/);
    assert.match(response.body, /Indiquez le nom affiché/);
    const airport = await admin.postForm('/admin/utilisateurs/inviter', {
      email: 'nouvelle@exemple.test',
      displayName: 'Nouvelle personne',
      organisationId: existing.organisationId,
      role: 'frontline',
      scopeKind: 'airport',
      airport: '',
    });
    assert.match(airport.body, /Choisissez un aéroport/);
    const taken = await admin.postForm('/admin/utilisateurs/inviter', {
      email: existing.email,
      displayName: 'Quelqu’un',
      organisationId: existing.organisationId,
      role: 'trainer',
      scopeKind: 'national',
    });
    assert.match(taken.body, /Un compte existe déjà avec cette adresse/);
  });

  test('a coordinator of Paris manages Paris accounts only and cannot hand out admin roles', async () => {
    const coordinator = await ctx.createUser({
      role: 'coordinator',
      departements: '75',
      organisation: { name: 'Coordination départementale de Paris', type: 'coordination', departement: '75' },
    });
    const client = await ctx.signIn(coordinator);
    const paris = await ctx.core.services.organisations.create(
      null,
      { actorUserId: null, actorOrganisationId: null, requestId: 't' },
      { name: 'ASE d’essai Paris', type: 'ase', departement: '75' },
    );
    const marseille = await ctx.core.services.organisations.create(
      null,
      { actorUserId: null, actorOrganisationId: null, requestId: 't' },
      { name: 'ASE d’essai Marseille', type: 'ase', departement: '13' },
    );

    const list = await client.get('/admin/organisations');
    assert.match(list.body, /ASE d’essai Paris/);
    assert.doesNotMatch(list.body, /ASE d’essai Marseille/);
    assert.equal((await client.get(`/admin/organisations/${marseille.id}`)).statusCode, 404);

    const outside = await client.postForm('/admin/utilisateurs/inviter', {
      email: 'ase13@exemple.test',
      displayName: 'ASE 13',
      organisationId: marseille.id,
      role: 'duty_desk',
      scopeKind: 'organisation',
    });
    assert.equal(outside.statusCode, 422);
    assert.match(outside.body, /hors de votre territoire/);
    const admin = await client.postForm('/admin/utilisateurs/inviter', {
      email: 'chef@exemple.test',
      displayName: 'Chef',
      organisationId: paris.id,
      role: 'national_admin',
      scopeKind: 'national',
    });
    assert.match(admin.body, /Vous ne pouvez pas attribuer ce rôle/);
    const wider = await client.postForm('/admin/utilisateurs/inviter', {
      email: 'large@exemple.test',
      displayName: 'Large',
      organisationId: paris.id,
      role: 'duty_desk',
      scopeKind: 'departements',
      departements: '75,13',
    });
    assert.match(wider.body, /Vous ne pouvez pas attribuer ce rôle/);
    const ok = await client.postForm('/admin/utilisateurs/inviter', {
      email: 'ase75@exemple.test',
      displayName: 'Permanence ASE',
      organisationId: paris.id,
      role: 'duty_desk',
      scopeKind: 'departements',
      departements: '75',
    });
    assert.equal(ok.statusCode, 303);
    const newUserId = location(ok).split('/').pop()!;
    // Grants: add one more, refuse a duplicate, remove one.
    assert.equal(
      (
        await client.postForm(`/admin/utilisateurs/${newUserId}/habilitations`, {
          role: 'frontline',
          scopeKind: 'organisation',
        })
      ).statusCode,
      303,
    );
    const dup = await client.postForm(`/admin/utilisateurs/${newUserId}/habilitations`, {
      role: 'frontline',
      scopeKind: 'organisation',
    });
    assert.equal(dup.statusCode, 409);
    const grants = await ctx.core.db
      .selectFrom('grants')
      .selectAll()
      .where('user_id', '=', newUserId)
      .orderBy('created_at')
      .execute();
    assert.deepEqual(
      grants.map((g) => g.role),
      ['duty_desk', 'frontline'],
    );
    assert.equal(
      (await client.postForm(`/admin/utilisateurs/${newUserId}/habilitations/${grants[1]!.id}/supprimer`, {}))
        .statusCode,
      303,
    );
    assert.equal(
      (await ctx.core.db.selectFrom('grants').select('id').where('user_id', '=', newUserId).execute()).length,
      1,
    );

    const marseilleUser = await ctx.createUser({ role: 'duty_desk', organisation: 'ASE d’essai Marseille' });
    assert.equal((await client.get(`/admin/utilisateurs/${marseilleUser.id}`)).statusCode, 404);
    assert.equal(
      (await client.postForm(`/admin/utilisateurs/${marseilleUser.id}/desactiver`, {})).statusCode,
      404,
    );
    const audit = await ctx.core.db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id'])
      .where('action', '=', 'user.invited')
      .execute();
    assert.ok(
      audit.some((e) => e.actor_user_id === coordinator.id),
      'the invitation is in the audit trail with its author',
    );
  });

  test('an admin resets a lost second factor; the person enrols again', async () => {
    const admin = await ctx.signIn(await ctx.createUser({ role: 'national_admin' }));
    const worker = await ctx.createUser({ role: 'case_worker' });
    assert.equal(
      (await admin.postForm(`/admin/utilisateurs/${worker.id}/2fa/reinitialiser`, {})).statusCode,
      303,
    );
    const client = ctx.client();
    const response = await client.postForm('/connexion', { email: worker.email, password: worker.password });
    assert.equal(location(response), '/compte/2fa');
  });

  test('the outbox page and the audit page are for national admins', async () => {
    const admin = await ctx.signIn(await ctx.createUser({ role: 'national_admin' }));
    const audit = await admin.get('/admin/journal?action=user.');
    assert.equal(audit.statusCode, 200);
    assert.match(audit.body, /user\.created/);
    assert.doesNotMatch(audit.body, /auth\.signed_in/);
    const overview = await admin.get('/admin');
    assert.match(overview.body, /mail\.send/);
  });
});
