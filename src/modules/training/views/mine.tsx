import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { Certificates } from '../certificates.js';
import type { createCatalogue } from '../catalogue.js';
import type { Sessions } from '../sessions.js';
import { day, Where, when } from './sessions-parts.js';

type Registration = Awaited<ReturnType<Sessions['mine']>>[number];
type Certificate = Awaited<ReturnType<Certificates['forUser']>>[number];
type Module = Awaited<ReturnType<ReturnType<typeof createCatalogue>['inProgress']>>[number];

function state(ctx: PageContext, r: Registration): { label: string; kind: string } {
  const { t } = ctx;
  if (r.session_status === 'cancelled') return { label: t('training.mine.state.cancelled'), kind: 'error' };
  if (r.attended === true) return { label: t('training.mine.state.attended'), kind: 'success' };
  if (r.status === 'waiting')
    return { label: t('training.registration.waiting', { position: r.position ?? 1 }), kind: 'warning' };
  if (r.past) return { label: t('training.mine.state.past'), kind: 'info' };
  return { label: t('training.registration.registered'), kind: 'success' };
}

/** "Mes formations": sessions I registered to (and my place on a waiting list), modules under way, certificates. */
export function MinePage({
  ctx,
  registrations,
  certificates,
  modules,
}: {
  ctx: PageContext;
  registrations: readonly Registration[];
  certificates: readonly Certificate[];
  modules: readonly Module[];
}) {
  const { t } = ctx;
  const title = t('training.mine.title');
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={[[t('nav.pro'), '/pro'], [title]]}>
      <h1>{title}</h1>
      <p class="fr-text--lead">{t('training.mine.lead')}</p>
      <p>
        <a class="fr-btn fr-btn--secondary fr-icon-search-line fr-btn--icon-left" href="/formations">
          {t('training.mine.browse')}
        </a>
      </p>

      <h2>{t('training.mine.sessions')}</h2>
      {registrations.length === 0 ? <p>{t('training.mine.noSessions')}</p> : null}
      <ul class="relais-cards">
        {registrations.map((r) => {
          const s = state(ctx, r);
          return (
            <li key={r.session_id} class="relais-card">
              <p class={`fr-badge fr-badge--sm fr-badge--${s.kind} fr-mb-1w`}>{s.label}</p>
              <h3 class="fr-h6 fr-mb-1w">
                <a href={`/formations/${r.slug}#session-${r.session_id}`}>{r.title}</a>
              </h3>
              <p class="fr-mb-1w">{when(ctx.locale, r.starts_at, r.ends_at)}</p>
              <p class="fr-text--sm fr-mb-0">
                <Where ctx={ctx} session={r} />
              </p>
            </li>
          );
        })}
      </ul>

      {modules.length > 0 ? (
        <>
          <h2>{t('training.mine.modules')}</h2>
          <ul class="relais-cards">
            {modules.map((m) => (
              <li key={m.slug} class="relais-card">
                <h3 class="fr-h6 fr-mb-1w">
                  <a href={`/formations/${m.slug}/cours`}>{m.title}</a>
                </h3>
                <p class="fr-text--sm fr-mb-0">
                  {t('training.mine.progress', { count: m.done, total: m.total })}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t('training.mine.certificates')}</h2>
      {certificates.length === 0 ? <p>{t('training.mine.noCertificates')}</p> : null}
      <ul>
        {certificates.map((c) => (
          <li key={c.id} class="fr-mb-1w">
            <a
              class="fr-link fr-icon-download-line fr-link--icon-left"
              href={`/formations/attestations/${c.id}/pdf`}
              download
            >
              {t('training.mine.certificate', { title: c.title, date: day(ctx.locale, c.issued_at) })}
            </a>{' '}
            <span class="fr-text--sm">({t(`training.mine.kind.${c.kind}`)}, PDF)</span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
