import type { AuditVerification } from '../../../platform/audit/index.js';
import { Csrf, Notice, Table, TextInput } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import type { OutboxEntry } from '../outbox.js';
import { AdminShell } from './shell.js';

function formatDate(ctx: PageContext, date: Date): string {
  return new Intl.DateTimeFormat(ctx.locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Paris' }).format(date);
}

export function OverviewPage({
  ctx,
  overview,
}: {
  ctx: PageContext;
  overview: {
    organisations: number;
    accounts: Record<string, number>;
    queues: Array<{ name: string; queued: number; active: number; failed: number; deadLetter: string | null }>;
    outboxCount: number | undefined;
  };
}) {
  const { t } = ctx;
  const tiles: Array<[string, string, string]> = [
    [t('admin.overview.organisations'), String(overview.organisations), '/admin/organisations'],
    [t('admin.overview.activeAccounts'), String(overview.accounts.active ?? 0), '/admin/utilisateurs?status=active'],
    [t('admin.overview.invitedAccounts'), String(overview.accounts.invited ?? 0), '/admin/utilisateurs?status=invited'],
  ];
  if (overview.outboxCount !== undefined) tiles.push([t('admin.overview.outbox'), String(overview.outboxCount), '/admin/courriels']);
  return (
    <AdminShell ctx={ctx} title={t('admin.overview.title')} current="/admin" breadcrumb={[[t('admin.title')]]}>
      <h1>{t('admin.overview.title')}</h1>
      <div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
        {tiles.map(([label, value, href]) => (
          <div class="fr-col-12 fr-col-sm-6 fr-col-lg-4" key={href}>
            <div class="fr-tile fr-enlarge-link">
              <div class="fr-tile__body">
                <div class="fr-tile__content">
                  <h2 class="fr-tile__title">
                    <a href={href}>{label}</a>
                  </h2>
                  <p class="fr-tile__detail relais-figure">{value}</p>
                </div>
              </div>
            </div>
          </div>
        ))}
      </div>
      {overview.queues.length > 0 ? (
        <Table
          caption={t('admin.overview.queues')}
          headers={[t('admin.overview.queue'), t('admin.overview.queued'), t('admin.overview.active'), t('admin.overview.failed')]}
          rows={overview.queues.map((q) => [q.name, String(q.queued), String(q.active), String(q.failed)])}
        />
      ) : null}
    </AdminShell>
  );
}

export function OutboxPage({ ctx, outbox }: { ctx: PageContext; outbox: { total: number; entries: OutboxEntry[] } | undefined }) {
  const { t } = ctx;
  return (
    <AdminShell ctx={ctx} title={t('admin.outbox.title')} current="/admin/courriels">
      <h1>{t('admin.outbox.title')}</h1>
      {outbox === undefined ? (
        <Notice kind="info">{t('admin.outbox.smtp')}</Notice>
      ) : (
        <>
          <p>{t('admin.outbox.intro', { count: outbox.total })}</p>
          <Table
            caption={t('admin.outbox.caption')}
            headers={[t('admin.outbox.date'), t('admin.outbox.to'), t('admin.outbox.subject')]}
            rows={outbox.entries.map((e) => [
              formatDate(ctx, e.date),
              e.to,
              <a href={`/admin/courriels/${encodeURIComponent(e.name)}`} key="s">
                {e.subject}
              </a>,
            ])}
          />
        </>
      )}
    </AdminShell>
  );
}

export function OutboxMessagePage({ ctx, message }: { ctx: PageContext; message: OutboxEntry & { text: string; headers: Array<[string, string]> } }) {
  const { t } = ctx;
  return (
    <AdminShell ctx={ctx} title={message.subject} current="/admin/courriels" breadcrumb={[[t('admin.title'), '/admin'], [t('admin.outbox.title'), '/admin/courriels'], [message.subject]]}>
      <h1>{message.subject}</h1>
      <dl class="relais-facts">
        <div>
          <dt>{t('admin.outbox.date')}</dt>
          <dd>{formatDate(ctx, message.date)}</dd>
        </div>
        <div>
          <dt>{t('admin.outbox.to')}</dt>
          <dd>{message.to}</dd>
        </div>
        {message.headers.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <pre class="relais-pre">{message.text}</pre>
    </AdminShell>
  );
}

export function AuditPage({
  ctx,
  events,
  filter,
  verification,
}: {
  ctx: PageContext;
  events: Array<{ id: number; occurred_at: Date; action: string; actor_user_id: string | null; target_type: string | null; target_id: string | null; request_id: string | null }>;
  filter: { action?: string | undefined; target?: string | undefined };
  verification?: AuditVerification | undefined;
}) {
  const { t } = ctx;
  const last = events.at(-1);
  return (
    <AdminShell ctx={ctx} title={t('admin.audit.title')} current="/admin/journal">
      <h1>{t('admin.audit.title')}</h1>
      <p>{t('admin.audit.intro')}</p>
      {verification ? (
        verification.ok ? (
          <Notice kind="success" title={t('admin.audit.ok')}>
            {t('admin.audit.okDetail', { count: verification.checked })}
          </Notice>
        ) : (
          <Notice kind="error" title={t('admin.audit.broken', { id: verification.brokenAt })}>
            {verification.reason}
          </Notice>
        )
      ) : null}
      <form method="post" action="/admin/journal/verifier" class="fr-mb-4w">
        <Csrf ctx={ctx} />
        <button class="fr-btn fr-btn--secondary fr-icon-shield-check-line fr-btn--icon-left" type="submit">
          {t('admin.audit.verify')}
        </button>
      </form>
      <form method="get" action="/admin/journal" class="fr-mb-4w">
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-6">
            <TextInput name="action" label={t('admin.audit.action')} hint={t('admin.audit.actionHint')} value={filter.action} />
          </div>
          <div class="fr-col-12 fr-col-md-6">
            <TextInput name="target" label={t('admin.audit.target')} hint={t('admin.audit.targetHint')} value={filter.target} />
          </div>
        </div>
        <button class="fr-btn fr-btn--secondary" type="submit">
          {t('forms.filter')}
        </button>
      </form>
      <Table
        caption={t('admin.audit.caption')}
        headers={['#', t('admin.audit.date'), t('admin.audit.action'), t('admin.audit.actor'), t('admin.audit.target'), t('admin.audit.request')]}
        rows={events.map((e) => [
          String(e.id),
          formatDate(ctx, e.occurred_at),
          <code key="a">{e.action}</code>,
          e.actor_user_id ? <a href={`/admin/utilisateurs/${e.actor_user_id}`} key="u">{e.actor_user_id.slice(0, 8)}</a> : '—',
          e.target_type ? `${e.target_type} ${e.target_id ?? ''}` : '—',
          e.request_id ?? '—',
        ])}
      />
      {last && events.length >= 100 ? (
        <a class="fr-link fr-icon-arrow-right-line fr-link--icon-right" href={`/admin/journal?avant=${last.id}${filter.action ? `&action=${encodeURIComponent(filter.action)}` : ''}`}>
          {t('admin.audit.older')}
        </a>
      ) : null}
    </AdminShell>
  );
}
