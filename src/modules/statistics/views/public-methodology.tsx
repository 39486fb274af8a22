import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { Region } from '../public.js';
import { CSV_COLUMNS, LICENCE, labeller } from '../public-present.js';
import { type Period, periodCode, TABLE_IDS, TABLES } from '../public-tables.js';
import { K_MIN, MIN_PUBLISHED, rawInterval, ROUNDING_BASE } from '../suppression.js';
import { PeriodForm, TableFrame } from './public.js';

const JSON_FIELDS = [
  'tableau',
  'titre',
  'description',
  'periode',
  'periode_libelle',
  'unite',
  'champ',
  'producteur',
  'licence',
  'licence_url',
  'methodologie',
  'secret_statistique',
  'lignes',
  'colonnes',
  'cellules',
] as const;

/** Paragraphs of a methodology section, from its numbered keys. */
function Paragraphs({ ctx, section, count }: { ctx: PageContext; section: string; count: number }) {
  const params = { k: K_MIN, base: ROUNDING_BASE, min: MIN_PUBLISHED };
  return (
    <>
      {Array.from({ length: count }, (_, i) => (
        <p key={i}>{ctx.t(`statistics.public.methodology.${section}.p${i + 1}`, params)}</p>
      ))}
    </>
  );
}

/** Fields of a data file, each with what it holds. */
function Fields({ ctx, names }: { ctx: PageContext; names: readonly string[] }) {
  return (
    <dl>
      {names.map((name) => (
        <div key={name}>
          <dt>
            <code>{name}</code>
          </dt>
          <dd>{ctx.t(`statistics.public.methodology.fields.${name}`)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** /statistiques/methodologie: what is published, over which periods, how it is protected, the data dictionary. */
export function MethodologyPage({ ctx, regions }: { ctx: PageContext; regions: readonly Region[] }) {
  const { t, locale } = ctx;
  const title = t('statistics.public.methodology.title');
  const labels = labeller(t, locale, regions);
  const examples = [0, MIN_PUBLISHED, 20, 35];
  return (
    <Layout
      ctx={ctx}
      title={title}
      space="public"
      breadcrumb={[[t('statistics.public.title'), '/statistiques'], [title]]}
    >
      <h1>{title}</h1>
      <p class="fr-text--lead">{t('statistics.public.methodology.lead', { k: K_MIN })}</p>
      <h2 id="publie">{t('statistics.public.methodology.published.title')}</h2>
      <Paragraphs ctx={ctx} section="published" count={2} />
      <ul>
        {TABLE_IDS.map((id) => (
          <li key={id}>
            <strong>{labels.title(id)}</strong> : {labels.description(id)}
          </li>
        ))}
      </ul>
      <h2 id="periodes">{t('statistics.public.methodology.periods.title')}</h2>
      <Paragraphs ctx={ctx} section="periods" count={2} />
      <h2 id="secret">{t('statistics.public.methodology.secrecy.title')}</h2>
      <Paragraphs ctx={ctx} section="secrecy" count={4} />
      <TableFrame label={t('statistics.public.methodology.rounding')}>
        <table>
          <caption>{t('statistics.public.methodology.rounding')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('statistics.public.methodology.publishedValue')}</th>
              <th scope="col">{t('statistics.public.methodology.rawValues')}</th>
            </tr>
          </thead>
          <tbody>
            {examples.map((p) => {
              const [lo, hi] = rawInterval(p);
              return (
                <tr key={p}>
                  <th scope="row">{p}</th>
                  <td>{lo === hi ? String(lo) : t('statistics.public.methodology.between', { lo, hi })}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableFrame>
      <h2 id="sources">{t('statistics.public.methodology.sources.title')}</h2>
      <Paragraphs ctx={ctx} section="sources" count={4} />
      <h2 id="non-publie">{t('statistics.public.methodology.notPublished.title')}</h2>
      <Paragraphs ctx={ctx} section="notPublished" count={3} />
      <h2 id="dictionnaire">{t('statistics.public.methodology.dictionary.title')}</h2>
      <p>
        {t('statistics.public.methodology.dictionary.p1')}{' '}
        <a href={LICENCE.url} rel="noopener">
          {t('statistics.public.methodology.dictionary.licence')}
        </a>
        .
      </p>
      <p>{t('statistics.public.methodology.dictionary.p2')}</p>
      <h3>{t('statistics.public.methodology.dictionary.csv')}</h3>
      <Fields ctx={ctx} names={CSV_COLUMNS} />
      <h3>{t('statistics.public.methodology.dictionary.json')}</h3>
      <Fields ctx={ctx} names={JSON_FIELDS} />
      <h3>{t('statistics.public.methodology.dictionary.codes')}</h3>
      {TABLE_IDS.map((id) => {
        const spec = TABLES[id];
        const rows = spec.rows === 'regions' ? regions.map((r) => r.code) : spec.rows;
        return (
          <details key={id} class="fr-mb-2w">
            <summary>
              <code>{id}</code> — {labels.title(id)}
            </summary>
            <p class="fr-mb-1v">{t('statistics.public.methodology.dictionary.rows')}</p>
            <ul>
              {rows.map((code) => (
                <li key={code}>
                  <code>{code}</code> : {labels.row(id, code)}
                </li>
              ))}
            </ul>
            <p class="fr-mb-1v">{t('statistics.public.methodology.dictionary.columns')}</p>
            <ul>
              {spec.columns.map((code) => (
                <li key={code}>
                  <code>{code}</code> : {labels.column(id, code)}
                </li>
              ))}
            </ul>
          </details>
        );
      })}
      <h2 id="rapport">{t('statistics.public.methodology.report.title')}</h2>
      <Paragraphs ctx={ctx} section="report" count={1} />
    </Layout>
  );
}

/** /statistiques/donnees: the open data files of one period, with the licence and a link to the dictionary. */
export function OpenDataPage({
  ctx,
  periods,
  period,
}: {
  ctx: PageContext;
  periods: readonly Period[];
  period: Period;
}) {
  const { t, locale } = ctx;
  const title = t('statistics.public.openData.title');
  const labels = labeller(t, locale, []);
  const code = periodCode(period);
  return (
    <Layout
      ctx={ctx}
      title={title}
      space="public"
      breadcrumb={[[t('statistics.public.title'), '/statistiques'], [title]]}
    >
      <h1>{title}</h1>
      <p class="fr-text--lead">{t('statistics.public.openData.lead')}</p>
      <p>
        {t('statistics.public.openData.licence')}{' '}
        <a href={LICENCE.url} rel="noopener">
          {t('statistics.public.methodology.dictionary.licence')}
        </a>
        . <a href="/statistiques/methodologie#dictionnaire">{t('statistics.public.openData.dictionary')}</a>
      </p>
      <PeriodForm ctx={ctx} periods={periods} chosen={code} action="/statistiques/donnees" />
      <h2>{t('statistics.public.openData.files', { period: labels.period(code) })}</h2>
      <ul>
        {TABLE_IDS.map((id) => (
          <li key={id} class="fr-mb-1w">
            {labels.title(id)} :{' '}
            <a href={`/statistiques/donnees/${id}.csv?periode=${code}`} download>
              {id}.csv
            </a>{' '}
            ·{' '}
            <a href={`/statistiques/donnees/${id}.json?periode=${code}`} download>
              {id}.json
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
