import { formatParis } from '../../../platform/time/paris.js';
import { ErrorSummary, type FieldErrors, Select, TextInput } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { EXPLOITATION_FORMS, languageName } from '../../reference/index.js';
import { AUDIENCES, RESOURCE_KINDS } from '../reference.js';
import type { Resources } from '../resources.js';

export interface LibraryFilterValues {
  q?: string;
  type?: string;
  public?: string;
  exploitation?: string;
  langue?: string;
}

export const sizeLabel = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} Mo`
    : `${Math.max(1, Math.round(bytes / 1024))} Ko`;

const LANGUAGES = ['fr', 'en', 'es', 'pt', 'ro', 'bg', 'ar', 'zh', 'vi', 'ru', 'uk'];

export function LibraryPage({
  ctx,
  values,
  resources,
  errors,
}: {
  ctx: PageContext;
  values: LibraryFilterValues;
  resources: Awaited<ReturnType<Resources['search']>>;
  errors?: FieldErrors | undefined;
}) {
  const { t } = ctx;
  const title = t('library.title');
  const all = t('forms.all');
  return (
    <Layout ctx={ctx} title={title} space="public" breadcrumb={[[title]]}>
      <h1>{title}</h1>
      <p class="fr-text--lead">{t('library.lead')}</p>
      <p>
        <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href="/outils/depliant">
          {t('leaflet.link')}
        </a>
      </p>
      <form method="get" action="/outils" class="fr-mb-4w">
        <ErrorSummary ctx={ctx} errors={errors} />
        <TextInput
          name="q"
          type="search"
          label={t('library.filters.q')}
          hint={t('library.filters.qHint')}
          value={values.q}
          maxLength={200}
          errors={errors}
        />
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-3">
            <Select
              name="type"
              label={t('library.filters.kind')}
              value={values.type}
              placeholder={all}
              errors={errors}
              options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`library.kinds.${k}`) }))}
            />
          </div>
          <div class="fr-col-12 fr-col-md-3">
            <Select
              name="public"
              label={t('library.filters.audience')}
              value={values.public}
              placeholder={all}
              errors={errors}
              options={AUDIENCES.map((a) => ({ value: a, label: t(`library.audiences.${a}`) }))}
            />
          </div>
          <div class="fr-col-12 fr-col-md-3">
            <Select
              name="exploitation"
              label={t('library.filters.exploitation')}
              value={values.exploitation}
              placeholder={all}
              errors={errors}
              options={EXPLOITATION_FORMS.map((f) => ({ value: f, label: t(`exploitation.${f}`) }))}
            />
          </div>
          <div class="fr-col-12 fr-col-md-3">
            <Select
              name="langue"
              label={t('library.filters.language')}
              value={values.langue}
              placeholder={all}
              errors={errors}
              options={LANGUAGES.map((l) => ({ value: l, label: languageName(l, ctx.locale) }))}
            />
          </div>
        </div>
        <button class="fr-btn" type="submit">
          {t('library.filters.submit')}
        </button>
      </form>
      <h2>{t('library.results', { count: resources.length })}</h2>
      <ul class="relais-cards">
        {resources.map((r) => (
          <li key={r.id} class="relais-card">
            <p class="fr-badge fr-badge--sm fr-badge--info fr-mb-1w">{t(`library.kinds.${r.kind}`)}</p>
            <h3 class="fr-h6 fr-mb-1w">
              <a href={`/outils/${r.id}`}>{r.title}</a>
            </h3>
            {r.summary ? <p class="fr-mb-1w">{r.summary}</p> : null}
            <p class="fr-text--sm fr-mb-0">
              {r.audiences.map((a) => t(`library.audiences.${a}`)).join(' · ')}
              {Number(r.attachments) > 0 ? ` · ${t('library.files', { count: Number(r.attachments) })}` : ''}
              {r.is_demo ? ` · ${t('library.demo')}` : ''}
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function ResourcePage({
  ctx,
  resource,
  html,
  editorView,
}: {
  ctx: PageContext;
  resource: Awaited<ReturnType<Resources['get']>>;
  html: string;
  editorView?: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={resource.title}
      space="public"
      breadcrumb={[[t('library.title'), '/outils'], [resource.title]]}
    >
      <p class="fr-badge fr-badge--info">{t(`library.kinds.${resource.kind}`)}</p>
      <h1>{resource.title}</h1>
      {resource.summary ? <p class="fr-text--lead">{resource.summary}</p> : null}
      <p class="fr-text--sm">
        {t('library.version', { version: resource.version })}
        {resource.published_at
          ? ` · ${t('library.publishedOn', { date: formatParis(resource.published_at, ctx.locale, 'medium') })}`
          : ''}
        {' · '}
        {resource.audiences.map((a) => t(`library.audiences.${a}`)).join(', ')}
        {' · '}
        {resource.languages.map((l) => languageName(l, ctx.locale)).join(', ')}
      </p>
      {resource.is_demo ? (
        <p class="fr-text--sm">{t('library.demoText', { source: resource.source ?? '' })}</p>
      ) : null}
      {/* markdown-it with raw HTML disabled: editors' text is escaped. */}
      <div dangerouslySetInnerHTML={{ __html: html }} />
      {resource.attachments.length > 0 ? (
        <>
          <h2>{t('library.attachments')}</h2>
          <ul>
            {resource.attachments.map((a) => (
              <li key={a.id}>
                <a
                  class="fr-link fr-icon-download-line fr-link--icon-left"
                  href={`/outils/${resource.id}/fichiers/${a.id}`}
                  download
                >
                  {a.filename}
                </a>{' '}
                <span class="fr-text--sm">
                  (
                  {a.media_type === 'application/pdf' ? 'PDF' : a.media_type === 'image/png' ? 'PNG' : 'JPEG'}
                  , {sizeLabel(a.size_bytes)}, {languageName(a.language, ctx.locale)} · SHA-256{' '}
                  <code>{a.sha256.slice(0, 12)}…</code>)
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {resource.versions.length > 1 ? (
        <>
          <h2>{t('library.versions')}</h2>
          <ul>
            {resource.versions.map((v) => (
              <li key={v.version}>
                {t('library.version', { version: v.version })} —{' '}
                {formatParis(v.published_at, ctx.locale, 'medium')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {editorView ? (
        <p>
          <a class="fr-link" href={`/pro/outils/${resource.id}`}>
            {t('library.editor.edit')}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
