import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Notice,
  Table,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { AdminShell } from '../../admin/views/shell.js';
import type { Indicators } from '../schemas.js';
import { formatDate } from './list.js';

export function IndicatorsPage({
  ctx,
  result,
  period,
  errors,
}: {
  ctx: PageContext;
  result?: Indicators;
  period: { from: string; to: string; tag?: string | undefined };
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const title = t('cases.indicators.title');
  return (
    <Layout
      ctx={ctx}
      title={title}
      space="pro"
      breadcrumb={[[t('nav.pro'), '/pro'], [t('cases.list.title'), '/pro/dossiers'], [title]]}
    >
      <h1>{title}</h1>
      <p>{t('cases.indicators.intro')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="get" action="/pro/dossiers/indicateurs">
        <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div class="fr-col-12 fr-col-md-4">
            <TextInput
              name="du"
              label={t('cases.indicators.from')}
              value={period.from}
              type="date"
              errors={errors}
            />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <TextInput
              name="au"
              label={t('cases.indicators.to')}
              value={period.to}
              type="date"
              errors={errors}
            />
          </div>
          <div class="fr-col-12 fr-col-md-4 fr-mb-3w">
            <button class="fr-btn fr-btn--secondary" type="submit">
              {t('capacity.apply')}
            </button>
          </div>
        </div>
      </form>
      {result ? (
        result.rows.length === 0 ? (
          <Notice kind="info">{t('cases.indicators.empty')}</Notice>
        ) : (
          <Table
            caption={t('cases.indicators.caption', {
              from: formatDate(result.from, ctx.locale),
              to: formatDate(result.to, ctx.locale),
            })}
            headers={[
              'tag',
              'entries',
              'placements',
              'runaways',
              'returns',
              'trials',
              'presentAtTrial',
              'autonomy',
            ].map((h) => t(`cases.indicators.columns.${h}`))}
            rows={result.rows.map((r) => [
              t(`cases.tags.${r.tag}`, { defaultValue: r.tag }),
              r.entries,
              r.placements,
              r.runaways,
              r.returns,
              r.trials,
              r.presentAtTrial,
              r.autonomy,
            ])}
          />
        )
      ) : null}
    </Layout>
  );
}

export function AdminCasesPage({
  ctx,
  reference,
  errors,
  erased,
}: {
  ctx: PageContext;
  reference?: string | undefined;
  errors?: FieldErrors | undefined;
  erased?: boolean;
}) {
  const { t } = ctx;
  const title = t('cases.admin.title');
  return (
    <AdminShell ctx={ctx} title={title} current="/admin/dossiers">
      <p>{t('cases.admin.intro')}</p>
      {erased ? <Notice kind="success">{t('cases.admin.erased')}</Notice> : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="get" action="/admin/dossiers/export" class="fr-mb-4w">
        <TextInput
          name="reference"
          label={t('cases.admin.reference')}
          hint={t('cases.admin.referenceHint')}
          value={reference}
          errors={errors}
          maxLength={20}
        />
        <button class="fr-btn fr-icon-download-line fr-btn--icon-left" type="submit">
          {t('cases.admin.export')}
        </button>
      </form>
      <h2 class="fr-h4">{t('cases.admin.eraseTitle')}</h2>
      <p>{t('cases.admin.eraseIntro')}</p>
      <form method="post" action="/admin/dossiers/effacer">
        <Csrf ctx={ctx} />
        <TextInput
          name="reference"
          id="champ-reference-effacer"
          label={t('cases.admin.reference')}
          value={reference}
          errors={errors}
          maxLength={20}
        />
        <TextInput
          name="confirmation"
          label={t('cases.admin.confirm')}
          hint={t('cases.admin.confirmHint')}
          errors={errors}
          maxLength={20}
        />
        <button class="fr-btn fr-btn--secondary" type="submit">
          {t('cases.admin.erase')}
        </button>
      </form>
    </AdminShell>
  );
}
