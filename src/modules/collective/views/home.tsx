import { Table } from '../../../platform/views/components.js';
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
