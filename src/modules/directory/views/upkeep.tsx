import { formatParis } from '../../../platform/time/paris.js';
import { Csrf, Notice, Table } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { Proposals } from '../proposals.js';
import type { Upkeep } from '../upkeep.js';

export function UpkeepPage({
  ctx,
  worklist,
  proposals,
}: {
  ctx: PageContext;
  worklist: Awaited<ReturnType<Upkeep['worklist']>>;
  proposals: Awaited<ReturnType<Proposals['pending']>>;
}) {
  const { t } = ctx;
  const title = t('directory.upkeep.title');
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={[[t('nav.pro'), '/pro'], [title]]}>
      <h1>{title}</h1>
      <p>
        <a class="fr-link" href="/pro/annuaire/import">
          {t('directory.import.title')}
        </a>
      </p>
      <h2>{t('directory.upkeep.proposals', { count: proposals.length })}</h2>
      {proposals.map((p) => (
        <section key={p.id} class="relais-card relais-card--action fr-mb-2w" aria-label={p.service}>
          <p class="relais-card__title">
            {p.service} · {p.organisation}
          </p>
          <Table
            caption={t('directory.upkeep.diff')}
            captionHidden
            headers={[
              t('directory.upkeep.field'),
              t('directory.upkeep.current'),
              t('directory.upkeep.proposed'),
            ]}
            rows={p.diff.map((d) => [
              t(`directory.mine.fields.${d.field}`),
              d.current ?? '—',
              d.proposed ?? '—',
            ])}
          />
          <div class="relais-actions">
            <form method="post" action={`/pro/annuaire/propositions/${p.id}/accepter`}>
              <Csrf ctx={ctx} />
              <button class="fr-btn fr-btn--sm" type="submit">
                {t('directory.upkeep.accept')}
              </button>
            </form>
            <form method="post" action={`/pro/annuaire/propositions/${p.id}/rejeter`}>
              <Csrf ctx={ctx} />
              <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                {t('directory.upkeep.reject')}
              </button>
            </form>
          </div>
        </section>
      ))}
      <h2>{t('directory.upkeep.reports', { count: worklist.reports.length })}</h2>
      {worklist.reports.length === 0 ? <Notice kind="info">{t('directory.upkeep.noReport')}</Notice> : null}
      <ul class="relais-cards">
        {worklist.reports.map((r) => (
          <li key={r.id} class="relais-card relais-card--action">
            <p class="relais-card__title">
              <a href={`/carte/lieux/${r.place_id}`}>{r.service}</a>
            </p>
            <p class="relais-note fr-text--sm">{r.message}</p>
            <p class="fr-text--xs">{formatParis(r.created_at, ctx.locale)}</p>
            <form method="post" action={`/pro/annuaire/signalements/${r.id}/traite`}>
              <Csrf ctx={ctx} />
              <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                {t('directory.upkeep.close')}
              </button>
            </form>
          </li>
        ))}
      </ul>
      <h2 class="fr-mt-4w">{t('directory.upkeep.stale', { count: worklist.stale.length })}</h2>
      <ul class="relais-cards">
        {worklist.stale.map((s) => (
          <li key={s.id} class="relais-card relais-card--stale">
            <p class="relais-card__title">{s.name}</p>
            <p class="fr-text--sm">
              {s.organisation} ·{' '}
              {s.last_verified_at
                ? t('directory.upkeep.verifiedOn', { at: formatParis(s.last_verified_at, ctx.locale) })
                : t('directory.place.notVerified')}
            </p>
            <form method="post" action={`/pro/annuaire/services/${s.id}/verifie`}>
              <Csrf ctx={ctx} />
              <button class="fr-btn fr-btn--sm" type="submit">
                {t('directory.upkeep.verified')}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
