import type { AgendaItem } from '../../../platform/db/schema-steering.js';
import {
  CheckboxGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Select,
  TextArea,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { Meetings } from '../meetings.js';
import { whenOf } from './when.js';

type Form = { values: Record<string, string | undefined>; errors: FieldErrors } | undefined;
type Detail = Awaited<ReturnType<Meetings['detail']>>;

function Agenda({ items }: { items: readonly AgendaItem[] }) {
  return (
    <ol>
      {items.map((i, n) => (
        <li key={n}>
          {i.title}
          {i.items && i.items.length > 0 ? <Agenda items={i.items} /> : null}
        </li>
      ))}
    </ol>
  );
}

export function MeetingPage({
  ctx,
  detail,
  organise,
  organisations,
  form,
  html,
}: {
  ctx: PageContext;
  detail: Detail;
  organise: boolean;
  organisations: ReadonlyArray<{ id: string; name: string }>;
  form?: Form;
  html: string;
}) {
  const { t, locale } = ctx;
  const { meeting, invited, attending, registered, registeredOrganisations, items, next } = detail;
  const base = `/collectif/reunions/${meeting.id}`;
  const upcoming = meeting.status === 'planned' && meeting.starts_at.getTime() > Date.now();
  const decisions = items.filter((i) => i.kind === 'decision');
  const actions = items.filter((i) => i.kind === 'action');
  return (
    <Layout
      ctx={ctx}
      title={meeting.title}
      space="pilotage"
      breadcrumb={[[t('nav.pilotage'), '/pilotage'], [t('collective.title'), '/collectif'], [meeting.title]]}
    >
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <p class="fr-badge">{t(`collective.statuses.${meeting.status}`)}</p>
      <h1>{meeting.title}</h1>
      <p class="fr-text--lead">
        {whenOf(meeting, locale)}
        {meeting.place ? ` · ${meeting.place}` : ''}
      </p>
      {meeting.is_demo ? <p class="fr-text--sm">{t('collective.demo')}</p> : null}
      <p>
        <a class="fr-link fr-icon-calendar-line fr-link--icon-left" href={`${base}/ical`}>
          {t('collective.ics')}
        </a>
      </p>
      {upcoming ? (
        <form method="post" action={`${base}/inscription`} class="fr-mb-2w">
          <Csrf ctx={ctx} />
          <input type="hidden" name="register" value={registered ? 'no' : 'yes'} />
          <button class={`fr-btn${registered ? ' fr-btn--secondary' : ''}`} type="submit">
            {registered ? t('collective.unregister') : t('collective.register')}
          </button>
        </form>
      ) : null}
      <h2>{t('collective.agenda')}</h2>
      <div class="relais-agenda">
        {meeting.agenda.length > 0 ? <Agenda items={meeting.agenda} /> : <p>—</p>}
      </div>
      {meeting.summary ? (
        <>
          <h2>{t('collective.summary')}</h2>
          {meeting.summary.split(/\n{2,}/).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </>
      ) : null}
      {html ? (
        <>
          <h2>{t('collective.minutes')}</h2>
          {/* Minutes are markdown rendered without raw HTML (markdown-it, html: false). */}
          <div dangerouslySetInnerHTML={{ __html: html }} />
        </>
      ) : null}
      <h2>{t('collective.decisions')}</h2>
      {decisions.length === 0 ? (
        <p>—</p>
      ) : (
        <ul>
          {decisions.map((d) => (
            <li key={d.id}>{d.text}</li>
          ))}
        </ul>
      )}
      <h2>{t('collective.actions')}</h2>
      {actions.length === 0 ? (
        <p>—</p>
      ) : (
        <ul>
          {actions.map((a) => (
            <li key={a.id}>
              {a.text} — {a.owner ?? '—'}
              {a.due_on ? `, ${t('collective.due', { date: a.due_on })}` : ''} ·{' '}
              {a.done_on ? (
                t('collective.done', { date: a.done_on })
              ) : organise ? (
                <form method="post" action={`${base}/points/${a.id}/fait`} class="relais-inline-form">
                  <Csrf ctx={ctx} />
                  <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                    {t('collective.markDone')}
                    <span class="fr-sr-only"> : {a.text}</span>
                  </button>
                </form>
              ) : (
                t('collective.open')
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('collective.attending')}</h2>
      <p>{attending.length > 0 ? attending.map((o) => o.name).join(', ') : '—'}</p>
      <h2>{t('collective.registered')}</h2>
      <p>{registeredOrganisations.length > 0 ? registeredOrganisations.join(', ') : '—'}</p>
      <h2>{t('collective.invited')}</h2>
      <p>{invited.length > 0 ? invited.map((o) => o.name).join(', ') : '—'}</p>
      {next ? (
        <p>
          {t('collective.next')} <a href={`/collectif/reunions/${next.id}`}>{next.title}</a> —{' '}
          {whenOf(next, locale)}
        </p>
      ) : null}
      {organise ? (
        <section aria-labelledby="organiser" class="fr-mt-4w">
          <h2 id="organiser">{t('collective.organise')}</h2>
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <a class="fr-btn fr-btn--secondary" href={`${base}/modifier`}>
                {t('forms.edit')}
              </a>
            </li>
          </ul>
          <form method="post" action={`${base}/invitations`} class="fr-mb-2w">
            <Csrf ctx={ctx} />
            <button class="fr-btn fr-btn--secondary" type="submit" disabled={!upcoming}>
              {meeting.invitations_sent_at
                ? t('collective.resendInvitations')
                : t('collective.sendInvitations')}
            </button>
          </form>
          <form method="post" action={`${base}/compte-rendu`} class="fr-mb-2w">
            <Csrf ctx={ctx} />
            <button class="fr-btn fr-btn--secondary" type="submit">
              {t('collective.sendMinutes')}
            </button>
          </form>
          <form method="post" action={`${base}/presences`} class="fr-mb-2w">
            <Csrf ctx={ctx} />
            <CheckboxGroup
              name="attending"
              label={t('collective.attending')}
              values={attending.map((o) => o.id)}
              options={organisations.map((o) => ({ value: o.id, label: o.name }))}
              errors={form?.errors}
            />
            <button class="fr-btn fr-btn--secondary" type="submit">
              {t('collective.saveAttendance')}
            </button>
          </form>
          <form method="post" action={`${base}/points`}>
            <Csrf ctx={ctx} />
            <Select
              name="kind"
              label={t('collective.fields.itemKind')}
              required
              errors={form?.errors}
              value={form?.values.kind ?? 'action'}
              options={['action', 'decision'].map((k) => ({ value: k, label: t(`collective.items.${k}`) }))}
            />
            <TextArea
              name="text"
              label={t('collective.fields.itemText')}
              required
              errors={form?.errors}
              value={form?.values.text}
              rows={2}
            />
            <Select
              name="ownerOrganisationId"
              label={t('collective.fields.owner')}
              hint={t('collective.fields.ownerHint')}
              errors={form?.errors}
              value={form?.values.ownerOrganisationId}
              placeholder={t('forms.choose')}
              options={organisations.map((o) => ({ value: o.id, label: o.name }))}
            />
            <TextInput
              name="dueOn"
              type="date"
              label={t('collective.fields.due')}
              errors={form?.errors}
              value={form?.values.dueOn}
            />
            <button class="fr-btn" type="submit">
              {t('collective.addItem')}
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
