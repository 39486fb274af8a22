import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Notice,
  TextArea,
  TextInput,
} from '../../platform/views/components.js';
import type { PageContext } from '../../platform/views/context.js';
import { Layout } from '../../platform/views/layout.js';
import { languageName } from '../reference/index.js';
import { LEAFLET_TITLES } from './content.js';
import {
  type DiffPart,
  LEAFLET_LANGUAGES,
  type Leaflet,
  type LeafletSection,
  RTL_LANGUAGES,
} from './leaflet.js';

const ownName = (code: string) => new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;

function Body({ text }: { text: string }) {
  const lines = text.split('\n').filter((l) => l.trim());
  const items = lines.filter((l) => l.startsWith('- '));
  const others = lines.filter((l) => !l.startsWith('- '));
  return (
    <>
      {others.slice(0, lines[0]?.startsWith('- ') ? 0 : 1).map((l) => (
        <p key={l}>{l}</p>
      ))}
      {items.length > 0 ? (
        <ul>
          {items.map((l) => (
            <li key={l}>{l.slice(2)}</li>
          ))}
        </ul>
      ) : null}
      {others.slice(lines[0]?.startsWith('- ') ? 0 : 1).map((l) => (
        <p key={l}>{l}</p>
      ))}
    </>
  );
}

export function LeafletIndexPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  const title = t('leaflet.title');
  return (
    <Layout ctx={ctx} title={title} space="public" breadcrumb={[[t('library.title'), '/outils'], [title]]}>
      <h1>{title}</h1>
      <p class="fr-text--lead">{t('leaflet.lead')}</p>
      <ul class="relais-cards">
        {['fr', ...LEAFLET_LANGUAGES].map((l) => (
          <li key={l} class="relais-card">
            <p class="fr-h6 fr-mb-1w" lang={l} dir={RTL_LANGUAGES.has(l) ? 'rtl' : 'ltr'}>
              <a href={`/outils/depliant/${l}`} hreflang={l}>
                {LEAFLET_TITLES[l]}
              </a>
            </p>
            <p class="fr-text--sm fr-mb-0">
              <span lang={l}>{ownName(l)}</span> · {languageName(l, ctx.locale)} ·{' '}
              <a href={`/outils/depliant/${l}/pdf`} download hreflang={l}>
                {t('leaflet.pdf')}
              </a>
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function LeafletPage({
  ctx,
  language,
  sections,
}: {
  ctx: PageContext;
  language: string;
  sections: readonly LeafletSection[];
}) {
  const { t } = ctx;
  const heading = LEAFLET_TITLES[language]!;
  const dir = RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
  return (
    <Layout
      ctx={ctx}
      title={heading}
      space="public"
      breadcrumb={[
        [t('library.title'), '/outils'],
        [t('leaflet.title'), '/outils/depliant'],
        [ownName(language)],
      ]}
    >
      <article lang={language} dir={dir}>
        <h1>{heading}</h1>
        {sections.map((s) => (
          <section
            key={s.id}
            lang={s.language}
            dir={RTL_LANGUAGES.has(s.language) ? 'rtl' : 'ltr'}
            aria-labelledby={`section-${s.key}`}
          >
            <h2 id={`section-${s.key}`}>{s.title}</h2>
            <Body text={s.body} />
            {s.status === 'to_review' ? (
              <p class="fr-text--xs" lang={ctx.locale} dir="ltr">
                {s.assisted ? t('leaflet.assisted') : t('leaflet.toReview')}
              </p>
            ) : null}
            {s.language !== language ? (
              <p class="fr-text--xs" lang={ctx.locale} dir="ltr">
                {t('leaflet.untranslated')}
              </p>
            ) : null}
          </section>
        ))}
      </article>
      <p class="fr-mt-4w">
        <a
          class="fr-link fr-icon-download-line fr-link--icon-left"
          href={`/outils/depliant/${language}/pdf`}
          download
        >
          {t('leaflet.pdf')}
        </a>
      </p>
    </Layout>
  );
}

export function LeafletBoardPage({
  ctx,
  board,
  errors,
}: {
  ctx: PageContext;
  board: Awaited<ReturnType<Leaflet['board']>>;
  errors?: FieldErrors | undefined;
}) {
  const { t } = ctx;
  const title = t('leaflet.editor.title');
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={[[t('nav.pro'), '/pro'], [title]]}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      {board.map((s) => (
        <section key={s.id} class="relais-card fr-mb-4w" aria-labelledby={`board-${s.key}`}>
          <h2 id={`board-${s.key}`} class="fr-h5">
            {s.title} <span class="fr-text--sm">({t('leaflet.editor.version', { version: s.version })})</span>
          </h2>
          <form method="post" action={`/pro/depliant/${s.id}`} novalidate>
            <Csrf ctx={ctx} />
            <TextInput
              name="title"
              id={`title-${s.key}`}
              label={t('leaflet.fields.title')}
              required
              value={s.title}
              maxLength={200}
            />
            <TextArea
              name="body"
              id={`body-${s.key}`}
              label={t('leaflet.fields.body')}
              hint={t('leaflet.fields.bodyHint')}
              value={s.body}
              rows={6}
            />
            <button class="fr-btn fr-btn--sm" type="submit">
              {t('leaflet.editor.saveFrench')}
            </button>
          </form>
          <h3 class="fr-h6 fr-mt-2w">{t('leaflet.editor.translations')}</h3>
          <ul class="fr-tags-group">
            {LEAFLET_LANGUAGES.map((l) => {
              const tr = s.translations[l];
              return (
                <li key={l}>
                  <a
                    class={`fr-tag${tr.status === 'validated' ? '' : ' fr-tag--sm'}`}
                    href={`/pro/depliant/${s.id}/${l}`}
                  >
                    {l} · {t(`leaflet.status.${tr.status}`)}
                    {tr.assisted ? ` · ${t('leaflet.assistedShort')}` : ''}
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

function Diff({ parts }: { parts: readonly DiffPart[] }) {
  return (
    <p class="relais-diff">
      {parts.map((p, i) =>
        p.change === 'added' ? (
          <ins key={i}>{p.text}</ins>
        ) : p.change === 'removed' ? (
          <del key={i}>{p.text}</del>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </p>
  );
}

export function TranslationPage({
  ctx,
  translation,
  errors,
  values,
}: {
  ctx: PageContext;
  translation: Awaited<ReturnType<Leaflet['translation']>>;
  errors?: FieldErrors | undefined;
  values?: { title: string; body: string };
}) {
  const { t } = ctx;
  const tr = translation;
  const title = `${tr.section.title} — ${languageName(tr.language, ctx.locale)}`;
  const dir = RTL_LANGUAGES.has(tr.language) ? 'rtl' : 'ltr';
  return (
    <Layout
      ctx={ctx}
      title={title}
      space="pro"
      breadcrumb={[[t('nav.pro'), '/pro'], [t('leaflet.editor.title'), '/pro/depliant'], [title]]}
    >
      <h1>{title}</h1>
      <p>
        <strong>{t(`leaflet.status.${tr.status}`)}</strong>
        {tr.assisted ? ` · ${t('leaflet.assistedShort')}` : ''}
      </p>
      <ErrorSummary ctx={ctx} errors={errors} />
      {tr.changed ? (
        <Notice kind="warning" title={t('leaflet.editor.frenchChanged')}>
          <p>{t('leaflet.editor.diffHelp')}</p>
          <Diff parts={tr.titleDiff} />
          <Diff parts={tr.bodyDiff} />
        </Notice>
      ) : null}
      <h2 class="fr-h6">{t('leaflet.editor.french')}</h2>
      <blockquote lang="fr">
        <p>
          <strong>{tr.section.title}</strong>
        </p>
        <Body text={tr.section.body} />
      </blockquote>
      <form method="post" action={`/pro/depliant/${tr.section.id}/${tr.language}`} novalidate>
        <Csrf ctx={ctx} />
        <div lang={tr.language} dir={dir}>
          <TextInput
            name="title"
            label={t('leaflet.fields.title')}
            required
            errors={errors}
            value={values?.title ?? tr.title}
            maxLength={200}
          />
          <TextArea
            name="body"
            label={t('leaflet.fields.body')}
            required
            errors={errors}
            value={values?.body ?? tr.body}
            rows={8}
          />
        </div>
        <button class="fr-btn" type="submit">
          {t('leaflet.editor.saveTranslation')}
        </button>
      </form>
      {tr.status === 'to_review' ? (
        <form method="post" action={`/pro/depliant/${tr.section.id}/${tr.language}/valider`} class="fr-mt-2w">
          <Csrf ctx={ctx} />
          <button class="fr-btn fr-btn--secondary" type="submit">
            {t('leaflet.editor.validate')}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}
