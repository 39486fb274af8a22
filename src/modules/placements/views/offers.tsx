import { formatParis } from '../../../platform/time/paris.js';
import {
  CheckboxGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Notice,
  type Option,
  RadioGroup,
  Select,
  TextArea,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { languageName, languageOptions } from '../../reference/index.js';
import type { OfferView } from '../offers.js';
import { PUBLICS, SPECIALISATIONS } from '../reference.js';
import type { Placement } from '../schemas.js';

/** "3 libres · 2 occupées · 1 réservée, sur 6", with a bar that shows the same. */
export function PlacesLine({
  ctx,
  offer,
}: {
  ctx: PageContext;
  offer: Pick<OfferView, 'capacity' | 'free' | 'occupied' | 'held' | 'status'>;
}) {
  const { t } = ctx;
  const total = Math.max(offer.capacity, 1);
  return (
    <div class="relais-places">
      <p class="fr-mb-1v">
        <strong>{t('placements.places.free', { count: offer.free })}</strong> ·{' '}
        {t('placements.places.occupied', { count: offer.occupied })} ·{' '}
        {t('placements.places.held', { count: offer.held })} ·{' '}
        {t('placements.places.of', { count: offer.capacity })}
      </p>
      {/* SVG geometry rather than inline styles: the content security policy forbids style attributes. */}
      <svg
        class="relais-places__bar"
        viewBox="0 0 100 6"
        preserveAspectRatio="none"
        aria-hidden="true"
        focusable="false"
      >
        <rect class="relais-places__free" x="0" y="0" width="100" height="6" />
        <rect class="relais-places__occupied" x="0" y="0" width={(offer.occupied / total) * 100} height="6" />
        <rect
          class="relais-places__held"
          x={(offer.occupied / total) * 100}
          y="0"
          width={(offer.held / total) * 100}
          height="6"
        />
      </svg>
    </div>
  );
}

export function RequestCards({ ctx, requests }: { ctx: PageContext; requests: readonly Placement[] }) {
  const { t } = ctx;
  return (
    <ul class="relais-cards">
      {requests.map((p) => (
        <li key={p.id} class="relais-card relais-card--action">
          <p class="relais-card__title">
            <a href={`/pro/placements/${p.id}`}>{p.reference}</a>{' '}
            <span class={`fr-badge fr-badge--sm fr-badge--${p.urgency === 'immediate' ? 'error' : 'info'}`}>
              {t(`placements.urgencies.${p.urgency}`)}
            </span>
          </p>
          <p class="fr-text--sm fr-mb-0">
            {p.offer} · {t(`placements.publics.${String(p.profile.public)}`)}
            {typeof p.profile.age === 'number'
              ? ` · ${t('placements.profile.age', { age: p.profile.age })}`
              : ''}
          </p>
          <p class="fr-text--sm fr-mb-0">
            {t('placements.request.expires', { at: formatParis(new Date(p.holdExpiresAt), ctx.locale) })}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function OffersPage({
  ctx,
  offers,
  requests,
  coordinator,
}: {
  ctx: PageContext;
  offers: readonly OfferView[];
  requests: readonly Placement[];
  coordinator: boolean;
}) {
  const { t } = ctx;
  const title = coordinator ? t('placements.offers.titleTerritory') : t('placements.offers.title');
  const stale = offers.filter((o) => o.stale && o.status === 'open').length;
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={[[t('nav.pro'), '/pro'], [title]]}>
      <h1>{title}</h1>
      {requests.length > 0 ? (
        <section class="fr-mb-4w">
          <h2>{t('placements.offers.requests', { count: requests.length })}</h2>
          <RequestCards ctx={ctx} requests={requests} />
        </section>
      ) : null}
      {stale > 0 ? (
        <Notice kind="warning">{t('placements.offers.staleNotice', { count: stale })}</Notice>
      ) : null}
      <p>
        <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/pro/offres/nouvelle">
          {t('placements.offers.new')}
        </a>
      </p>
      {offers.length === 0 ? <p>{t('placements.offers.empty')}</p> : null}
      <ul class="relais-cards">
        {offers.map((o) => (
          <li key={o.id} class={`relais-card${o.stale && o.status === 'open' ? ' relais-card--stale' : ''}`}>
            <h2 class="fr-h5 fr-mb-1v">{o.name}</h2>
            <p class="fr-mb-1w">
              <span class="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">
                {t(`placements.publics.${o.public}`)}
              </span>{' '}
              {o.status === 'open' ? (
                <span class="fr-badge fr-badge--sm fr-badge--success">{t('placements.status.open')}</span>
              ) : (
                <span class="fr-badge fr-badge--sm">{t('placements.status.paused')}</span>
              )}{' '}
              {o.stale && o.status === 'open' ? (
                <span class="fr-badge fr-badge--sm fr-badge--warning">{t('placements.offers.stale')}</span>
              ) : null}{' '}
              {o.secret_address ? (
                <span class="fr-badge fr-badge--sm fr-badge--new">{t('placements.offers.secret')}</span>
              ) : null}
            </p>
            <p class="fr-text--sm fr-mb-1w">
              {coordinator ? `${o.organisation_name} · ` : ''}
              {o.commune_name} ({o.departement_code}) · {t(`placements.specialisations.${o.specialisation}`)}
              {o.languages.length > 0
                ? ` · ${o.languages.map((l) => languageName(l, ctx.locale)).join(', ')}`
                : ''}
            </p>
            <PlacesLine ctx={ctx} offer={o} />
            <p class="fr-text--xs fr-mb-1w">
              {t('placements.offers.confirmedAt', { at: formatParis(o.capacity_confirmed_at, ctx.locale) })}
            </p>
            <form method="post" action={`/pro/offres/${o.id}/capacite`} class="relais-quick-form">
              <Csrf ctx={ctx} />
              <div class="fr-input-group">
                <label class="fr-label" for={`places-${o.id}`}>
                  {t('placements.offers.places')}
                </label>
                <input
                  class="fr-input relais-input--short"
                  id={`places-${o.id}`}
                  name="capacity"
                  type="number"
                  min="0"
                  max="500"
                  inputMode="numeric"
                  value={String(o.capacity)}
                />
              </div>
              <button class="fr-btn fr-btn--sm" type="submit">
                {t('placements.offers.confirm')}
              </button>
            </form>
            <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-mt-1w">
              <li>
                <form method="post" action={`/pro/offres/${o.id}/statut`}>
                  <Csrf ctx={ctx} />
                  <input type="hidden" name="status" value={o.status === 'open' ? 'paused' : 'open'} />
                  <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">
                    {o.status === 'open' ? t('placements.offers.pause') : t('placements.offers.reopen')}
                  </button>
                </form>
              </li>
              <li>
                <a class="fr-btn fr-btn--sm fr-btn--tertiary" href={`/pro/offres/${o.id}`}>
                  {t('placements.offers.edit')}
                </a>
              </li>
            </ul>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export interface OfferFormValues {
  organisationId?: string | undefined;
  name?: string | undefined;
  public?: string | undefined;
  capacity?: string | undefined;
  languages?: string[] | undefined;
  specialisation?: string | undefined;
  fosterFamilyCount?: string | undefined;
  minAge?: string | undefined;
  maxAge?: string | undefined;
  accompaniedChildren?: boolean | undefined;
  secretAddress?: boolean | undefined;
  address?: string | undefined;
  commune?: string | undefined;
  notes?: string | undefined;
}

export function OfferFormPage({
  ctx,
  offerId,
  values,
  errors,
  organisations,
}: {
  ctx: PageContext;
  offerId?: string;
  values: OfferFormValues;
  errors?: FieldErrors | undefined;
  organisations?: readonly Option[];
}) {
  const { t } = ctx;
  const title = offerId ? t('placements.offerForm.editTitle') : t('placements.offerForm.newTitle');
  const languages = languageOptions(ctx.locale);
  return (
    <Layout
      ctx={ctx}
      title={title}
      space="pro"
      breadcrumb={[[t('nav.pro'), '/pro'], [t('placements.offers.title'), '/pro/offres'], [title]]}
    >
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={offerId ? `/pro/offres/${offerId}` : '/pro/offres'} novalidate>
        <Csrf ctx={ctx} />
        {organisations && !offerId ? (
          <Select
            name="organisationId"
            label={t('placements.fields.organisation')}
            value={values.organisationId}
            options={organisations}
            errors={errors}
            required
          />
        ) : null}
        <TextInput
          name="name"
          label={t('placements.fields.offerName')}
          hint={t('placements.fields.offerNameHint')}
          value={values.name}
          errors={errors}
          required
          maxLength={160}
        />
        <RadioGroup
          name="public"
          label={t('placements.fields.public')}
          value={values.public}
          options={PUBLICS.map((p) => ({ value: p, label: t(`placements.publics.${p}`) }))}
          errors={errors}
          required
        />
        <TextInput
          name="capacity"
          label={t('placements.fields.capacity')}
          hint={t('placements.fields.capacityHint')}
          value={values.capacity}
          type="number"
          inputMode="numeric"
          errors={errors}
          required
        />
        <RadioGroup
          name="specialisation"
          label={t('placements.fields.specialisation')}
          value={values.specialisation}
          options={SPECIALISATIONS.map((s) => ({ value: s, label: t(`placements.specialisations.${s}`) }))}
          errors={errors}
          required
        />
        <TextInput
          name="fosterFamilyCount"
          label={t('placements.fields.fosterFamilies')}
          hint={t('placements.fields.fosterFamiliesHint')}
          value={values.fosterFamilyCount}
          type="number"
          inputMode="numeric"
          errors={errors}
        />
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-6">
            <TextInput
              name="minAge"
              label={t('placements.fields.minAge')}
              value={values.minAge}
              type="number"
              inputMode="numeric"
              errors={errors}
            />
          </div>
          <div class="fr-col-6">
            <TextInput
              name="maxAge"
              label={t('placements.fields.maxAge')}
              value={values.maxAge}
              type="number"
              inputMode="numeric"
              errors={errors}
            />
          </div>
        </div>
        <CheckboxGroup
          name="accompaniedChildren"
          label={t('placements.fields.conditions')}
          values={values.accompaniedChildren ? ['oui'] : []}
          options={[{ value: 'oui', label: t('placements.fields.accompaniedChildren') }]}
        />
        <CheckboxGroup
          name="languages"
          label={t('placements.fields.languages')}
          hint={t('placements.fields.languagesHint')}
          values={values.languages ?? []}
          options={languages}
          errors={errors}
          inline
        />
        <TextInput
          name="commune"
          label={t('placements.fields.commune')}
          hint={t('placements.fields.communeHint')}
          value={values.commune}
          errors={errors}
          required
          maxLength={120}
        />
        <CheckboxGroup
          name="secretAddress"
          label={t('placements.fields.security')}
          values={values.secretAddress ? ['oui'] : []}
          options={[{ value: 'oui', label: t('placements.fields.secretAddress') }]}
          hint={t('placements.fields.secretAddressHint')}
        />
        <TextInput
          name="address"
          label={t('placements.fields.address')}
          hint={t('placements.fields.addressHint')}
          value={values.address}
          errors={errors}
          maxLength={300}
        />
        <TextArea
          name="notes"
          label={t('placements.fields.notes')}
          hint={t('placements.fields.notesHint')}
          value={values.notes}
          rows={3}
        />
        <ul class="fr-btns-group fr-btns-group--inline">
          <li>
            <button class="fr-btn" type="submit">
              {offerId ? t('forms.save') : t('placements.offerForm.create')}
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href="/pro/offres">
              {t('forms.cancel')}
            </a>
          </li>
        </ul>
      </form>
    </Layout>
  );
}
