import { Csrf, ErrorSummary, type FieldErrors, Select, Table } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { Meetings } from '../meetings.js';
import { whenOf } from './when.js';

type MeetingRow = Awaited<ReturnType<Meetings['list']>>[number];

export function CollectivePage({
  ctx,
  members,
  followUp,
  meetings,
  organise,
  feedUrl,
  candidates = [],
  errors,
}: {
  ctx: PageContext;
  members: Awaited<ReturnType<Meetings['members']>>;
  followUp: Awaited<ReturnType<Meetings['followUp']>>;
  meetings: readonly MeetingRow[];
  organise: boolean;
  feedUrl: string;
  candidates?: ReadonlyArray<{ id: string; name: string }>;
  errors?: FieldErrors | undefined;
}) {
  const { t, locale } = ctx;
  const title = t('collective.title');
  return (
    <Layout ctx={ctx} title={title} space="pilotage" breadcrumb={[[t('nav.pilotage'), '/pilotage'], [title]]}>
      <ErrorSummary ctx={ctx} errors={errors} />
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
            <li key={m.id}>
              {m.name}
              {organise ? (
                <form method="post" action={`/collectif/membres/${m.id}/retrait`} class="relais-inline-form">
                  <Csrf ctx={ctx} />{' '}
                  <button class="fr-btn fr-btn--sm fr-btn--tertiary-no-outline" type="submit">
                    {t('collective.removeMember')}
                    <span class="fr-sr-only"> {m.name}</span>
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
        {organise && candidates.length > 0 ? (
          <form method="post" action="/collectif/membres">
            <Csrf ctx={ctx} />
            <Select
              name="organisationId"
              label={t('collective.addMember')}
              required
              errors={errors}
              placeholder={t('forms.choose')}
              options={candidates.map((o) => ({ value: o.id, label: o.name }))}
            />
            <button class="fr-btn fr-btn--secondary" type="submit">
              {t('collective.addMemberButton')}
            </button>
          </form>
        ) : null}
      </section>
    </Layout>
  );
}
