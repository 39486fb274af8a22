import type { Departement } from '../../../platform/geo/index.js';
import {
  DepartementMap,
  type MapCell,
  MAPPED_DEPARTEMENTS,
} from '../../../platform/views/departement-map.js';
import { Notice, Select, Table } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { PUBLICS } from '../reference.js';
import type { CapacityResponse, CapacityRow } from '../schemas.js';

type Figures = Omit<CapacityRow, 'departement' | 'public'>;

function sum(rows: readonly Figures[]): Figures {
  const total: Figures = { offers: 0, capacity: 0, free: 0, occupied: 0, held: 0, stale: 0, paused: 0 };
  for (const r of rows) for (const k of Object.keys(total) as Array<keyof Figures>) total[k] += r[k];
  return total;
}

/** Shade of a département by its free places: none offered, none free (a gap), then 1, 2–4, 5–9, 10 and more. */
function shade(figures: Figures | undefined): MapCell['shade'] {
  if (!figures || figures.offers === 0) return 'q-none';
  if (figures.free === 0) return 'q-0';
  if (figures.free === 1) return 'q-1';
  if (figures.free <= 4) return 'q-2';
  if (figures.free <= 9) return 'q-3';
  return 'q-4';
}

export function CapacityPage({
  ctx,
  report,
  departements,
  filter,
}: {
  ctx: PageContext;
  report: CapacityResponse;
  departements: readonly Departement[];
  filter: { departement?: string | undefined; public?: string | undefined };
}) {
  const { t } = ctx;
  const title = t('capacity.title');
  const names = new Map(departements.map((d) => [d.code, d.name]));
  const own = report.scope === 'own';
  const rows = filter.public ? report.rows.filter((r) => r.public === filter.public) : report.rows;
  const byDepartement = new Map<string, CapacityRow[]>();
  for (const row of rows)
    byDepartement.set(row.departement, [...(byDepartement.get(row.departement) ?? []), row]);
  const cells = new Map<string, MapCell>();
  for (const [code, list] of byDepartement) {
    const figures = sum(list);
    cells.set(code, {
      shade: shade(figures),
      title: t('capacity.mapTitle', {
        name: names.get(code) ?? code,
        code,
        free: figures.free,
        capacity: figures.capacity,
        occupied: figures.occupied,
        held: figures.held,
      }),
    });
  }
  const overseas = [...byDepartement.keys()].filter((code) => !MAPPED_DEPARTEMENTS.has(code));
  const query = new URLSearchParams({
    ...(filter.departement ? { departement: filter.departement } : {}),
    ...(filter.public ? { public: filter.public } : {}),
  }).toString();
  const figures = (r: Figures) => [r.capacity, r.free, r.occupied, r.held, r.stale, r.paused];
  const headers = [
    t('capacity.columns.capacity'),
    t('capacity.columns.free'),
    t('capacity.columns.occupied'),
    t('capacity.columns.held'),
    t('capacity.columns.stale'),
    t('capacity.columns.paused'),
  ];
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={[[t('nav.pro'), '/pro'], [title]]}>
      <h1>{title}</h1>
      <p>{own ? t('capacity.introOwn') : t('capacity.intro')}</p>
      <form method="get" action="/pro/capacite" class="relais-filters">
        <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          {own ? null : (
            <div class="fr-col-12 fr-col-md-5">
              <Select
                name="departement"
                label={t('capacity.filterDepartement')}
                value={filter.departement}
                options={departements.map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }))}
                placeholder={t('capacity.national')}
              />
            </div>
          )}
          <div class="fr-col-12 fr-col-md-4">
            <Select
              name="public"
              label={t('capacity.filterPublic')}
              value={filter.public}
              options={PUBLICS.map((p) => ({ value: p, label: t(`placements.publics.${p}`) }))}
              placeholder={t('capacity.allPublics')}
            />
          </div>
          <div class="fr-col-12 fr-col-md-3 fr-mb-3w">
            <button class="fr-btn fr-btn--secondary" type="submit">
              {t('capacity.apply')}
            </button>
          </div>
        </div>
      </form>
      {report.gaps.length > 0 ? (
        <Notice kind="warning" title={t('capacity.gapsTitle')}>
          <ul>
            {report.gaps.map((g) => (
              <li key={g.public}>
                {g.departement
                  ? t('capacity.gapIn', {
                      public: t(`placements.publics.${g.public}`),
                      departement: names.get(g.departement) ?? g.departement,
                    })
                  : t('capacity.gap', { public: t(`placements.publics.${g.public}`) })}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <h2>{t('capacity.byPublic')}</h2>
      <Table
        caption={t('capacity.byPublic')}
        captionHidden
        headers={[t('capacity.columns.public'), ...headers]}
        rows={report.totals.map((r) => [t(`placements.publics.${r.public}`), ...figures(r)])}
      />
      <p>
        <a
          class="fr-link fr-icon-download-line fr-link--icon-left"
          href={`/pro/capacite.csv${query ? `?${query}` : ''}`}
          download
        >
          {t('capacity.csv')}
        </a>
      </p>
      {own ? null : (
        <>
          <h2>{t('capacity.mapHeading')}</h2>
          <DepartementMap
            label={t('capacity.mapLabel')}
            cells={cells}
            hrefFor={(code) =>
              `/pro/capacite?departement=${code}${filter.public ? `&public=${filter.public}` : ''}`
            }
            legend={(['q-none', 'q-0', 'q-1', 'q-2', 'q-3', 'q-4'] as const).map((s) => ({
              shade: s,
              label: t(`capacity.legend.${s}`),
            }))}
            credit={t('capacity.mapCredit')}
          />
          {overseas.length > 0 ? (
            <p class="fr-text--sm">
              {t('capacity.overseas', { list: overseas.map((c) => names.get(c) ?? c).join(', ') })}
            </p>
          ) : null}
        </>
      )}
      <h2>{t('capacity.byDepartement')}</h2>
      {rows.length === 0 ? (
        <p>{t('capacity.empty')}</p>
      ) : (
        <Table
          caption={t('capacity.byDepartement')}
          captionHidden
          headers={[t('capacity.columns.departement'), t('capacity.columns.public'), ...headers]}
          rows={rows.map((r) => [
            `${names.get(r.departement) ?? r.departement} (${r.departement})`,
            t(`placements.publics.${r.public}`),
            ...figures(r),
          ])}
        />
      )}
    </Layout>
  );
}
