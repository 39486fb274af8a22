import { formatParis } from '../../../platform/time/paris.js';
import { Notice } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { AlertSummary } from '../schemas.js';

const STATUS_BADGE: Record<string, string> = { open: 'error', acknowledged: 'warning', in_progress: 'info', closed: 'success' };

export function StatusBadge({ ctx, status }: { ctx: PageContext; status: string }) {
  return <span class={`fr-badge fr-badge--sm fr-badge--${STATUS_BADGE[status] ?? 'info'}`}>{ctx.t(`alerts.status.${status}`)}</span>;
}

/** The cards of a list; rendered alone for the live refresh (GET /pro/alertes/liste). */
export function AlertCards({ ctx, alerts, now, view }: { ctx: PageContext; alerts: readonly AlertSummary[]; now: Date; view: string }) {
  const { t } = ctx;
  if (alerts.length === 0) return <p class="fr-mt-2w">{t(`alerts.list.empty.${view}`)}</p>;
  return (
    <ul class="relais-alerts">
      {alerts.map((a) => {
        const deadline = a.myDeadlineAt ? new Date(a.myDeadlineAt) : null;
        const late = deadline !== null && deadline <= now;
        return (
          <li key={a.id} class={`relais-alert${late ? ' relais-alert--late' : ''}`} data-alert-id={a.id}>
            <p class="relais-alert__title">
              <a href={`/pro/alertes/${a.id}`}>{a.reference}</a> <StatusBadge ctx={ctx} status={a.status} />
              {a.immediateDanger ? <span class="fr-badge fr-badge--sm fr-badge--error fr-badge--no-icon fr-ml-1w">{t('alerts.badges.danger')}</span> : null}
              {a.hasMinor ? <span class="fr-badge fr-badge--sm fr-badge--new fr-ml-1w">{t('alerts.badges.minor')}</span> : null}
              {a.escalationLevel > 0 ? <span class="fr-badge fr-badge--sm fr-badge--warning fr-ml-1w">{t('alerts.badges.escalated', { level: a.escalationLevel })}</span> : null}
            </p>
            <p class="fr-text--sm fr-mb-0">
              {t(`alerts.contexts.${a.context}`)} · {a.airport ? `${t('alerts.place.airport')} ${a.airport}` : `${t('alerts.place.departementShort')} ${a.departement}`} ·{' '}
              {t('alerts.list.persons', { count: a.personCount })} · {t('alerts.list.received', { at: formatParis(new Date(a.createdAt), ctx.locale) })}
            </p>
            {deadline ? (
              <p class={`fr-text--sm fr-mb-0 ${late ? 'relais-late' : ''}`}>
                {late ? t('alerts.list.late', { at: formatParis(deadline, ctx.locale) }) : t('alerts.list.deadline', { at: formatParis(deadline, ctx.locale) })}
              </p>
            ) : null}
            {a.leadDesk ? <p class="fr-text--sm fr-mb-0">{t('alerts.list.lead', { desk: a.leadDesk })}</p> : null}
            {a.outcome ? <p class="fr-text--sm fr-mb-0">{t('alerts.list.outcome', { outcome: t(`alerts.outcomes.${a.outcome}`) })}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}

export function AlertListPage({
  ctx,
  view,
  views,
  openOnly,
  alerts,
  now,
  desks,
}: {
  ctx: PageContext;
  view: string;
  views: readonly string[];
  openOnly: boolean;
  alerts: readonly AlertSummary[];
  now: Date;
  desks: ReadonlyArray<{ name: string }>;
}) {
  const { t } = ctx;
  const query = (v: string, open: boolean) => `/pro/alertes?vue=${v}&statut=${open ? 'ouvertes' : 'toutes'}`;
  return (
    <Layout ctx={ctx} title={t('alerts.list.title')} space="pro" breadcrumb={[[t('nav.pro'), '/pro'], [t('alerts.list.title')]]}>
      <h1>{t('alerts.list.title')}</h1>
      {desks.length > 0 ? <p>{t('alerts.list.myDesks', { desks: desks.map((d) => d.name).join(', ') })}</p> : null}
      {views.length > 1 ? (
        <nav class="fr-mb-2w" aria-label={t('alerts.list.viewsLabel')}>
          <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm">
            {views.map((v) => (
              <li key={v}>
                <a class={`fr-btn fr-btn--sm ${v === view ? '' : 'fr-btn--secondary'}`} href={query(v, openOnly)} aria-current={v === view ? 'page' : undefined}>
                  {t(`alerts.list.views.${v}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <p>
        <a class="fr-link" href={query(view, !openOnly)}>
          {openOnly ? t('alerts.list.showAll') : t('alerts.list.showOpen')}
        </a>
      </p>
      <p class="fr-sr-only" aria-live="polite" data-live-announce />
      <div id="liste-alertes" data-live-list={`/pro/alertes/liste?vue=${view}&statut=${openOnly ? 'ouvertes' : 'toutes'}`}>
        <AlertCards ctx={ctx} alerts={alerts} now={now} view={view} />
      </div>
      <Notice kind="info">{t('alerts.list.live')}</Notice>
      <script src="/static/alerts-live.js" defer />
    </Layout>
  );
}
