import { formatParis } from '../../../platform/time/paris.js';
import { Csrf, Notice } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { CaseSummary, Referral } from '../schemas.js';

export function CaseStatus({ ctx, status }: { ctx: PageContext; status: string }) {
  const kind = { open: 'info', closed: 'success', anonymised: 'new' }[status] ?? 'info';
  return <span class={`fr-badge fr-badge--sm fr-badge--${kind}`}>{ctx.t(`cases.statuses.${status}`)}</span>;
}

export function CaseCards({ ctx, cases }: { ctx: PageContext; cases: readonly CaseSummary[] }) {
  const { t } = ctx;
  return (
    <ul class="relais-cards">
      {cases.map((c) => (
        <li key={c.id} class="relais-card">
          <p class="relais-card__title">
            <a href={`/pro/dossiers/${c.id}`}>{c.reference}</a> <CaseStatus ctx={ctx} status={c.status} />{' '}
            {c.minor ? <span class="fr-badge fr-badge--sm fr-badge--new">{t('cases.minor')}</span> : null}
          </p>
          <p class="fr-text--sm fr-mb-0">
            {t(`cases.genders.${c.gender}`)}
            {c.age !== null ? ` · ${t('cases.age', { age: c.age })}` : ''} · {c.leadOrganisation}
            {c.pilotTags.length > 0
              ? ` · ${c.pilotTags.map((tag) => t(`cases.tags.${tag}`, { defaultValue: tag })).join(', ')}`
              : ''}
          </p>
          {c.nextDate ? (
            <p class="fr-text--sm fr-mb-0">
              <strong>
                {t('cases.list.next', {
                  kind: t(`cases.kinds.${c.nextDate.kind}`),
                  on: formatDate(c.nextDate.on, ctx.locale),
                })}
              </strong>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function formatDate(date: string, locale: 'fr' | 'en'): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

export function CaseListPage({
  ctx,
  cases,
  incoming,
  canOpen,
  coordinator,
  status,
  alerts,
}: {
  ctx: PageContext;
  alerts: ReadonlyArray<{
    id: string;
    reference: string;
    createdAt: string;
    hasMinor: boolean;
    departement: string;
    context: string;
  }>;
  cases: readonly CaseSummary[];
  incoming: readonly Referral[];
  canOpen: boolean;
  coordinator: boolean;
  status: 'open' | 'closed' | 'all';
}) {
  const { t } = ctx;
  const title = t('cases.list.title');
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={[[t('nav.pro'), '/pro'], [title]]}>
      <h1>{title}</h1>
      <p>{coordinator && !canOpen ? t('cases.list.introCoordinator') : t('cases.list.intro')}</p>
      {incoming.length > 0 ? (
        <section class="fr-mb-4w" aria-labelledby="orientations">
          <h2 id="orientations">{t('cases.referrals.incoming', { count: incoming.length })}</h2>
          <ul class="relais-cards">
            {incoming.map((r) => (
              <li key={r.id} class="relais-card relais-card--action">
                <p class="relais-card__title">
                  {r.reference} · {t(`cases.referrals.kinds.${r.kind}`)}
                </p>
                <p class="fr-text--sm">
                  {t('cases.referrals.line', {
                    from: r.from,
                    parts: r.parts.map((p) => t(`cases.parts.${p}`)).join(', '),
                    at: formatParis(new Date(r.createdAt), ctx.locale),
                  })}
                </p>
                <div class="relais-actions">
                  <form method="post" action={`/pro/orientations/${r.id}/accepter`}>
                    <Csrf ctx={ctx} />
                    <button class="fr-btn fr-btn--sm" type="submit">
                      {t('cases.referrals.accept')}
                    </button>
                  </form>
                  <form method="post" action={`/pro/orientations/${r.id}/refuser`} class="relais-quick-form">
                    <Csrf ctx={ctx} />
                    <div class="fr-input-group">
                      <label class="fr-label" for={`refus-${r.id}`}>
                        {t('cases.referrals.refuseReason')}
                      </label>
                      <input class="fr-input" id={`refus-${r.id}`} name="reason" maxLength={500} />
                    </div>
                    <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                      {t('cases.referrals.refuse')}
                    </button>
                  </form>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {alerts.length > 0 ? (
        <section class="fr-mb-4w" aria-labelledby="alertes-recues">
          <h2 id="alertes-recues">{t('cases.list.alerts', { count: alerts.length })}</h2>
          <ul class="relais-cards">
            {alerts.map((a) => (
              <li key={a.id} class="relais-card relais-card--action">
                <p class="relais-card__title">
                  {a.reference}{' '}
                  {a.hasMinor ? (
                    <span class="fr-badge fr-badge--sm fr-badge--new">{t('cases.minor')}</span>
                  ) : null}
                </p>
                <p class="fr-text--sm">
                  {t(`alerts.contexts.${a.context}`)} · {a.departement} ·{' '}
                  {formatParis(new Date(a.createdAt), ctx.locale)}
                </p>
                <a class="fr-btn fr-btn--sm" href={`/pro/dossiers/nouveau?alerte=${a.id}`}>
                  {t('cases.list.openFromAlert')}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {canOpen ? (
        <p>
          <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/pro/dossiers/nouveau">
            {t('cases.list.open')}
          </a>
        </p>
      ) : null}
      <nav class="fr-mb-2w" aria-label={t('cases.list.filter')}>
        <ul class="fr-tags-group">
          {(['open', 'closed', 'all'] as const).map((s) => (
            <li key={s}>
              <a
                class="fr-tag"
                href={`/pro/dossiers?statut=${s}`}
                aria-current={s === status ? 'page' : undefined}
              >
                {t(`cases.list.status.${s}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {cases.length === 0 ? (
        <Notice kind="info">{t('cases.list.empty')}</Notice>
      ) : (
        <CaseCards ctx={ctx} cases={cases} />
      )}
      {coordinator ? (
        <p>
          <a class="fr-link" href="/pro/dossiers/indicateurs">
            {t('cases.indicators.title')}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
