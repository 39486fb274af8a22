import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Notice,
  RadioGroup,
  Table,
  TextArea,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { IMPORT_COLUMNS, type ImportReport } from '../import.js';
import type { ImportQueue } from '../import-queue.js';

export function ImportPage({
  ctx,
  values,
  report,
  errors,
}: {
  ctx: PageContext;
  values: { format: string; source: string; content: string; mode: string };
  report?: ImportReport;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const title = t('directory.import.title');
  return (
    <Layout
      ctx={ctx}
      title={title}
      space="pro"
      breadcrumb={[[t('nav.pro'), '/pro'], [t('directory.upkeep.title'), '/pro/annuaire'], [title]]}
    >
      <h1>{title}</h1>
      <p>{t('directory.import.intro', { columns: IMPORT_COLUMNS.join(', ') })}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      {report ? (
        <section class="fr-mb-4w" aria-labelledby="rapport">
          <h2 id="rapport">{t('directory.import.report')}</h2>
          <Notice kind={report.problems.length === 0 ? 'success' : report.imported > 0 ? 'warning' : 'error'}>
            {t(report.dryRun ? 'directory.import.summaryDry' : 'directory.import.summary', {
              lines: report.lines,
              valid: report.valid,
              imported: report.imported,
              problems: report.problems.length,
            })}
          </Notice>
          {report.problems.length > 0 ? (
            <Table
              caption={t('directory.import.problems')}
              headers={[
                t('directory.import.line'),
                t('directory.import.field'),
                t('directory.import.problem'),
              ]}
              rows={report.problems.slice(0, 500).map((p) => [p.line, p.field, p.problem])}
            />
          ) : null}
        </section>
      ) : null}
      <form method="post" action="/pro/annuaire/import" novalidate>
        <Csrf ctx={ctx} />
        <RadioGroup
          name="format"
          label={t('directory.import.format')}
          value={values.format}
          options={[
            { value: 'csv', label: 'CSV' },
            { value: 'data-inclusion', label: 'data·inclusion (JSON)' },
          ]}
          inline
        />
        <TextInput
          name="source"
          label={t('directory.import.source')}
          hint={t('directory.import.sourceHint')}
          value={values.source}
          errors={errors}
          maxLength={40}
          required
        />
        <TextArea
          name="content"
          label={t('directory.import.content')}
          value={values.content}
          rows={10}
          required
        />
        <RadioGroup
          name="mode"
          label={t('directory.import.mode')}
          value={values.mode}
          options={[
            { value: 'dry', label: t('directory.import.modes.dry') },
            { value: 'all', label: t('directory.import.modes.all') },
            { value: 'valid', label: t('directory.import.modes.valid') },
          ]}
        />
        <button class="fr-btn" type="submit">
          {t('directory.import.submit')}
        </button>
      </form>
    </Layout>
  );
}

export function ImportProgressPage({
  ctx,
  run,
}: {
  ctx: PageContext;
  run: Awaited<ReturnType<ImportQueue['status']>>;
}) {
  const { t } = ctx;
  const title = t('directory.import.progressTitle', { source: run.source });
  const percent = run.total > 0 ? Math.round((run.done / run.total) * 100) : 0;
  const report = run.report && 'lines' in run.report ? run.report : null;
  return (
    <Layout
      ctx={ctx}
      title={title}
      space="pro"
      breadcrumb={[[t('nav.pro'), '/pro'], [t('directory.upkeep.title'), '/pro/annuaire'], [title]]}
    >
      <h1>{title}</h1>
      {run.status === 'queued' || run.status === 'running' ? (
        <>
          <p role="status">{t('directory.import.running', { percent })}</p>
          <progress max={100} value={percent}>
            {percent} %
          </progress>
          <p>
            <a class="fr-link" href={`/pro/annuaire/import/${run.id}`}>
              {t('directory.import.refresh')}
            </a>
          </p>
          <script src="/static/import-progress.js" defer />
        </>
      ) : run.status === 'failed' ? (
        <Notice kind="error">{t('directory.import.failed')}</Notice>
      ) : report ? (
        <>
          <Notice kind={report.problems.length === 0 ? 'success' : 'warning'}>
            {t('directory.import.summary', {
              lines: report.lines,
              valid: report.valid,
              imported: report.imported,
              problems: report.problems.length,
            })}
          </Notice>
          {report.problems.length > 0 ? (
            <Table
              caption={t('directory.import.problems')}
              headers={[
                t('directory.import.line'),
                t('directory.import.field'),
                t('directory.import.problem'),
              ]}
              rows={report.problems.slice(0, 500).map((p) => [p.line, p.field, p.problem])}
            />
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}
