import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Notice,
  Select,
  Table,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { Sessions } from '../sessions.js';
import { adminCrumbs } from './catalogue-admin.js';
import { placesLeft, Where, when } from './sessions-parts.js';

type Session = Awaited<ReturnType<Sessions['forCourse']>>[number];
type Detail = NonNullable<Awaited<ReturnType<Sessions['detail']>>>;
type Sheet = Awaited<ReturnType<Sessions['sheet']>>;
type Waiting = Awaited<ReturnType<Sessions['waitingList']>>;
export type SessionValues = Record<string, string | undefined>;

/** A course's sessions, past and to come, and the form to schedule one more. */
export function CourseSessionsPage({
  ctx,
  course,
  sessions,
  departements,
  values,
  errors,
}: {
  ctx: PageContext;
  course: { slug: string; title: string };
  sessions: readonly Session[];
  departements: ReadonlyArray<{ code: string; name: string }>;
  values: SessionValues;
  errors?: FieldErrors | undefined;
}) {
  const { t } = ctx;
  const title = t('training.sessionsPage.title', { title: course.title });
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={adminCrumbs(ctx, course.title)}>
      <h1>{title}</h1>
      <p>
        <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href={`/formations/${course.slug}`}>
          {t('training.admin.publicPage')}
        </a>
      </p>
      {sessions.length === 0 ? (
        <p>{t('training.sessionsPage.none')}</p>
      ) : (
        <Table
          caption={t('training.sessionsPage.list')}
          headers={[
            t('training.sessionsPage.when'),
            t('training.sessionsPage.where'),
            t('training.sessionsPage.places'),
            t('training.sessionsPage.state'),
          ]}
          rows={sessions.map((s) => [
            <a key="a" href={`/pro/formations/sessions/${s.id}`}>
              {when(ctx.locale, s.starts_at, s.ends_at)}
            </a>,
            <Where key="w" ctx={ctx} session={s} />,
            s.waiting
              ? `${placesLeft(ctx, s)} · ${t('training.sessionsPage.waitingCount', { count: s.waiting })}`
              : placesLeft(ctx, s),
            t(`training.sessionsPage.status.${s.status}`),
          ])}
        />
      )}
      <h2 id="nouvelle-session">{t('training.sessionsPage.new')}</h2>
      <form method="post" action={`/pro/formations/catalogue/${course.slug}/sessions`}>
        <Csrf ctx={ctx} />
        <ErrorSummary ctx={ctx} errors={errors} />
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-6">
            <TextInput
              name="startsAt"
              type="datetime-local"
              label={t('training.sessionsPage.fields.startsAt')}
              value={values.startsAt}
              errors={errors}
              required
            />
          </div>
          <div class="fr-col-12 fr-col-md-6">
            <TextInput
              name="endsAt"
              type="datetime-local"
              label={t('training.sessionsPage.fields.endsAt')}
              value={values.endsAt}
              errors={errors}
              required
            />
          </div>
        </div>
        <TextInput
          name="place"
          label={t('training.sessionsPage.fields.place')}
          hint={t('training.sessionsPage.fields.placeHint')}
          value={values.place}
          errors={errors}
          maxLength={300}
        />
        <TextInput
          name="onlineUrl"
          type="url"
          label={t('training.sessionsPage.fields.onlineUrl')}
          hint={t('training.sessionsPage.fields.onlineUrlHint')}
          value={values.onlineUrl}
          errors={errors}
          maxLength={500}
        />
        <Select
          name="departementCode"
          label={t('training.sessionsPage.fields.departement')}
          value={values.departementCode}
          placeholder={t('training.registration.departementNone')}
          options={departements.map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }))}
          errors={errors}
        />
        <TextInput
          name="organiser"
          label={t('training.catalogue.fields.organiser')}
          value={values.organiser}
          errors={errors}
          maxLength={300}
        />
        <TextInput
          name="capacity"
          label={t('training.sessionsPage.fields.capacity')}
          value={values.capacity}
          errors={errors}
          inputMode="numeric"
          maxLength={4}
          required
        />
        <button type="submit" class="fr-btn">
          {t('training.sessionsPage.create')}
        </button>
      </form>
    </Layout>
  );
}

/** A session for its trainer: the attendance sheet (certificates for those present), the waiting list, cancelling. */
export function SessionPage({
  ctx,
  session,
  sheet,
  waiting,
}: {
  ctx: PageContext;
  session: Detail;
  sheet: Sheet;
  waiting: Waiting;
}) {
  const { t } = ctx;
  const date = when(ctx.locale, session.starts_at, session.ends_at);
  const category = (c: string) => t(`training.categories.${c}`);
  return (
    <Layout
      ctx={ctx}
      title={`${session.title} — ${date}`}
      space="pro"
      breadcrumb={[
        [t('nav.pro'), '/pro'],
        [t('training.admin.title'), '/pro/formations/catalogue'],
        [session.title, `/pro/formations/catalogue/${session.slug}/sessions`],
        [t('training.sessionPage.crumb')],
      ]}
    >
      <p class="fr-badge">{t(`training.sessionsPage.status.${session.status}`)}</p>
      <h1>{session.title}</h1>
      <p class="fr-text--lead">{date}</p>
      <p>
        <Where ctx={ctx} session={session} />
        {session.organiser ? ` · ${session.organiser}` : ''}
      </p>
      <p>{placesLeft(ctx, { capacity: session.capacity, taken: sheet.length })}</p>

      <h2 id="emargement">{t('training.sessionPage.sheet')}</h2>
      {sheet.length === 0 ? (
        <p>{t('training.sessionPage.nobody')}</p>
      ) : !session.sheetOpen ? (
        <>
          <Notice kind="info">
            {t(
              session.status === 'cancelled'
                ? 'training.sessions.errors.sheetCancelled'
                : 'training.sessionPage.sheetLater',
            )}
          </Notice>
          <ul>
            {sheet.map((p) => (
              <li key={p.user_id}>
                {p.display_name} — {p.organisation} · {category(p.category)}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <form method="post" action={`/pro/formations/sessions/${session.id}/presences`} class="fr-mb-4w">
          <Csrf ctx={ctx} />
          <fieldset class="fr-fieldset" aria-labelledby="emargement-legend">
            <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id="emargement-legend">
              {t('training.sessionPage.sheetLegend')}
            </legend>
            {sheet.map((p, i) => (
              <div class="fr-fieldset__element" key={p.user_id}>
                <div class="fr-checkbox-group">
                  <input
                    type="checkbox"
                    id={`present-${i}`}
                    name="present"
                    value={p.user_id}
                    checked={p.attended === true}
                  />
                  <label class="fr-label" for={`present-${i}`}>
                    {p.display_name}
                    <span class="fr-hint-text">
                      {p.organisation} · {category(p.category)}
                      {p.departement_code ? ` · ${p.departement_code}` : ''}
                    </span>
                  </label>
                </div>
              </div>
            ))}
          </fieldset>
          <p class="fr-text--sm">{t('training.sessionPage.certificatesHint')}</p>
          <button type="submit" class="fr-btn">
            {t('training.sessionPage.saveAttendance')}
          </button>
        </form>
      )}

      <h2>{t('training.sessionPage.waiting', { count: waiting.length })}</h2>
      {waiting.length === 0 ? (
        <p>{t('training.sessionPage.noWaiting')}</p>
      ) : (
        <ol>
          {waiting.map((w) => (
            <li key={w.user_id}>
              {w.display_name} — {w.organisation} · {category(w.category)}
            </li>
          ))}
        </ol>
      )}

      {session.status === 'scheduled' ? (
        <>
          <h2>{t('training.sessionPage.cancelTitle')}</h2>
          <Notice kind="warning">{t('training.sessionPage.cancelText')}</Notice>
          <form method="post" action={`/pro/formations/sessions/${session.id}/annulation`}>
            <Csrf ctx={ctx} />
            <button type="submit" class="fr-btn fr-btn--secondary">
              {t('training.sessionPage.cancel')}
            </button>
          </form>
        </>
      ) : null}
    </Layout>
  );
}
