import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { ALERT_CONTEXTS } from '../../src/modules/alerts/reference.js';
import { EXPLOITATION_FORMS } from '../../src/modules/reference/index.js';
import { build, type TestContext } from '../support/app.js';
import { axeClean, browserUnavailable, launch, screenshot } from '../support/browser.js';

const skip = browserUnavailable();

describe('in Chromium on a phone: the public statistics, their methodology, a refused period', {
  skip,
}, () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;

  before(async () => {
    ctx = await build({ workers: false });
    // A year of alerts spread over forms, contexts, départements and nationalities (seeded, so the same each run).
    const reporter = await ctx.createUser({
      role: 'frontline',
      organisation: { name: 'Compagnie aérienne d’essai', type: 'association' },
    });
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    const departements = ['75', '75', '93', '13', '69', '59', '33', '971'];
    const nationalities = ['RO', 'NG', 'FR', 'CN', 'BG', 'MA', 'VN', 'BR'];
    for (let i = 0; i < 140; i++) {
      const minor = next() < 0.3;
      const at = new Date(Date.UTC(2025, Math.floor(next() * 12), 1 + Math.floor(next() * 27), 9));
      const persons = 1 + Math.floor(next() * 5);
      const { id } = await ctx.core.db
        .insertInto('alerts')
        .values({
          reference: `E2E-STAT-${i}`,
          reporter_user_id: reporter.id,
          reporter_organisation_id: reporter.organisationId,
          context: pick(ALERT_CONTEXTS),
          place_kind: 'departement',
          departement_code: pick(departements),
          person_count: persons,
          has_minor: minor,
          exploitation_forms: next() < 0.1 ? [] : [pick(EXPLOITATION_FORMS.slice(0, 5))],
          consent: minor ? 'minor' : 'adult_refuses',
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const nationality = pick(nationalities);
      await ctx.core.db
        .insertInto('alert_persons')
        .values(
          Array.from({ length: persons }, (_, p) => ({
            alert_id: id,
            position: p + 1,
            minor: minor ? 'yes' : 'no',
            gender: 'unknown',
            nationality,
          })),
        )
        .execute();
    }
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await ctx?.close();
  });

  test('a reader on a phone reads the year, picks a quarter, downloads a file and reads the methodology; axe-core clean', async () => {
    const phone = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' })
    ).newPage();
    await phone.goto(`${base}/statistiques`);
    await phone.getByRole('heading', { name: 'Chiffres clés : 2025' }).waitFor();
    await axeClean(phone);
    await screenshot(phone, 'public-statistics-1-year-390');

    await phone.getByLabel(/^Période/).selectOption('2025-T2');
    await phone.getByRole('button', { name: 'Afficher' }).click();
    await phone.waitForURL(`${base}/statistiques?periode=2025-T2`);
    await phone.getByRole('heading', { name: 'Chiffres clés : 2025, trimestre 2' }).waitFor();
    const table = phone.getByRole('table', { name: /Personnes signalées par région, 2025, trimestre 2/ });
    assert.match((await table.textContent()) ?? '', /moins\sde\s11/);
    await axeClean(phone);
    await screenshot(phone, 'public-statistics-2-quarter-390');

    const csv = await phone.request.get(
      `${base}${await phone
        .getByRole('link', { name: /Télécharger \(CSV\)/ })
        .first()
        .getAttribute('href')}`,
    );
    assert.equal(csv.status(), 200);
    assert.match(await csv.text(), /^\uFEFF?periode,tableau,ligne/);

    await phone.getByRole('link', { name: 'Méthodologie et dictionnaire des données' }).click();
    await phone.getByRole('heading', { name: 'Secret statistique' }).waitFor();
    await axeClean(phone);
    await screenshot(phone, 'public-statistics-3-methodology-390');

    await phone.goto(`${base}/statistiques?periode=2030-T1`);
    await phone.getByText('La période 2030-T1 n’est pas terminée').waitFor();
    await axeClean(phone);
    await screenshot(phone, 'public-statistics-4-refused-390');
  });
});
