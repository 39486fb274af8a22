import type { Departement } from '../../../platform/geo/index.js';
import {
  CheckboxGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Notice,
  Select,
  Table,
  TextArea,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { DepartementMap, type MapCell } from '../../../platform/views/departement-map.js';
import { Layout } from '../../../platform/views/layout.js';
import { EXPLOITATION_FORMS, languageName, languageOptions } from '../../reference/index.js';
import { MAX_PLACES, type Place } from '../places.js';
import { DIRECTORY_PUBLICS, SERVICE_TYPES } from '../reference.js';

export interface MapFilterValues {
  departement?: string | undefined;
  public?: string | undefined;
  exploitation?: string | undefined;
  type?: string | undefined;
  langue?: string | undefined;
  q?: string | undefined;
  ouvert?: string | undefined;
}

function PlaceCard({ ctx, place }: { ctx: PageContext; place: Place }) {
  const { t } = ctx;
  return (
    <li class="relais-card">
      <h3 class="fr-h6 fr-mb-1v">
        <a href={`/carte/lieux/${place.id}`}>{place.service}</a>
      </h3>
      <p class="fr-text--sm fr-mb-1v">
        {place.organisation} · {t(`directory.types.${place.type}`)}
      </p>
      <p class="fr-text--sm fr-mb-1v">
        {[place.address, [place.postalCode, place.commune].filter(Boolean).join(' ')]
          .filter(Boolean)
          .join(', ') || t('directory.noAddress')}
        {place.departement ? ` (${place.departement})` : ''}
      </p>
      <p class="fr-text--sm fr-mb-0">
        {place.publics.map((p) => t(`directory.publics.${p}`)).join(', ')}
        {place.languages.length > 0
          ? ` · ${place.languages.map((l) => languageName(l, ctx.locale)).join(', ')}`
          : ''}
        {place.openNow === true ? (
          <span class="fr-badge fr-badge--sm fr-badge--success fr-ml-1w">{t('directory.openNow')}</span>
        ) : null}
      </p>
    </li>
  );
}

export function MapPage({
  ctx,
  values,
  places,
  departements,
  errors,
  query,
  tilesUrl,
}: {
  ctx: PageContext;
  tilesUrl: string;
  values: MapFilterValues;
  places: readonly Place[];
  departements: readonly Departement[];
  errors?: FieldErrors | undefined;
  query: string;
}) {
  const { t } = ctx;
  const title = t('directory.map.title');
  return (
    <Layout ctx={ctx} title={title} space="public" breadcrumb={[[title]]}>
      <h1>{title}</h1>
      <p>{t('directory.map.intro')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="get" action="/carte" class="fr-mb-4w">
        <TextInput
          name="q"
          label={t('directory.filters.q')}
          hint={t('directory.filters.qHint')}
          value={values.q}
          errors={errors}
          type="search"
          maxLength={200}
        />
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-4">
            <Select
              name="departement"
              label={t('directory.filters.departement')}
              value={values.departement}
              options={departements.map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }))}
              placeholder={t('directory.filters.all')}
              errors={errors}
            />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <Select
              name="public"
              label={t('directory.filters.public')}
              value={values.public}
              options={DIRECTORY_PUBLICS.map((p) => ({ value: p, label: t(`directory.publics.${p}`) }))}
              placeholder={t('directory.filters.all')}
              errors={errors}
            />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <Select
              name="type"
              label={t('directory.filters.type')}
              value={values.type}
              options={SERVICE_TYPES.map((s) => ({ value: s, label: t(`directory.types.${s}`) }))}
              placeholder={t('directory.filters.all')}
              errors={errors}
            />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <Select
              name="exploitation"
              label={t('directory.filters.exploitation')}
              value={values.exploitation}
              options={EXPLOITATION_FORMS.map((f) => ({ value: f, label: t(`exploitation.${f}`) }))}
              placeholder={t('directory.filters.all')}
              errors={errors}
            />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <Select
              name="langue"
              label={t('directory.filters.language')}
              value={values.langue}
              options={languageOptions(ctx.locale)}
              placeholder={t('directory.filters.all')}
              errors={errors}
            />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <CheckboxGroup
              name="ouvert"
              label={t('directory.filters.when')}
              values={values.ouvert ? ['oui'] : []}
              options={[{ value: 'oui', label: t('directory.filters.openNow') }]}
            />
          </div>
        </div>
        <button class="fr-btn fr-icon-search-line fr-btn--icon-left" type="submit" id="carte-afficher">
          {t('directory.filters.submit')}
        </button>
      </form>
      <section aria-labelledby="resultats">
        <h2 id="resultats">{t('directory.map.results', { count: places.length })}</h2>
        {/* The map adds to the list (which stays the reference): drawn by /static/carte.js when scripts run. */}
        <link rel="stylesheet" href="/vendor/leaflet/leaflet.css" />
        <link rel="stylesheet" href="/vendor/markercluster/MarkerCluster.css" />
        <link rel="stylesheet" href="/vendor/markercluster/MarkerCluster.Default.css" />
        <section
          id="carte-map"
          class="relais-leaflet fr-mb-2w"
          aria-label={t('directory.map.mapLabel')}
          data-geojson={`/api/v1/directory/places.geojson${query ? `?${query}` : ''}`}
          data-tiles={tilesUrl}
          data-max={String(MAX_PLACES)}
          data-attribution={t('directory.map.attribution')}
          hidden
        />
        <script src="/vendor/leaflet/leaflet.js" defer />
        <script src="/vendor/markercluster/leaflet.markercluster.js" defer />
        <script src="/static/carte.js" defer />
        <p>
          <a
            class="fr-link fr-icon-download-line fr-link--icon-left fr-mr-3w"
            href={`/carte.csv${query ? `?${query}` : ''}`}
            download
          >
            {t('directory.map.csv')}
          </a>
          <a class="fr-link" href="/carte/departements">
            {t('directory.map.byDepartement')}
          </a>
        </p>
        {places.length === 0 ? <Notice kind="info">{t('directory.map.none')}</Notice> : null}
        <ul class="relais-cards">
          {places.map((p) => (
            <PlaceCard key={p.id} ctx={ctx} place={p} />
          ))}
        </ul>
      </section>
    </Layout>
  );
}

export function PlacePage({
  ctx,
  place,
  stale,
  reported,
  errors,
  message,
}: {
  ctx: PageContext;
  place: Place;
  /** Not verified for 12 months. */
  stale: boolean;
  reported?: boolean;
  errors?: FieldErrors | undefined;
  message?: string | undefined;
}) {
  const { t } = ctx;
  const facts: Array<[string, string | null]> = [
    [t('directory.place.organisation'), place.organisation],
    [t('directory.place.type'), t(`directory.types.${place.type}`)],
    [
      t('directory.place.address'),
      [place.address, [place.postalCode, place.commune].filter(Boolean).join(' ')]
        .filter(Boolean)
        .join(', ') || null,
    ],
    [t('directory.place.publics'), place.publics.map((p) => t(`directory.publics.${p}`)).join(', ') || null],
    [
      t('directory.place.exploitation'),
      place.exploitation.map((f) => t(`exploitation.${f}`)).join(', ') || null,
    ],
    [
      t('directory.place.languages'),
      place.languages.map((l) => languageName(l, ctx.locale)).join(', ') || null,
    ],
    [t('directory.place.hours'), place.openingHours],
    [t('directory.place.phone'), place.phone],
    [t('directory.place.email'), place.email],
    [t('directory.place.url'), place.url],
    [
      t('directory.place.verified'),
      place.lastVerifiedAt ? place.lastVerifiedAt.slice(0, 10) : t('directory.place.notVerified'),
    ],
  ];
  return (
    <Layout
      ctx={ctx}
      title={place.service}
      space="public"
      breadcrumb={[[t('directory.map.title'), '/carte'], [place.service]]}
    >
      <h1>{place.service}</h1>
      {place.openNow === true ? <p class="fr-badge fr-badge--success">{t('directory.openNow')}</p> : null}
      {stale ? <Notice kind="warning">{t('directory.place.stale')}</Notice> : null}
      {reported ? <Notice kind="success">{t('directory.place.reported')}</Notice> : null}
      <p>{place.description}</p>
      <dl class="relais-facts">
        {facts
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </>
          ))}
      </dl>
      <section class="fr-mt-4w" aria-labelledby="signaler">
        <h2 id="signaler" class="fr-h5">
          {t('directory.place.reportTitle')}
        </h2>
        <ErrorSummary ctx={ctx} errors={errors} />
        <form method="post" action={`/carte/lieux/${place.id}/signaler`} novalidate>
          <Csrf ctx={ctx} />
          <TextArea
            name="message"
            label={t('directory.place.reportLabel')}
            hint={t('directory.place.reportHint')}
            value={message}
            errors={errors}
            rows={3}
            required
          />
          <button class="fr-btn fr-btn--secondary" type="submit">
            {t('directory.place.reportSubmit')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

export function DepartementsPage({
  ctx,
  counts,
  departements,
}: {
  ctx: PageContext;
  counts: ReadonlyMap<string, number>;
  departements: readonly Departement[];
}) {
  const { t } = ctx;
  const title = t('directory.departements.title');
  const shade = (n: number): MapCell['shade'] =>
    n === 0 ? 'q-none' : n === 1 ? 'q-1' : n <= 4 ? 'q-2' : n <= 9 ? 'q-3' : 'q-4';
  const cells = new Map<string, MapCell>(
    departements.map((d) => [
      d.code,
      {
        shade: shade(counts.get(d.code) ?? 0),
        title: t('directory.departements.cell', {
          name: d.name,
          code: d.code,
          count: counts.get(d.code) ?? 0,
        }),
      },
    ]),
  );
  return (
    <Layout
      ctx={ctx}
      title={title}
      space="public"
      breadcrumb={[[t('directory.map.title'), '/carte'], [title]]}
    >
      <h1>{title}</h1>
      <p>{t('directory.departements.intro')}</p>
      <DepartementMap
        label={t('directory.departements.mapLabel')}
        cells={cells}
        hrefFor={(code) => `/carte?departement=${code}`}
        legend={(['q-none', 'q-1', 'q-2', 'q-3', 'q-4'] as const).map((s) => ({
          shade: s,
          label: t(`directory.departements.legend.${s}`),
        }))}
        credit={t('capacity.mapCredit')}
      />
      <Table
        caption={t('directory.departements.table')}
        headers={[t('directory.departements.departement'), t('directory.departements.places')]}
        rows={departements
          .filter((d) => (counts.get(d.code) ?? 0) > 0)
          .map((d) => [
            <a href={`/carte?departement=${d.code}`}>{`${d.name} (${d.code})`}</a>,
            counts.get(d.code) ?? 0,
          ])}
      />
    </Layout>
  );
}
