import { toParisLocalInput } from '../../../platform/time/paris.js';
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
import { agendaText } from '../agenda.js';
import { MEETING_KINDS, type Meetings } from '../meetings.js';

type Values = Record<string, string | undefined>;
type Form = { values: Values; errors: FieldErrors } | undefined;
type MeetingRow = Awaited<ReturnType<Meetings['list']>>[number];

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
