import { formatParis } from '../../../platform/time/paris.js';
import {
  CheckboxGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Select,
  Table,
  TextArea,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { EXPLOITATION_FORMS, languageName } from '../../reference/index.js';
import { AUDIENCES, RESOURCE_KINDS } from '../reference.js';
import { type Resources, TRANSITIONS, type Transition } from '../resources.js';
import { sizeLabel } from './public.js';

const LANGUAGES = ['fr', 'en', 'es', 'pt', 'ro', 'bg', 'ar', 'zh', 'vi', 'ru', 'uk'];

export interface ResourceFormValues {
  kind?: string;
  title?: string;
  summary?: string;
  body?: string;
  audiences?: readonly string[];
  exploitation?: readonly string[];
  languages?: readonly string[];
  tags?: string;
}

function ResourceFields({
  ctx,
  values,
  errors,
}: {
  ctx: PageContext;
  values: ResourceFormValues;
  errors: FieldErrors | undefined;
}) {
  const { t } = ctx;
  return (
    <>
      <Select
        name="kind"
        label={t('library.fields.kind')}
        required
        errors={errors}
        value={values.kind}
        placeholder={t('forms.choose')}
        options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`library.kinds.${k}`) }))}
      />
      <TextInput
        name="title"
        label={t('library.fields.title')}
        required
        errors={errors}
        value={values.title}
        maxLength={200}
      />
      <TextArea
        name="summary"
        label={t('library.fields.summary')}
        errors={errors}
        value={values.summary}
        rows={3}
      />
      <TextArea
        name="body"
        label={t('library.fields.body')}
        hint={t('library.fields.bodyHint')}
        errors={errors}
        value={values.body}
        rows={12}
      />
      <CheckboxGroup
        name="audiences"
        label={t('library.fields.audiences')}
        errors={errors}
        values={values.audiences ?? []}
        options={AUDIENCES.map((a) => ({ value: a, label: t(`library.audiences.${a}`) }))}
      />
      <CheckboxGroup
        name="exploitation"
        label={t('library.fields.exploitation')}
        errors={errors}
        values={values.exploitation ?? []}
        options={EXPLOITATION_FORMS.map((f) => ({ value: f, label: t(`exploitation.${f}`) }))}
      />
      <CheckboxGroup
        name="languages"
        label={t('library.fields.languages')}
        errors={errors}
        inline
        values={values.languages ?? ['fr']}
        options={LANGUAGES.map((l) => ({ value: l, label: languageName(l, ctx.locale) }))}
      />
      <TextInput
        name="tags"
        label={t('library.fields.tags')}
        hint={t('library.fields.tagsHint')}
        errors={errors}
        value={values.tags}
        maxLength={400}
      />
    </>
  );
}

export function LibraryEditorPage({
  ctx,
  resources,
  values,
  errors,
}: {
  ctx: PageContext;
  resources: Awaited<ReturnType<Resources['search']>>;
  values: ResourceFormValues;
  errors?: FieldErrors | undefined;
}) {
  const { t } = ctx;
  const title = t('library.editor.title');
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={[[t('nav.pro'), '/pro'], [title]]}>
      <h1>{title}</h1>
      <Table
        caption={t('library.editor.all')}
        headers={[
          t('library.fields.title'),
          t('library.fields.kind'),
          t('library.editor.status'),
          t('library.editor.updated'),
        ]}
        rows={resources.map((r) => [
          <a key={r.id} href={`/pro/outils/${r.id}`}>
            {r.title}
          </a>,
          t(`library.kinds.${r.kind}`),
          t(`library.status.${r.status}`),
          formatParis(r.updated_at, ctx.locale, 'medium'),
        ])}
      />
      <h2 class="fr-mt-4w">{t('library.editor.new')}</h2>
      <form method="post" action="/pro/outils" novalidate>
        <ErrorSummary ctx={ctx} errors={errors} />
        <Csrf ctx={ctx} />
        <ResourceFields ctx={ctx} values={values} errors={errors} />
        <button class="fr-btn" type="submit">
          {t('library.editor.create')}
        </button>
      </form>
    </Layout>
  );
}

export function ResourceEditPage({
  ctx,
  resource,
  values,
  errors,
}: {
  ctx: PageContext;
  resource: Awaited<ReturnType<Resources['get']>>;
  values?: ResourceFormValues;
  errors?: FieldErrors | undefined;
}) {
  const { t } = ctx;
  const actions = (Object.keys(TRANSITIONS) as Transition[]).filter((a) =>
    (TRANSITIONS[a].from as readonly string[]).includes(resource.status),
  );
  const current: ResourceFormValues = values ?? {
    kind: resource.kind,
    title: resource.title,
    summary: resource.summary,
    body: resource.body,
    audiences: resource.audiences,
    exploitation: resource.exploitation_forms,
    languages: resource.languages,
    tags: resource.tags.join(', '),
  };
  return (
    <Layout
      ctx={ctx}
      title={resource.title}
      space="pro"
      breadcrumb={[[t('nav.pro'), '/pro'], [t('library.editor.title'), '/pro/outils'], [resource.title]]}
    >
      <h1>{resource.title}</h1>
      <p>
        <strong>{t(`library.status.${resource.status}`)}</strong> ·{' '}
        {t('library.version', { version: resource.version })}
        {resource.status === 'published' ? (
          <>
            {' · '}
            <a href={`/outils/${resource.id}`}>{t('library.editor.public')}</a>
          </>
        ) : null}
      </p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <div class="relais-actions fr-mb-4w">
        {actions.map((action) => (
          <form key={action} method="post" action={`/pro/outils/${resource.id}/etat`}>
            <Csrf ctx={ctx} />
            <input type="hidden" name="action" value={action} />
            <button
              class={`fr-btn fr-btn--sm${action === 'publish' || action === 'submit' ? '' : ' fr-btn--secondary'}`}
              type="submit"
            >
              {t(`library.actions.${action}`)}
            </button>
          </form>
        ))}
      </div>
      {resource.status === 'archived' ? null : (
        <form method="post" action={`/pro/outils/${resource.id}`} novalidate>
          <Csrf ctx={ctx} />
          <ResourceFields ctx={ctx} values={current} errors={errors} />
          <p class="fr-text--sm">
            {resource.status === 'published' ? t('library.editor.publishedEdit') : null}
          </p>
          <button class="fr-btn" type="submit">
            {t('library.editor.save')}
          </button>
        </form>
      )}
      <h2 class="fr-mt-4w">{t('library.attachments')}</h2>
      <ul>
        {resource.attachments.map((a) => (
          <li key={a.id}>
            <a href={`/pro/outils/${resource.id}/fichiers/${a.id}`}>{a.filename}</a> (
            {sizeLabel(a.size_bytes)}, {languageName(a.language, ctx.locale)})
          </li>
        ))}
      </ul>
      <form
        method="post"
        action={`/pro/outils/${resource.id}/fichiers?_csrf=${encodeURIComponent(ctx.csrfToken)}`}
        enctype="multipart/form-data"
      >
        <div class={`fr-upload-group${errors?.file ? ' fr-upload-group--error' : ''}`}>
          <label class="fr-label" for="champ-file">
            {t('library.fields.file')}
            <span class="fr-hint-text">{t('library.fields.fileHint')}</span>
          </label>
          <input
            class="fr-upload"
            type="file"
            id="champ-file"
            name="file"
            accept=".pdf,.png,.jpg,.jpeg"
            aria-describedby="champ-file-messages"
          />
          <div class="fr-messages-group" id="champ-file-messages" aria-live="polite">
            {errors?.file ? <p class="fr-message fr-message--error">{errors.file}</p> : null}
          </div>
        </div>
        <Select
          name="language"
          label={t('library.fields.fileLanguage')}
          value="fr"
          options={LANGUAGES.map((l) => ({ value: l, label: languageName(l, ctx.locale) }))}
        />
        <button class="fr-btn fr-btn--secondary" type="submit">
          {t('library.editor.upload')}
        </button>
      </form>
    </Layout>
  );
}
