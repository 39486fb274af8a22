import { formatParis } from '../../../platform/time/paris.js';
import {
  CheckboxGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Notice,
  RadioGroup,
  Select,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { languageName, languageOptions } from '../../reference/index.js';
import { DEFAULT_MIN_DISTANCE_KM, PUBLICS, URGENCIES } from '../reference.js';
import type { SearchResponse } from '../schemas.js';

/** The search form's fields as typed (strings), kept on errors and carried into the reservation. */
export interface SearchFormValues {
  alerte?: string | undefined;
  public?: string | undefined;
  age?: string | undefined;
  genre?: string | undefined;
  langue?: string | undefined;
  enfants?: string | undefined;
  lieu?: string | undefined;
  distance?: string | undefined;
  urgence?: string | undefined;
  ecartees?: string | undefined;
}

export function SearchPage({
  ctx,
  values,
  errors,
  response,
  alertReference,
  placeChoices,
}: {
  ctx: PageContext;
  values: SearchFormValues;
  errors?: FieldErrors | undefined;
  response?: SearchResponse | undefined;
  alertReference?: string | undefined;
  placeChoices?: ReadonlyArray<{ code: string; label: string }> | undefined;
}) {
  const { t } = ctx;
  const title = t('placements.search.title');
  return (
    <Layout
      ctx={ctx}
      title={title}
      space="pro"
      breadcrumb={[[t('nav.pro'), '/pro'], [t('placements.list.title'), '/pro/placements'], [title]]}
    >
      <h1>{title}</h1>
      <p>{t('placements.search.intro')}</p>
      {alertReference ? (
        <Notice kind="info">{t('placements.search.fromAlert', { reference: alertReference })}</Notice>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="get" action="/pro/placements/recherche" novalidate>
        {values.alerte ? <input type="hidden" name="alerte" value={values.alerte} /> : null}
        <Select
          name="public"
          label={t('placements.fields.public')}
          value={values.public}
          options={PUBLICS.map((p) => ({ value: p, label: t(`placements.publics.${p}`) }))}
          placeholder={t('forms.choose')}
          errors={errors}
          required
        />
        <div class="fr-grid-row fr-grid-row--gutters fr-mb-1w">
          <div class="fr-col-6">
            <TextInput
              name="age"
              label={t('placements.fields.age')}
              value={values.age}
              type="number"
              inputMode="numeric"
              errors={errors}
            />
          </div>
          <div class="fr-col-6">
            <Select
              name="langue"
              label={t('placements.fields.language')}
              value={values.langue}
              options={languageOptions(ctx.locale)}
              placeholder={t('forms.none')}
              errors={errors}
            />
          </div>
        </div>
        <TextInput
          name="lieu"
          label={t('placements.fields.place')}
          hint={t('placements.fields.placeHint')}
          value={values.lieu}
          errors={errors}
          required
          maxLength={120}
        />
        {placeChoices && placeChoices.length > 0 ? (
          <RadioGroup
            name="lieu"
            id="champ-lieu-choix"
            label={t('placements.search.choosePlace')}
            options={placeChoices.map((c) => ({ value: c.code, label: c.label }))}
          />
        ) : null}
        <TextInput
          name="distance"
          label={t('placements.fields.minDistance')}
          hint={t('placements.fields.minDistanceHint', { km: DEFAULT_MIN_DISTANCE_KM })}
          value={values.distance ?? String(DEFAULT_MIN_DISTANCE_KM)}
          type="number"
          inputMode="numeric"
          errors={errors}
        />
        <RadioGroup
          name="urgence"
          label={t('placements.fields.urgency')}
          value={values.urgence ?? 'within_48h'}
          options={URGENCIES.map((u) => ({ value: u, label: t(`placements.urgencies.${u}`) }))}
          inline
        />
        <CheckboxGroup
          name="enfants"
          label={t('placements.fields.conditions')}
          values={values.enfants ? ['oui'] : []}
          options={[{ value: 'oui', label: t('placements.fields.withChildren') }]}
        />
        <CheckboxGroup
          name="ecartees"
          label={t('placements.search.display')}
          values={values.ecartees ? ['oui'] : []}
          options={[{ value: 'oui', label: t('placements.search.showExcluded') }]}
        />
        <button class="fr-btn fr-icon-search-line fr-btn--icon-left" type="submit">
          {t('placements.search.submit')}
        </button>
      </form>
      {response ? <Results ctx={ctx} values={values} response={response} /> : null}
    </Layout>
  );
}

function Results({
  ctx,
  values,
  response,
}: {
  ctx: PageContext;
  values: SearchFormValues;
  response: SearchResponse;
}) {
  const { t } = ctx;
  return (
    <section class="fr-mt-4w" aria-labelledby="resultats">
      <h2 id="resultats" tabindex={-1}>
        {t('placements.search.results', { count: response.results.length })}
      </h2>
      <p class="fr-text--sm">
        {t('placements.search.criteria', {
          public: t(`placements.publics.${response.criteria.public}`),
          km: response.criteria.minDistanceKm,
          departement: response.criteria.departement,
        })}
      </p>
      {response.results.length === 0 ? <Notice kind="warning">{t('placements.search.none')}</Notice> : null}
      <ul class="relais-cards">
        {response.results.map((r) => (
          <li key={r.offerId} class={`relais-card${r.stale ? ' relais-card--stale' : ''}`}>
            <h3 class="fr-h6 fr-mb-1v">{r.offer}</h3>
            <p class="fr-text--sm fr-mb-1v">
              {r.organisation} ·{' '}
              {r.commune
                ? `${r.commune} (${r.departement})`
                : t('placements.search.secretPlace', { departement: r.departement })}
            </p>
            <p class="fr-mb-1v">
              <strong>{t('placements.places.free', { count: r.freePlaces })}</strong> ·{' '}
              {t('placements.search.distance', { km: r.distanceKm })}
              {r.languages.length > 0
                ? ` · ${r.languages.map((l) => languageName(l, ctx.locale)).join(', ')}`
                : ''}
            </p>
            <ul class="relais-reasons" aria-label={t('placements.search.why')}>
              {r.reasons.map((reason) => (
                <li key={reason}>
                  <span class={`fr-tag fr-tag--sm${reason === 'stale' ? ' relais-tag--warning' : ''}`}>
                    {t(`placements.reasons.${reason}`)}
                  </span>
                </li>
              ))}
            </ul>
            {r.stale ? (
              <p class="fr-text--sm relais-late">
                {t('placements.search.staleWarning', {
                  at: formatParis(new Date(r.capacityConfirmedAt), ctx.locale),
                })}
              </p>
            ) : null}
            <form method="post" action="/pro/placements" class="relais-quick-form">
              <Csrf ctx={ctx} />
              <input type="hidden" name="offerId" value={r.offerId} />
              <input type="hidden" name="public" value={response.criteria.public} />
              {values.alerte ? <input type="hidden" name="alerte" value={values.alerte} /> : null}
              {values.age ? <input type="hidden" name="age" value={values.age} /> : null}
              {values.langue ? <input type="hidden" name="langue" value={values.langue} /> : null}
              {values.lieu ? <input type="hidden" name="lieu" value={values.lieu} /> : null}
              <input type="hidden" name="urgence" value={response.criteria.urgency} />
              <button class="fr-btn fr-btn--sm" type="submit">
                {t('placements.search.reserve')}
              </button>
            </form>
          </li>
        ))}
      </ul>
      {response.excluded ? (
        <details class="fr-mt-2w">
          <summary>{t('placements.search.excluded', { count: response.excluded.length })}</summary>
          <ul>
            {response.excluded.map((e) => (
              <li key={e.offerId}>
                {e.offer} ({e.organisation}) :{' '}
                {e.reasons.map((r) => t(`placements.excludedReasons.${r}`)).join(', ')}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
