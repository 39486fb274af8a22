import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Notice,
  Select,
  Table,
  TextArea,
  TextInput,
} from '../../platform/views/components.js';
import type { PageContext } from '../../platform/views/context.js';
import { Layout } from '../../platform/views/layout.js';
import { TOPICS, type Texts } from './texts.js';

type LegalText = Awaited<ReturnType<Texts['get']>>;

const dateFr = (date: string, locale: 'fr' | 'en') =>
  new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

export function TextsPage({ ctx, texts }: { ctx: PageContext; texts: readonly LegalText[] }) {
  const { t } = ctx;
  const title = t('texts.title');
  const codes = [...new Set(texts.map((x) => x.code))];
  return (
    <Layout ctx={ctx} title={title} space="public" breadcrumb={[[title]]}>
      <h1>{title}</h1>
      <p class="fr-text--lead">{t('texts.lead')}</p>
      <Notice kind="info">
        <p>{t('texts.disclaimer')}</p>
      </Notice>
      {codes.map((code) => (
        <section key={code} aria-labelledby={`code-${code}`} class="fr-mt-4w">
          <h2 id={`code-${code}`}>{code}</h2>
          <ul class="relais-cards">
            {texts
              .filter((x) => x.code === code)
              .map((x) => (
                <li key={x.id} class="relais-card">
                  <p class="fr-badge fr-badge--sm fr-mb-1w">{t(`texts.topics.${x.topic}`)}</p>
                  <h3 class="fr-h6 fr-mb-1w">
                    <a href={`/textes/${x.id}`}>
                      {t('texts.article', { article: x.article })} — {x.title}
                    </a>
                  </h3>
                  <p class="fr-mb-0">{x.summary.split('\n')[0]}</p>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

export function TextPage({
  ctx,
  text,
  editorView,
}: {
  ctx: PageContext;
  text: LegalText;
  editorView?: boolean;
}) {
  const { t } = ctx;
  const heading = `${text.code}, ${t('texts.article', { article: text.article })}`;
  return (
    <Layout ctx={ctx} title={heading} space="public" breadcrumb={[[t('texts.title'), '/textes'], [heading]]}>
      <p class="fr-badge">{t(`texts.topics.${text.topic}`)}</p>
      <h1>{heading}</h1>
      <p class="fr-text--lead">{text.title}</p>
      <p>
        {text.version_date
          ? t('texts.versionOf', { date: dateFr(text.version_date, ctx.locale) })
          : t('texts.versionUnchecked')}{' '}
        <a
          class="fr-link"
          href={text.legifrance_url}
          rel="noopener"
          target="_blank"
          title={t('texts.legifranceNewWindow')}
        >
          {t('texts.legifrance')}
        </a>
      </p>
      <h2>{t('texts.summary')}</h2>
      {text.summary.split(/\n{2,}/).map((p) => (
        <p key={p}>{p}</p>
      ))}
      <h2>{t('texts.official')}</h2>
      {text.official_text ? (
        <blockquote class="fr-quote">
          {text.official_text.split(/\n{2,}/).map((p) => (
            <p key={p}>{p}</p>
          ))}
        </blockquote>
      ) : (
        <p>{t('texts.officialElsewhere')}</p>
      )}
      {text.is_demo ? <p class="fr-text--sm">{t('texts.demo')}</p> : null}
      {editorView ? (
        <p>
          <a href={`/pro/textes/${text.id}`}>{t('texts.editor.edit')}</a>
        </p>
      ) : null}
    </Layout>
  );
}

export interface TextFormValues {
  code?: string;
  article?: string;
  title?: string;
  topic?: string;
  versionDate?: string;
  legifranceUrl?: string;
  officialText?: string;
  summary?: string;
}

function TextFields({
  ctx,
  values,
  errors,
}: {
  ctx: PageContext;
  values: TextFormValues;
  errors: FieldErrors | undefined;
}) {
  const { t } = ctx;
  return (
    <>
      <TextInput
        name="code"
        label={t('texts.fields.code')}
        hint={t('texts.fields.codeHint')}
        required
        errors={errors}
        value={values.code}
        maxLength={120}
      />
      <TextInput
        name="article"
        label={t('texts.fields.article')}
        hint={t('texts.fields.articleHint')}
        required
        errors={errors}
        value={values.article}
        maxLength={60}
      />
      <TextInput
        name="title"
        label={t('texts.fields.title')}
        required
        errors={errors}
        value={values.title}
        maxLength={200}
      />
      <Select
        name="topic"
        label={t('texts.fields.topic')}
        required
        errors={errors}
        value={values.topic}
        placeholder={t('forms.choose')}
        options={TOPICS.map((x) => ({ value: x, label: t(`texts.topics.${x}`) }))}
      />
      <TextInput
        name="versionDate"
        type="date"
        label={t('texts.fields.versionDate')}
        hint={t('texts.fields.versionDateHint')}
        errors={errors}
        value={values.versionDate}
      />
      <TextInput
        name="legifranceUrl"
        type="url"
        label={t('texts.fields.legifranceUrl')}
        hint={t('texts.fields.legifranceUrlHint')}
        required
        errors={errors}
        value={values.legifranceUrl}
        maxLength={500}
      />
      <TextArea
        name="summary"
        label={t('texts.fields.summary')}
        hint={t('texts.fields.summaryHint')}
        required
        errors={errors}
        value={values.summary}
        rows={8}
      />
      <TextArea
        name="officialText"
        label={t('texts.fields.officialText')}
        hint={t('texts.fields.officialTextHint')}
        errors={errors}
        value={values.officialText}
        rows={8}
      />
    </>
  );
}

export function TextsEditorPage({
  ctx,
  texts,
  values,
  errors,
}: {
  ctx: PageContext;
  texts: readonly LegalText[];
  values: TextFormValues;
  errors?: FieldErrors | undefined;
}) {
  const { t } = ctx;
  const title = t('texts.editor.title');
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={[[t('nav.pro'), '/pro'], [title]]}>
      <h1>{title}</h1>
      <Table
        caption={t('texts.editor.all')}
        headers={[
          t('texts.fields.code'),
          t('texts.fields.article'),
          t('texts.fields.title'),
          t('texts.editor.status'),
        ]}
        rows={texts.map((x) => [
          x.code,
          <a key={x.id} href={`/pro/textes/${x.id}`}>
            {x.article}
          </a>,
          x.title,
          t(`texts.status.${x.status}`),
        ])}
      />
      <h2 class="fr-mt-4w">{t('texts.editor.new')}</h2>
      <form method="post" action="/pro/textes" novalidate>
        <ErrorSummary ctx={ctx} errors={errors} />
        <Csrf ctx={ctx} />
        <TextFields ctx={ctx} values={values} errors={errors} />
        <button class="fr-btn" type="submit">
          {t('texts.editor.create')}
        </button>
      </form>
    </Layout>
  );
}

export function TextEditPage({
  ctx,
  text,
  values,
  errors,
}: {
  ctx: PageContext;
  text: LegalText;
  values?: TextFormValues;
  errors?: FieldErrors | undefined;
}) {
  const { t } = ctx;
  const current: TextFormValues = values ?? {
    code: text.code,
    article: text.article,
    title: text.title,
    topic: text.topic,
    versionDate: text.version_date ?? '',
    legifranceUrl: text.legifrance_url,
    officialText: text.official_text ?? '',
    summary: text.summary,
  };
  const heading = `${text.code}, ${t('texts.article', { article: text.article })}`;
  return (
    <Layout
      ctx={ctx}
      title={heading}
      space="pro"
      breadcrumb={[[t('nav.pro'), '/pro'], [t('texts.editor.title'), '/pro/textes'], [heading]]}
    >
      <h1>{heading}</h1>
      <p>
        <strong>{t(`texts.status.${text.status}`)}</strong>
      </p>
      <form method="post" action={`/pro/textes/${text.id}/etat`} class="fr-mb-4w">
        <Csrf ctx={ctx} />
        <input type="hidden" name="status" value={text.status === 'published' ? 'draft' : 'published'} />
        <button
          class={`fr-btn fr-btn--sm${text.status === 'published' ? ' fr-btn--secondary' : ''}`}
          type="submit"
        >
          {text.status === 'published' ? t('texts.editor.unpublish') : t('texts.editor.publish')}
        </button>
      </form>
      <form method="post" action={`/pro/textes/${text.id}`} novalidate>
        <ErrorSummary ctx={ctx} errors={errors} />
        <Csrf ctx={ctx} />
        <TextFields ctx={ctx} values={current} errors={errors} />
        <button class="fr-btn" type="submit">
          {t('texts.editor.save')}
        </button>
      </form>
    </Layout>
  );
}
