import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { build, type Client, location, type TestContext } from '../../support/app.js';
import { DESKS, withDemoAlerting } from '../../support/alerting.js';

function hidden(body: string, name: string): string {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(body)![1]!;
}

describe('raising an alert with the page (no JavaScript)', () => {
  let ctx: TestContext;
  let pro: Client;
  let helpers: Awaited<ReturnType<typeof withDemoAlerting>>;

  before(async () => {
    ctx = await build();
    helpers = await withDemoAlerting(ctx);
    pro = await ctx.signIn(await ctx.createUser({ role: 'frontline', airport: 'CDG' }));
  });
  after(() => ctx.close());

  test('first the place, then a form for that context with its fiche réflexe and its indicators', async () => {
    const picker = await pro.get('/pro/alertes/nouvelle');
    assert.equal(picker.statusCode, 200);
    assert.match(picker.body, /href="\/pro\/alertes\/nouvelle\?contexte=aeroport"/);
    assert.match(picker.body, /tel:17/);
    const form = await pro.get('/pro/alertes/nouvelle?contexte=aeroport');
    assert.match(form.body, /Fiche réflexe : Aéroport/);
    assert.match(form.body, /Ne confrontez pas l’accompagnateur/);
    assert.match(form.body, /Son billet a été payé par quelqu’un/);
    assert.doesNotMatch(form.body, /Horaires excessifs/);
    assert.match(form.body, /<option value="CDG" selected/, 'the reporter’s airport is preselected');
    const work = await pro.get('/pro/alertes/nouvelle?contexte=lieu_travail');
    assert.match(work.body, /Horaires excessifs/);
    assert.doesNotMatch(work.body, /Son billet a été payé/);
  });

  test('an ambiguous commune is offered as a choice; one more person keeps what was typed; then the alert is sent once', async () => {
    const form = await pro.get('/pro/alertes/nouvelle?contexte=voie_publique');
    const key = hidden(form.body, 'idempotencyKey');
    const fields = {
      idempotencyKey: key,
      context: 'voie_publique',
      placeKind: 'commune',
      commune: 'Saint-Denis',
      personBlocks: '1',
      p0_minor: 'yes',
      p0_age: '14',
      p0_gender: 'male',
      p0_nationality: 'RO',
      p0_lang1: 'ro',
      forms: 'delits',
      indicators: 'delits_surveilles',
      consent: 'minor',
      danger: 'oui',
      description: 'Vols à la tire surveillés par un adulte',
    };
    const more = await pro.postForm('/pro/alertes', { ...fields, action: 'addPerson' });
    assert.equal(more.statusCode, 200);
    assert.match(more.body, /Personne 2/);
    assert.match(more.body, /Vols à la tire surveillés par un adulte/);
    assert.match(more.body, /<option value="RO" selected/);

    const ambiguous = await pro.postForm('/pro/alertes', fields);
    assert.equal(ambiguous.statusCode, 422);
    assert.match(ambiguous.body, /Plusieurs communes correspondent/);
    assert.match(ambiguous.body, /value="93066"/, 'Saint-Denis (93) is offered');
    assert.match(ambiguous.body, /value="97411"/, 'and Saint-Denis (La Réunion)');

    const sent = await pro.postForm('/pro/alertes', { ...fields, communeCode: '93066' });
    assert.equal(sent.statusCode, 303);
    assert.match(location(sent), /^\/pro\/alertes\/[0-9a-f-]{36}\?envoyee=1$/);
    const again = await pro.postForm('/pro/alertes', { ...fields, communeCode: '93066' });
    assert.equal(location(again), location(sent), 'a double submit gives the same alert');

    const confirmation = await pro.get(location(sent));
    assert.match(confirmation.body, /Alerte ALR-\d{4}-\d{6} transmise/);
    assert.match(confirmation.body, /Danger immédiat : appelez maintenant/);
    assert.match(confirmation.body, /tel:119/, 'a minor: 119 too');
    assert.match(confirmation.body, /data-clear-drafts/);
    const stored = await ctx.core.db
      .selectFrom('alerts')
      .selectAll()
      .where('commune_code', '=', '93066')
      .executeTakeFirstOrThrow();
    assert.equal(stored.departement_code, '93');
    assert.equal(stored.has_minor, true);
    assert.equal(stored.immediate_danger, true);
  });

  test('errors are shown on the form, next to their fields, in French', async () => {
    const form = await pro.get('/pro/alertes/nouvelle?contexte=domicile');
    const response = await pro.postForm('/pro/alertes', {
      idempotencyKey: hidden(form.body, 'idempotencyKey'),
      context: 'domicile',
      placeKind: 'commune',
      commune: 'Nullepartville',
      personBlocks: '1',
      p0_minor: 'yes',
      p0_gender: 'female',
      consent: 'adult_agrees',
    });
    assert.equal(response.statusCode, 422);
    assert.match(response.body, /Commune inconnue/);
    const consent = await pro.postForm('/pro/alertes', {
      idempotencyKey: hidden(form.body, 'idempotencyKey'),
      context: 'domicile',
      placeKind: 'departement',
      departement: '93',
      personBlocks: '1',
      p0_minor: 'yes',
      p0_age: '25',
      p0_gender: 'female',
      consent: 'adult_agrees',
    });
    assert.equal(consent.statusCode, 422);
    assert.match(consent.body, /Une personne mineure est concernée/);
    assert.match(
      consent.body,
      /id="champ-p0_age-messages"[^>]*><p class="fr-message fr-message--error" id="champ-p0_age-error">Un mineur a moins de 18 ans/,
    );
  });

  test('the desk list shows my desks’ alerts with their deadline, and the detail page lets me act', async () => {
    const member = await ctx.signIn(await helpers.member(DESKS.parquetMineurs));
    const list = await member.get('/pro/alertes');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Mes permanences : Permanence du parquet des mineurs de Paris/);
    const alert = await ctx.core.db
      .selectFrom('alerts')
      .select(['id', 'reference'])
      .where('commune_code', '=', '93066')
      .executeTakeFirstOrThrow();
    // Saint-Denis (93) is outside the Paris minors' rule: it went to the national coordination, not to this desk.
    assert.doesNotMatch(list.body, new RegExp(alert.reference));
    const fragment = await member.get('/pro/alertes/liste?vue=permanences&statut=ouvertes');
    assert.equal(fragment.statusCode, 200);
    assert.doesNotMatch(fragment.body, /<html/);
    const frontline = await pro.get('/pro/alertes');
    assert.equal(location(frontline), '/pro/mes-alertes', 'a reporter without desk goes to their own alerts');
    const mine = await pro.get('/pro/mes-alertes');
    assert.match(mine.body, new RegExp(alert.reference));
  });
});
