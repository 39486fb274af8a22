import type { Block, Segment } from '../../../platform/db/schema-newsletter.js';
import { formatParis } from '../../../platform/time/paris.js';
import {
  CheckboxGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Notice,
  Select,
  Table,
  TextArea,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { languageName } from '../../reference/index.js';
import type { Editions, Progress } from '../editions.js';
import { NEWSLETTER_LANGUAGES, PROFESSIONS } from '../reference.js';
import { UncertainLetters } from './uncertain.js';

type Edition = Awaited<ReturnType<Editions['get']>>;

const markdownOf = (blocks: readonly Block[]) =>
  blocks
    .filter((b): b is Extract<Block, { kind: 'text' }> => b.kind === 'text')
    .map((b) => b.markdown)
    .join('\n\n');

export function EditionsPage({
  ctx,
  editions,
  due,
  errors,
  values,
}: {
  ctx: PageContext;
  editions: Awaited<ReturnType<Editions['list']>>;
  due: { period: string; end: string } | null;
  errors?: FieldErrors | undefined;
  values?: { title?: string; subject?: string; markdown?: string };
}) {
  const { t } = ctx;
  const title = t('newsletter.editor.title');
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={[[t('nav.pro'), '/pro'], [title]]}>
      <h1>{title}</h1>
      {due ? (
        <Notice kind="warning" title={t('newsletter.editor.dueTitle', { period: due.period })}>
          <p>{t('newsletter.editor.due', { end: due.end })}</p>
        </Notice>
      ) : null}
      <Table
        caption={t('newsletter.editor.editions')}
        headers={[
          t('newsletter.editor.edition'),
          t('newsletter.editor.period'),
          t('newsletter.editor.status'),
          t('newsletter.editor.recipients'),
        ]}
        rows={editions.map((e) => [
          <a key={e.id} href={`/pro/lettre/${e.id}`}>
            {e.title}
          </a>,
          e.period,
          t(`newsletter.editionStatus.${e.status}`),
          e.status === 'draft' ? '—' : String(e.total),
        ])}
      />
      <h2 class="fr-mt-4w">{t('newsletter.editor.new')}</h2>
      <form method="post" action="/pro/lettre" novalidate>
        <ErrorSummary ctx={ctx} errors={errors} />
        <Csrf ctx={ctx} />
        <TextInput
          name="title"
          label={t('newsletter.editor.fieldTitle')}
          required
          errors={errors}
          value={values?.title}
          maxLength={200}
        />
        <TextInput
          name="subject"
          label={t('newsletter.editor.subject')}
          required
          errors={errors}
          value={values?.subject}
          maxLength={200}
        />
        <TextArea
          name="markdown"
          label={t('newsletter.editor.body')}
          hint={t('newsletter.editor.bodyHint')}
          errors={errors}
          value={values?.markdown}
          rows={10}
        />
        <button class="fr-btn" type="submit">
          {t('newsletter.editor.create')}
        </button>
      </form>
    </Layout>
  );
}

export function EditionPage({
  ctx,
  edition,
  progress,
  audience,
  resources,
  plans = [],
  trainings = null,
  uncertain = 0,
  errors,
}: {
  ctx: PageContext;
  edition: Edition;
  progress: Progress;
  audience: number;
  resources: ReadonlyArray<{ id: string; title: string }>;
  /** Public plans whose progress the edition may show. */
  plans?: ReadonlyArray<{ id: string; title: string }>;
  /** The sessions the "upcoming trainings" block would list now, or null when the edition does not carry it. */
  trainings?: ReadonlyArray<{ slug: string; title: string; startsAt: Date }> | null;
  /** Letters a worker killed mid-send left uncertain (`uncertain.ts`). */
  uncertain?: number;
  errors?: FieldErrors | undefined;
}) {
  const { t } = ctx;
  const draft = edition.status === 'draft';
  const segment: Segment = edition.segment;
  const have = new Set(edition.variants.map((v) => v.language));
  const missing = NEWSLETTER_LANGUAGES.filter((l) => !have.has(l));
  const done = progress.sent + progress.failed + progress.bounced;
  return (
    <Layout
      ctx={ctx}
      title={edition.title}
      space="pro"
      breadcrumb={[[t('nav.pro'), '/pro'], [t('newsletter.editor.title'), '/pro/lettre'], [edition.title]]}
    >
      <h1>{edition.title}</h1>
      <p>
        {edition.period} · <strong>{t(`newsletter.editionStatus.${edition.status}`)}</strong>
        {edition.sent_at ? ` · ${formatParis(edition.sent_at, ctx.locale)}` : ''}
      </p>
      <ErrorSummary ctx={ctx} errors={errors} />
      {draft ? null : (
        <section aria-labelledby="progression" class="fr-mb-4w">
          <h2 id="progression">{t('newsletter.editor.progress')}</h2>
          <progress
            id="lettre-progress"
            class="relais-progress"
            max={progress.total}
            value={done}
            data-source={`/pro/lettre/${edition.id}/progression`}
            data-status={edition.status}
          >
            {done} / {progress.total}
          </progress>
          <p
            id="lettre-progress-text"
            aria-live="polite"
            data-template={t('newsletter.editor.progressText', {
              sent: '{{sent}}',
              total: '{{total}}',
              queued: '{{queued}}',
              failed: '{{failed}}',
              bounced: '{{bounced}}',
            })}
          >
            {t('newsletter.editor.progressText', { ...progress })}
          </p>
          {uncertain > 0 ? <UncertainLetters ctx={ctx} editionId={edition.id} count={uncertain} /> : null}
          <script src="/static/lettre.js" defer />
        </section>
      )}
      <h2>{t('newsletter.editor.variants')}</h2>
      {edition.variants.map((v) => (
        <section
          key={v.language}
          class="relais-card fr-mb-2w"
          aria-label={languageName(v.language, ctx.locale)}
        >
          <h3 class="fr-h6">
            {languageName(v.language, ctx.locale)} ({v.language})
          </h3>
          {draft ? (
            <form method="post" action={`/pro/lettre/${edition.id}/langues/${v.language}`} novalidate>
              <Csrf ctx={ctx} />
              <TextInput
                name="subject"
                id={`subject-${v.language}`}
                label={t('newsletter.editor.subject')}
                required
                errors={errors}
                value={v.subject}
                maxLength={200}
              />
              <TextArea
                name="markdown"
                id={`markdown-${v.language}`}
                label={t('newsletter.editor.body')}
                hint={t('newsletter.editor.bodyHint')}
                value={markdownOf(v.blocks)}
                rows={8}
              />
              <button class="fr-btn fr-btn--sm" type="submit">
                {t('newsletter.editor.saveVariant')}
              </button>
            </form>
          ) : (
            <p>
              <strong>{v.subject}</strong>
            </p>
          )}
        </section>
      ))}
      {draft && missing.length > 0 ? (
        <form method="post" action={`/pro/lettre/${edition.id}/langues`} class="fr-mb-4w">
          <Csrf ctx={ctx} />
          <Select
            name="language"
            label={t('newsletter.editor.addLanguage')}
            options={missing.map((l) => ({ value: l, label: `${languageName(l, ctx.locale)} (${l})` }))}
          />
          <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
            {t('newsletter.editor.add')}
          </button>
        </form>
      ) : null}
      <h2>{t('newsletter.editor.featured')}</h2>
      {draft ? (
        resources.length > 0 ? (
          <form method="post" action={`/pro/lettre/${edition.id}/a-la-une`} class="fr-mb-4w">
            <Csrf ctx={ctx} />
            <CheckboxGroup
              name="featured"
              label={t('newsletter.editor.featuredLabel')}
              hint={t('newsletter.editor.featuredHint')}
              errors={errors}
              values={edition.featured}
              options={resources.map((r) => ({ value: r.id, label: r.title }))}
            />
            <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
              {t('newsletter.editor.saveFeatured')}
            </button>
          </form>
        ) : (
          <p>{t('newsletter.editor.noResources')}</p>
        )
      ) : (
        <ul>
          {resources
            .filter((r) => edition.featured.includes(r.id))
            .map((r) => (
              <li key={r.id}>{r.title}</li>
            ))}
        </ul>
      )}
      <h2>{t('newsletter.editor.plan')}</h2>
      {draft ? (
        plans.length > 0 ? (
          <form method="post" action={`/pro/lettre/${edition.id}/plan`} class="fr-mb-4w">
            <Csrf ctx={ctx} />
            <Select
              name="plan"
              label={t('newsletter.editor.planLabel')}
              hint={t('newsletter.editor.planHint')}
              errors={errors}
              value={edition.plan_id ?? ''}
              placeholder={t('newsletter.editor.noPlan')}
              options={plans.map((p) => ({ value: p.id, label: p.title }))}
            />
            <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
              {t('newsletter.editor.savePlan')}
            </button>
          </form>
        ) : (
          <p>{t('newsletter.editor.noPublicPlan')}</p>
        )
      ) : (
        <p>{plans.find((p) => p.id === edition.plan_id)?.title ?? t('newsletter.editor.noPlan')}</p>
      )}
      <UpcomingTrainings ctx={ctx} editionId={edition.id} draft={draft} trainings={trainings} />
      <h2>{t('newsletter.editor.audience')}</h2>
      <p id="audience-count">
        <strong>{t('newsletter.editor.audienceCount', { count: audience })}</strong>
      </p>
      {draft ? (
        <>
          <form method="post" action={`/pro/lettre/${edition.id}/audience`} novalidate>
            <Csrf ctx={ctx} />
            <CheckboxGroup
              name="professions"
              label={t('newsletter.form.profession')}
              hint={t('newsletter.editor.allIfNone')}
              errors={errors}
              values={segment.professions ?? []}
              options={PROFESSIONS.map((p) => ({ value: p, label: t(`newsletter.professions.${p}`) }))}
            />
            <TextInput
              name="departements"
              label={t('newsletter.editor.departements')}
              hint={t('newsletter.editor.departementsHint')}
              errors={errors}
              value={(segment.departements ?? []).join(', ')}
              maxLength={400}
            />
            <CheckboxGroup
              name="languages"
              label={t('newsletter.form.language')}
              hint={t('newsletter.editor.allIfNone')}
              errors={errors}
              inline
              values={segment.languages ?? []}
              options={NEWSLETTER_LANGUAGES.map((l) => ({ value: l, label: languageName(l, ctx.locale) }))}
            />
            <button class="fr-btn fr-btn--secondary" type="submit">
              {t('newsletter.editor.count')}
            </button>
          </form>
          <form method="post" action={`/pro/lettre/${edition.id}/envoyer`} class="fr-mt-4w">
            <Csrf ctx={ctx} />
            <input type="hidden" name="expected" value={String(audience)} />
            <p>{t('newsletter.editor.sendText', { count: audience })}</p>
            <button class="fr-btn" type="submit" disabled={audience === 0}>
              {t('newsletter.editor.send', { count: audience })}
            </button>
          </form>
        </>
      ) : null}
    </Layout>
  );
}

/** The "upcoming trainings" block: on or off, and what it would list if the letter went out now. */
function UpcomingTrainings({
  ctx,
  editionId,
  draft,
  trainings,
}: {
  ctx: PageContext;
  editionId: string;
  draft: boolean;
  trainings: ReadonlyArray<{ slug: string; title: string; startsAt: Date }> | null;
}) {
  const { t } = ctx;
  const day = new Intl.DateTimeFormat(ctx.locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });
  return (
    <>
      <h2>{t('newsletter.editor.trainings')}</h2>
      {draft ? (
        <form method="post" action={`/pro/lettre/${editionId}/formations`} class="fr-mb-2w">
          <Csrf ctx={ctx} />
          <div class="fr-checkbox-group fr-mb-2w">
            <input type="checkbox" id="champ-trainings" name="trainings" value="on" checked={trainings !== null} aria-describedby="champ-trainings-hint" />
            <label class="fr-label" for="champ-trainings">
              {t('newsletter.editor.trainingsLabel')}
              <span class="fr-hint-text" id="champ-trainings-hint">
                {t('newsletter.editor.trainingsHint')}
              </span>
            </label>
          </div>
          <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
            {t('newsletter.editor.saveTrainings')}
          </button>
        </form>
      ) : null}
      {trainings === null ? (
        <p>{t('newsletter.editor.noTrainingsBlock')}</p>
      ) : trainings.length === 0 ? (
        <p>{t('newsletter.mail.noTrainings')}</p>
      ) : (
        <>
          <p class="fr-mb-1w">{t('newsletter.editor.trainingsNow', { count: trainings.length })}</p>
          <ul class="fr-mb-4w">
            {trainings.map((s) => (
              <li key={`${s.slug}-${s.startsAt.toISOString()}`}>
                {day.format(s.startsAt)} — <a href={`/formations/${s.slug}`}>{s.title}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
