import type { AgendaItem } from '../../platform/db/schema-steering.js';
import { formatParis, toParisLocalInput } from '../../platform/time/paris.js';
import {
  CheckboxGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Select,
  Table,
  TextArea,
  TextInput,
} from '../../platform/views/components.js';
import type { PageContext } from '../../platform/views/context.js';
import { Layout } from '../../platform/views/layout.js';
import { agendaText, MEETING_KINDS, type Meetings } from './meetings.js';

type Values = Record<string, string | undefined>;
type Form = { values: Values; errors: FieldErrors } | undefined;
type Detail = Awaited<ReturnType<Meetings['detail']>>;
type MeetingRow = Awaited<ReturnType<Meetings['list']>>[number];

const longDay = (d: Date, locale: 'fr' | 'en') =>
  new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/Paris',
  }).format(d);
const timeOf = (d: Date, locale: 'fr' | 'en') =>
  new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(d);

/** "5 juillet 2018" for a day without hours, "14 septembre 2018, 10:00 – 12:30" otherwise (Paris time). */
export function whenOf(m: { starts_at: Date; ends_at: Date; all_day: boolean }, locale: 'fr' | 'en') {
  if (m.all_day) {
    const last = new Date(m.ends_at.getTime() - 1);
    const first = longDay(m.starts_at, locale);
    return longDay(last, locale) === first ? first : `${first} – ${longDay(last, locale)}`;
  }
  const sameDay = longDay(m.starts_at, locale) === longDay(m.ends_at, locale);
  return sameDay
    ? `${longDay(m.starts_at, locale)}, ${timeOf(m.starts_at, locale)} – ${timeOf(m.ends_at, locale)}`
    : `${formatParis(m.starts_at, locale, 'medium')} – ${formatParis(m.ends_at, locale, 'medium')}`;
}

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

export function CollectivePage({
  ctx,
  members,
  followUp,
  meetings,
  organise,
  feedUrl,
}: {
  ctx: PageContext;
  members: Awaited<ReturnType<Meetings['members']>>;
  followUp: Awaited<ReturnType<Meetings['followUp']>>;
  meetings: readonly MeetingRow[];
  organise: boolean;
  feedUrl: string;
}) {
  const { t, locale } = ctx;
  const title = t('collective.title');
  return (
    <Layout ctx={ctx} title={title} space="pilotage" breadcrumb={[[t('nav.pilotage'), '/pilotage'], [title]]}>
      <h1>{title}</h1>
      <p class="fr-text--lead">{t('collective.lead')}</p>
      {organise ? (
        <p>
          <a class="fr-btn" href="/collectif/reunions/nouvelle">
            {t('collective.newMeeting')}
          </a>
        </p>
      ) : null}
      <section aria-labelledby="a-suivre">
        <h2 id="a-suivre">{t('collective.followUp')}</h2>
        {followUp.upcoming.length === 0 && followUp.actions.length === 0 ? (
          <p>{t('collective.nothingToFollow')}</p>
        ) : null}
        <ul>
          {followUp.upcoming.map((m) => (
            <li key={m.id}>
              <a href={`/collectif/reunions/${m.id}`}>{m.title}</a> — {whenOf(m, locale)}
              {m.place ? `, ${m.place}` : ''}
            </li>
          ))}
          {followUp.actions.map((a) => (
            <li key={a.id}>
              {a.text} — {a.owner ?? '—'}
              {a.due_on ? `, ${t('collective.due', { date: a.due_on })}` : ''} (
              <a href={`/collectif/reunions/${a.meeting_id}`}>{a.meeting}</a>)
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="reunions">
        <h2 id="reunions">{t('collective.meetings')}</h2>
        <Table
          caption={t('collective.meetings')}
          captionHidden
          headers={[
            t('collective.fields.startsAt'),
            t('collective.fields.title'),
            t('collective.fields.kind'),
            t('collective.fields.status'),
          ]}
          rows={meetings.map((m) => [
            whenOf(m, locale),
            <a href={`/collectif/reunions/${m.id}`}>{m.title}</a>,
            t(`collective.kinds.${m.kind}`),
            t(`collective.statuses.${m.status}`),
          ])}
        />
        <p>
          <a class="fr-link" href="/collectif/calendrier.ics">
            {t('collective.calendar')}
          </a>
        </p>
        <p class="fr-text--sm">
          {t('collective.feedHelp')} <code>{feedUrl}</code>
        </p>
      </section>
      <section aria-labelledby="membres">
        <h2 id="membres">{t('collective.members', { count: members.length })}</h2>
        <ul>
          {members.map((m) => (
            <li key={m.id}>{m.name}</li>
          ))}
        </ul>
      </section>
    </Layout>
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
        <Table
          caption={t('collective.actions')}
          captionHidden
          headers={[
            t('collective.fields.action'),
            t('collective.fields.owner'),
            t('collective.fields.due'),
            t('collective.fields.status'),
          ]}
          rows={actions.map((a) => [
            a.text,
            a.owner ?? '—',
            a.due_on ?? '—',
            a.done_on ? (
              t('collective.done', { date: a.done_on })
            ) : organise ? (
              <form method="post" action={`${base}/points/${a.id}/fait`}>
                <Csrf ctx={ctx} />
                <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                  {t('collective.markDone')}
                </button>
              </form>
            ) : (
              t('collective.open')
            ),
          ])}
        />
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

export function MeetingFormPage({
  ctx,
  meeting,
  others,
  form,
}: {
  ctx: PageContext;
  meeting: MeetingRow | null;
  others: readonly MeetingRow[];
  form?: Form;
}) {
  const { t } = ctx;
  const title = meeting ? t('collective.editMeeting') : t('collective.newMeeting');
  const v: Values =
    form?.values ??
    (meeting
      ? {
          kind: meeting.kind,
          title: meeting.title,
          startsAt: toParisLocalInput(meeting.starts_at),
          endsAt: toParisLocalInput(
            meeting.all_day ? new Date(meeting.ends_at.getTime() - 3_600_000) : meeting.ends_at,
          ),
          allDay: meeting.all_day ? 'yes' : undefined,
          place: meeting.place,
          agenda: agendaText(meeting.agenda),
          summary: meeting.summary,
          minutes: meeting.minutes,
          status: meeting.status,
          nextMeetingId: meeting.next_meeting_id ?? '',
        }
      : { kind: 'plenary', status: 'planned' });
  return (
    <Layout
      ctx={ctx}
      title={title}
      space="pilotage"
      breadcrumb={[[t('nav.pilotage'), '/pilotage'], [t('collective.title'), '/collectif'], [title]]}
    >
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <h1>{title}</h1>
      <form
        method="post"
        action={meeting ? `/collectif/reunions/${meeting.id}/modifier` : '/collectif/reunions'}
      >
        <Csrf ctx={ctx} />
        <Select
          name="kind"
          label={t('collective.fields.kind')}
          required
          errors={form?.errors}
          value={v.kind}
          options={MEETING_KINDS.map((k) => ({ value: k, label: t(`collective.kinds.${k}`) }))}
        />
        <TextInput
          name="title"
          label={t('collective.fields.title')}
          required
          errors={form?.errors}
          value={v.title}
          maxLength={300}
        />
        <TextInput
          name="startsAt"
          type="datetime-local"
          label={t('collective.fields.startsAt')}
          hint={t('collective.fields.parisTime')}
          required
          errors={form?.errors}
          value={v.startsAt}
        />
        <TextInput
          name="endsAt"
          type="datetime-local"
          label={t('collective.fields.endsAt')}
          required
          errors={form?.errors}
          value={v.endsAt}
        />
        <CheckboxGroup
          name="allDay"
          label={t('collective.fields.allDay')}
          values={v.allDay ? ['yes'] : []}
          options={[{ value: 'yes', label: t('collective.allDay') }]}
        />
        <TextInput
          name="place"
          label={t('collective.fields.place')}
          errors={form?.errors}
          value={v.place}
          maxLength={300}
        />
        <TextArea
          name="agenda"
          label={t('collective.agenda')}
          hint={t('collective.fields.agendaHint')}
          errors={form?.errors}
          value={v.agenda}
          rows={8}
        />
        <TextArea
          name="summary"
          label={t('collective.summary')}
          errors={form?.errors}
          value={v.summary}
          rows={6}
        />
        <TextArea
          name="minutes"
          label={t('collective.minutes')}
          hint={t('collective.fields.minutesHint')}
          errors={form?.errors}
          value={v.minutes}
          rows={12}
        />
        <Select
          name="status"
          label={t('collective.fields.status')}
          required
          errors={form?.errors}
          value={v.status}
          options={['planned', 'held', 'cancelled'].map((s) => ({
            value: s,
            label: t(`collective.statuses.${s}`),
          }))}
        />
        <Select
          name="nextMeetingId"
          label={t('collective.next')}
          errors={form?.errors}
          value={v.nextMeetingId}
          placeholder={t('collective.noNext')}
          options={others.filter((o) => o.id !== meeting?.id).map((o) => ({ value: o.id, label: o.title }))}
        />
        <button class="fr-btn" type="submit">
          {t('forms.save')}
        </button>
      </form>
    </Layout>
  );
}
