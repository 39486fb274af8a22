import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { build, type Client, type TestContext, type TestUser } from '../../support/app.js';
import { DESKS, minorAtCdg, withDemoAlerting } from '../../support/alerting.js';

describe('raising an alert through the API', () => {
  let ctx: TestContext;
  let reporter: TestUser;
  let api: Client;

  before(async () => {
    ctx = await build();
    await withDemoAlerting(ctx);
    reporter = await ctx.createUser({
      role: 'frontline',
      airport: 'CDG',
      organisation: { name: 'Compagnie d’essai', type: 'transport_aerien', departement: '95' },
    });
    const token = await ctx.core.services.accounts.apiTokens.createForEmail(
      reporter.email,
      { actorUserId: null, actorOrganisationId: null, requestId: 't' },
      { name: 'essai' },
    );
    api = ctx.client();
    api.bearer = token.token;
  });
  after(() => ctx.close());

  const count = async () =>
    Number(
      (
        await ctx.core.db
          .selectFrom('alerts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('a minor at CDG is routed at once to the PAF CDG and parquet des mineurs desks, with deadlines', async () => {
    const response = await api.send('POST', '/api/v1/alerts', minorAtCdg());
    assert.equal(response.statusCode, 201, response.body);
    const alert = response.json();
    assert.match(alert.reference, /^ALR-\d{4}-\d{6}$/);
    assert.equal(alert.departement, '95');
    const desks = new Map(
      alert.recipients.map((r: { desk: string; role: string; deadlineAt: string | null }) => [r.desk, r]),
    );
    for (const name of [
      DESKS.paf,
      DESKS.gta,
      DESKS.inspectionRoissy,
      DESKS.parquetMineurs,
      DESKS.ase,
      DESKS.horsLaRue,
    ]) {
      assert.equal((desks.get(name) as { role: string }).role, 'responder', name);
    }
    assert.equal((desks.get(DESKS.coordination) as { role: string }).role, 'observer');
    const minorsDeadline = new Date(
      (desks.get(DESKS.parquetMineurs) as { deadlineAt: string }).deadlineAt,
    ).getTime();
    assert.equal(minorsDeadline - ctx.clock.now().getTime(), 15 * 60_000);
    assert.equal(response.headers.location, `/api/v1/alerts/${alert.id}`);
  });

  test('the same Idempotency-Key twice makes one alert; with other content it is refused', async () => {
    const before = await count();
    const first = await api.send('POST', '/api/v1/alerts', minorAtCdg(), {
      'idempotency-key': 'cle-essai-1',
    });
    const second = await api.send('POST', '/api/v1/alerts', minorAtCdg(), {
      'idempotency-key': 'cle-essai-1',
    });
    assert.equal(first.statusCode, 201);
    assert.equal(second.statusCode, 200);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.equal(second.json().id, first.json().id);
    assert.equal(await count(), before + 1);
    const other = await api.send('POST', '/api/v1/alerts', minorAtCdg({ description: 'autre chose' }), {
      'idempotency-key': 'cle-essai-1',
    });
    assert.equal(other.statusCode, 409);
    assert.equal(other.json().title, 'Cette clé d’idempotence a déjà servi pour une autre alerte.');
    // Concurrent retries with one key still make one alert.
    const burst = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.send('POST', '/api/v1/alerts', minorAtCdg(), { 'idempotency-key': 'cle-rafale' }),
      ),
    );
    assert.equal(new Set(burst.map((r) => r.json().id)).size, 1);
    assert.deepEqual(burst.map((r) => r.statusCode).sort(), [200, 200, 200, 200, 200, 200, 200, 201]);
    assert.equal(await count(), before + 2);
  });

  test('bad input gets field errors in French and saves nothing', async () => {
    const before = await count();
    const cases: Array<[object, string, RegExp]> = [
      [{ place: { commune: '99999' } }, 'place.commune', /Commune inconnue/],
      [{ place: { airport: 'XXX' } }, 'place.airport', /Aéroport inconnu/],
      [{ persons: [] }, 'persons', /Décrivez au moins une personne/],
      [{ consent: 'adult_agrees' }, 'consent', /Une personne mineure est concernée/],
      [
        { persons: [{ minor: 'no', gender: 'male' }], consent: 'minor' },
        'consent',
        /Aucune personne n’est mineure/,
      ],
      [
        { persons: [{ minor: 'yes', gender: 'female', estimatedAge: 30 }] },
        'persons.0.estimatedAge',
        /Un mineur a moins de 18 ans/,
      ],
      [
        { persons: [{ minor: 'yes', gender: 'female', nationality: 'QQ' }] },
        'persons.0.nationality',
        /Nationalité inconnue/,
      ],
      [
        { indicators: ['horaires_excessifs'] },
        'indicators',
        /Repère inconnu pour ce lieu : horaires_excessifs/,
      ],
    ];
    for (const [override, field, message] of cases) {
      const response = await api.send('POST', '/api/v1/alerts', minorAtCdg(override as never));
      assert.equal(response.statusCode, 422, `${field}: ${response.body}`);
      const error = response.json().errors.find((e: { field: string }) => e.field === field);
      assert.ok(error, `${field} in ${response.body}`);
      assert.match(error.message, message);
    }
    const schema = await api.send('POST', '/api/v1/alerts', { ...minorAtCdg(), context: 'plage' });
    assert.equal(schema.statusCode, 400);
    assert.match(schema.json().errors[0].message, /doit être égal à une des valeurs|doit correspondre/);
    assert.equal(await count(), before, 'nothing half-saved');
  });

  test('the free text is encrypted at rest; e-mails to the desks carry only the reference and a link', async () => {
    const response = await api.send(
      'POST',
      '/api/v1/alerts',
      minorAtCdg({ description: 'Passeport confisqué par un homme nommé Texte-Témoin' }),
    );
    const { id, reference } = response.json();
    const raw = await sql<{ description: string }>`SELECT description FROM alerts WHERE id = ${id}`.execute(
      ctx.core.db,
    );
    assert.match(raw.rows[0]!.description, /^rk1\.1\./);
    assert.ok(!raw.rows[0]!.description.includes('Texte-Témoin'));
    const member = await ctx.createUser({
      role: 'duty_desk',
      departements: '95',
      email: 'paf.essai@exemple.test',
    });
    // The PAF desk had no member until now: a second alert reaches this one.
    const desk = await ctx.core.db
      .selectFrom('desks')
      .select('id')
      .where('name', '=', DESKS.paf)
      .executeTakeFirstOrThrow();
    await ctx.core.db.insertInto('desk_members').values({ desk_id: desk.id, user_id: member.id }).execute();
    const second = (
      await api.send('POST', '/api/v1/alerts', minorAtCdg({ description: 'Texte-Témoin encore' }))
    ).json();
    const mail = await ctx.waitForMail(
      (m) => m.to.includes('paf.essai@exemple.test') && m.subject.includes(second.reference),
    );
    assert.match(mail.text, new RegExp(`http://relais.test/pro/alertes/${second.id}`));
    for (const secret of ['Texte-Témoin', 'NG', 'Nigeria', 'passeport', 'Lagos'])
      assert.ok(!mail.text.includes(secret) && !mail.subject.includes(secret), secret);
    assert.ok(reference);
  });

  test('who may raise: a trainer may not; the form and the API say so', async () => {
    const trainer = await ctx.signIn(await ctx.createUser({ role: 'trainer' }));
    assert.equal((await trainer.send('POST', '/api/v1/alerts', minorAtCdg())).statusCode, 403);
    assert.equal((await trainer.get('/pro/alertes/nouvelle')).statusCode, 403);
  });

  test('every raise is audited', async () => {
    const rows = await ctx.core.db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id'])
      .where('action', '=', 'alert.raised')
      .execute();
    assert.ok(rows.length >= 4);
    assert.ok(rows.every((r) => r.actor_user_id === reporter.id));
  });

  test('the alerts API is in the OpenAPI document', async () => {
    const doc = (await ctx.client().get('/api/openapi.json')).json();
    const operations: Array<[string, string]> = [
      ['/api/v1/alerts', 'post'],
      ['/api/v1/alerts', 'get'],
      ['/api/v1/alerts/{id}', 'get'],
      ['/api/v1/alerts/{id}/acknowledge', 'post'],
      ['/api/v1/alerts/{id}/take-over', 'post'],
      ['/api/v1/alerts/{id}/hand-off', 'post'],
      ['/api/v1/alerts/{id}/notes', 'post'],
      ['/api/v1/alerts/{id}/close', 'post'],
      ['/api/v1/alerts/stream', 'get'],
    ];
    for (const [path, method] of operations) {
      assert.ok(doc.paths[path]?.[method], `${method} ${path}`);
    }
    assert.ok(
      doc.paths['/api/v1/alerts'].post.parameters.some(
        (p: { name: string; in: string }) => p.name === 'idempotency-key' && p.in === 'header',
      ),
    );
  });
});
