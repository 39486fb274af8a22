import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Notice,
  RadioGroup,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { GrantInput, ResearchAuthorisation } from '../research-authorisations.js';
import { AGE_BANDS, MIN_GROUP } from '../research-deidentify.js';
import type { HtcdsField } from '../research-mapping.js';
import { AuthorisationsSection, formatDay } from './research-admin.js';

const BASE = '/pro/statistiques/recherche';
const RULES = [
  'identity',
  'freeText',
  'dates',
  'ages',
  'nationality',
  'places',
  'pseudonym',
  'audit',
] as const;

export interface ExportForm {
  du?: string | undefined;
  au?: string | undefined;
  format?: string | undefined;
}

function breadcrumb(ctx: PageContext, title: string): ReadonlyArray<readonly [string, string?]> {
  return [
    [ctx.t('nav.pro'), '/pro'],
    [ctx.t('statistics.research.dashboards'), '/pro/statistiques'],
    [title],
  ];
}

function MappingTable({ ctx, mapping }: { ctx: PageContext; mapping: readonly HtcdsField[] }) {
  const { t } = ctx;
  const caption = t('statistics.research.mappingTable.caption');
  return (
    <div class="fr-table fr-table--multiline fr-table--no-caption-mobile">
      <div class="fr-table__wrapper">
        <section class="fr-table__container" tabindex={0} aria-label={caption}>
          <div class="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  {['field', 'core', 'status', 'source', 'rule'].map((h) => (
                    <th scope="col" key={h}>
                      {t(`statistics.research.mappingTable.columns.${h}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {mapping.map((f) => (
                  <tr key={f.field}>
                    <td>
                      <code>{f.field}</code>
                      {f.column ? (
                        <>
                          {' → '}
                          <code>{f.column}</code>
                        </>
                      ) : null}
                    </td>
                    <td>
                      {f.core
                        ? t('statistics.research.mappingTable.yes')
                        : t('statistics.research.mappingTable.no')}
                    </td>
                    <td>{t(`statistics.research.status.${f.status}`)}</td>
                    <td>
                      {f.source ?? '—'}
                      {f.encrypted ? ` (${t('statistics.research.mappingTable.encrypted')})` : ''}
                    </td>
                    <td>
                      {f.reason
                        ? t(`statistics.research.reasons.${f.reason}`)
                        : t(`statistics.research.mapping.${f.field}`)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </div>
  );
}

function ExportSection({
  ctx,
  authorisation,
  form,
  errors,
}: {
  ctx: PageContext;
  authorisation: ResearchAuthorisation | null;
  form: ExportForm;
  errors?: FieldErrors | undefined;
}) {
  const { t, locale } = ctx;
  if (!authorisation) {
    return (
      <Notice kind="info" title={t('statistics.research.noAuthorisation.title')}>
        <p>{t('statistics.research.noAuthorisation.text')}</p>
      </Notice>
    );
  }
  return (
    <section aria-labelledby="export">
      <Notice kind="success">
        {t('statistics.research.authorised', {
          until: formatDay(new Date(authorisation.expiresAt.getTime() - 1), locale),
          purpose: authorisation.purpose,
        })}
      </Notice>
      <h2 id="export">{t('statistics.research.export.title')}</h2>
      <p>{t('statistics.research.export.intro')}</p>
      <form method="post" action={`${BASE}/export`} novalidate>
        <Csrf ctx={ctx} />
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-4">
            <TextInput
              name="du"
              label={t('statistics.research.export.from')}
              hint={t('statistics.research.export.monthHint')}
              value={form.du}
              errors={errors}
              inputMode="numeric"
              maxLength={7}
              required
            />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <TextInput
              name="au"
              label={t('statistics.research.export.to')}
              hint={t('statistics.research.export.monthHint')}
              value={form.au}
              errors={errors}
              inputMode="numeric"
              maxLength={7}
              required
            />
          </div>
        </div>
        <RadioGroup
          name="format"
          label={t('statistics.research.export.format')}
          value={form.format ?? 'csv'}
          options={[
            { value: 'csv', label: t('statistics.research.export.csv') },
            { value: 'json', label: t('statistics.research.export.json') },
          ]}
          errors={errors}
          inline
        />
        <button class="fr-btn" type="submit">
          {t('statistics.research.export.submit')}
        </button>
      </form>
    </section>
  );
}

/** What the export contains, the export form for an authorised account, and the authorisations for administrators. */
export function ResearchPage({
  ctx,
  mapping,
  authorisation,
  authorisations,
  form = {},
  errors,
  grant,
  grantErrors,
}: {
  ctx: PageContext;
  mapping: readonly HtcdsField[];
  authorisation: ResearchAuthorisation | null;
  /** Present for national administrators. */
  authorisations?: readonly ResearchAuthorisation[] | undefined;
  form?: ExportForm;
  errors?: FieldErrors | undefined;
  grant?: Partial<GrantInput> | undefined;
  grantErrors?: FieldErrors | undefined;
}) {
  const { t } = ctx;
  const title = t('statistics.research.title');
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={breadcrumb(ctx, title)}>
      <h1>{title}</h1>
      <p class="fr-text--lead">{t('statistics.research.intro')}</p>
      <ErrorSummary ctx={ctx} errors={errors ?? grantErrors} />
      <ExportSection ctx={ctx} authorisation={authorisation} form={form} errors={errors} />
      <section class="fr-mt-6w" aria-labelledby="regles">
        <h2 id="regles">{t('statistics.research.rules.title')}</h2>
        <ul>
          {RULES.map((rule) => (
            <li key={rule}>
              {t(`statistics.research.rules.${rule}`, {
                k: MIN_GROUP,
                bands: AGE_BANDS.map(([, , label]) => label).join(', '),
              })}
            </li>
          ))}
        </ul>
      </section>
      <section class="fr-mt-6w" aria-labelledby="correspondance">
        <h2 id="correspondance">{t('statistics.research.mappingTable.title')}</h2>
        <p>{t('statistics.research.mappingTable.intro')}</p>
        <MappingTable ctx={ctx} mapping={mapping} />
        <p class="fr-text--sm">{t('statistics.research.licence')}</p>
      </section>
      {authorisations ? (
        <AuthorisationsSection ctx={ctx} authorisations={authorisations} grant={grant} errors={grantErrors} />
      ) : null}
    </Layout>
  );
}

/** 403 for an account without an authorisation in force: what it is and how to get one. */
export function ResearchForbiddenPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  const title = t('statistics.research.forbidden.title');
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={breadcrumb(ctx, title)}>
      <h1>{title}</h1>
      <p class="fr-text--lead">{t('statistics.research.forbidden.lead')}</p>
      <ol>
        <li>{t('statistics.research.forbidden.step1')}</li>
        <li>{t('statistics.research.forbidden.step2')}</li>
        <li>{t('statistics.research.forbidden.step3')}</li>
      </ol>
      <p>
        <a class="fr-link" href={BASE}>
          {t('statistics.research.forbidden.back')}
        </a>
      </p>
    </Layout>
  );
}
