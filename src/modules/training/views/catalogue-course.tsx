import { Csrf, ErrorSummary, type FieldErrors, Notice, Select } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { markdownToHtml } from '../../newsletter/render.js';
import type { createCatalogue } from '../catalogue.js';
import type { Sessions } from '../sessions.js';
import { categoryOptions } from './catalogue.js';
import { day, hours, placesLeft, Where, when } from './sessions-parts.js';

type Course = NonNullable<Awaited<ReturnType<ReturnType<typeof createCatalogue>['bySlug']>>>;
type Session = Awaited<ReturnType<Sessions['forCourse']>>[number];
export type Mine = ReadonlyMap<string, { status: string; position: number | null }>;
export type RegistrationForm = {
  sessionId: string;
  values: { category?: string | undefined; departementCode?: string | undefined };
  errors: FieldErrors;
};

/** The public page of a course: what it is for, then its sessions with a way to register to each. */
export function CoursePage({
  ctx,
  course,
  sessions,
  mine,
  departements,
  form,
  trainer,
}: {
  ctx: PageContext;
  course: Course;
  sessions: readonly Session[];
  mine: Mine;
  departements: ReadonlyArray<{ code: string; name: string }>;
  form?: RegistrationForm | undefined;
  trainer: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={course.title}
      space="public"
      breadcrumb={[[t('training.catalogue.page.title'), '/formations'], [course.title]]}
    >
      {course.status !== 'published' ? (
        <Notice kind="warning">
          {t('training.course.notPublished', { status: t(`training.status.${course.status}`) })}
        </Notice>
      ) : null}
      <p class="fr-badge fr-badge--info">{t(`training.formats.${course.format}`)}</p>
      <h1>{course.title}</h1>
      {course.summary ? <p class="fr-text--lead">{course.summary}</p> : null}
      <dl class="relais-facts fr-mb-4w">
        <div>
          <dt>{t('training.catalogue.fields.duration')}</dt>
          <dd>{hours(ctx.locale, course.duration_hours)}</dd>
        </div>
        <div>
          <dt>{t('training.catalogue.fields.format')}</dt>
          <dd>{t(`training.formats.${course.format}`)}</dd>
        </div>
        <div>
          <dt>{t('training.catalogue.fields.audiences')}</dt>
          <dd>{course.audiences.map((a) => t(`training.categories.${a}`)).join(', ')}</dd>
        </div>
        {course.organiser ? (
          <div>
            <dt>{t('training.catalogue.fields.organiser')}</dt>
            <dd>{course.organiser}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('training.catalogue.fields.next')}</dt>
          <dd>
            {sessions[0] ? (
              <>
                {day(ctx.locale, sessions[0].starts_at)} ·{' '}
                <a href="#sessions">{t('training.course.toSessions', { count: sessions.length })}</a>
              </>
            ) : (
              t('training.catalogue.fields.noSession')
            )}
          </dd>
        </div>
      </dl>
      {course.hasLessons ? (
        <div class="fr-callout fr-mb-4w">
          <h2 class="fr-callout__title">{t('training.course.distanceTitle')}</h2>
          <p class="fr-callout__text">{t('training.course.distanceText')}</p>
          <a class="fr-btn" href={`/formations/${course.slug}/cours`}>
            {t('training.course.distanceLink')}
          </a>
        </div>
      ) : null}
      {trainer ? (
        <ul class="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-mb-3w">
          <li>
            <a class="fr-btn fr-btn--secondary" href={`/pro/formations/catalogue/${course.slug}/modifier`}>
              {t('training.admin.edit')}
            </a>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href={`/pro/formations/catalogue/${course.slug}/sessions`}>
              {t('training.admin.sessions')}
            </a>
          </li>
        </ul>
      ) : null}
      {course.objectives ? (
        <>
          <h2>{t('training.catalogue.fields.objectives')}</h2>
          {/* markdown-it with raw HTML disabled: trainers' text is escaped. */}
          <div dangerouslySetInnerHTML={{ __html: markdownToHtml(course.objectives) }} />
        </>
      ) : null}
      <h2>{t('training.catalogue.fields.prerequisites')}</h2>
      <p>{course.prerequisites || t('training.course.noPrerequisites')}</p>

      <h2 id="sessions">{t('training.course.sessions')}</h2>
      {form ? <ErrorSummary ctx={ctx} errors={form.errors} /> : null}
      {sessions.length === 0 ? <p>{t('training.course.noSessions')}</p> : null}
      <ul class="relais-cards">
        {sessions.map((s, i) => (
          <li key={s.id} class="relais-card" id={`session-${s.id}`}>
            <h3 class="fr-h6 fr-mb-1w">{when(ctx.locale, s.starts_at, s.ends_at)}</h3>
            <p class="fr-mb-1w">
              <Where ctx={ctx} session={s} />
            </p>
            {s.organiser ? (
              <p class="fr-text--sm fr-mb-1w">
                {t('training.catalogue.fields.organiser')} : {s.organiser}
              </p>
            ) : null}
            <p class="fr-mb-2w">
              <strong>{placesLeft(ctx, s)}</strong>
            </p>
            <Registration
              ctx={ctx}
              slug={course.slug}
              session={s}
              index={i}
              mine={mine.get(s.id)}
              departements={departements}
              form={form?.sessionId === s.id ? form : undefined}
            />
          </li>
        ))}
      </ul>

      {course.resources.length > 0 ? (
        <>
          <h2>{t('training.course.resources')}</h2>
          <ul>
            {course.resources.map((r) => (
              <li key={r.id}>
                <a href={`/outils/${r.id}`}>{r.title}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}

function Registration({
  ctx,
  slug,
  session,
  index,
  mine,
  departements,
  form,
}: {
  ctx: PageContext;
  slug: string;
  session: Session;
  index: number;
  mine: { status: string; position: number | null } | undefined;
  departements: ReadonlyArray<{ code: string; name: string }>;
  form: RegistrationForm | undefined;
}) {
  const { t } = ctx;
  const base = `/formations/${slug}/sessions/${session.id}`;
  if (!ctx.actor)
    return (
      <a
        class="fr-btn fr-btn--secondary"
        href={`/connexion?retour=${encodeURIComponent(`/formations/${slug}`)}`}
      >
        {t('training.course.signIn')}
      </a>
    );
  if (mine && (mine.status === 'registered' || mine.status === 'waiting'))
    return (
      <>
        <p class={`fr-badge fr-badge--${mine.status === 'registered' ? 'success' : 'warning'} fr-mb-1w`}>
          {mine.status === 'registered'
            ? t('training.registration.registered')
            : t('training.registration.waiting', { position: mine.position ?? 1 })}
        </p>
        <form method="post" action={`${base}/desinscription`}>
          <Csrf ctx={ctx} />
          <button type="submit" class="fr-btn fr-btn--tertiary fr-btn--sm">
            {mine.status === 'registered'
              ? t('training.registration.withdraw')
              : t('training.registration.leaveWaiting')}
          </button>
        </form>
      </>
    );
  const full = session.capacity - (session.taken ?? 0) <= 0;
  // The form with errors takes the default ids, so that the error summary's links reach its fields.
  const id = (name: string) => (form ? `champ-${name}` : `session-${index + 1}-${name}`);
  const values = form?.values ?? {};
  return (
    <form method="post" action={`${base}/inscription`}>
      <Csrf ctx={ctx} />
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-6">
          <Select
            name="category"
            id={id('category')}
            label={t('training.registration.category')}
            hint={t('training.registration.categoryHint')}
            value={values.category}
            placeholder={t('forms.choose')}
            errors={form?.errors}
            options={categoryOptions(ctx)}
          />
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <Select
            name="departementCode"
            id={id('departementCode')}
            label={t('training.registration.departement')}
            value={form ? values.departementCode : (ctx.actor.organisation.departement ?? '')}
            placeholder={t('training.registration.departementNone')}
            errors={form?.errors}
            options={departements.map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }))}
          />
        </div>
      </div>
      {form?.errors._form ? <Notice kind="error">{form.errors._form}</Notice> : null}
      <button type="submit" class="fr-btn">
        {full ? t('training.registration.joinWaiting') : t('training.registration.register')}
      </button>
    </form>
  );
}
