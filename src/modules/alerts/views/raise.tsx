import type { Airport, Commune, Departement } from '../../../platform/geo/index.js';
import { CheckboxGroup, Csrf, ErrorSummary, type FieldErrors, RadioGroup, Select, TextArea, TextInput } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { countryOptions, EXPLOITATION_FORMS, GENDERS, languageOptions } from '../../reference/index.js';
import { ALERT_CONTEXTS, CONSENT_PATHS, indicatorsFor, MINOR_ANSWERS } from '../reference.js';

/** The form's values as typed (strings), kept when the page comes back with errors. */
export interface RaiseFormValues {
  idempotencyKey: string;
  context: string;
  danger?: boolean;
  placeKind?: string;
  airport?: string;
  commune?: string;
  communeCode?: string;
  departement?: string;
  personCount?: string;
  persons: Array<{ minor?: string; age?: string; gender?: string; nationality?: string; lang1?: string; lang2?: string }>;
  forms: string[];
  indicators: string[];
  consent?: string;
  description?: string;
}

function EmergencyBox({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <div class="fr-callout fr-callout--brown-caramel fr-mb-3w relais-emergency" role="note">
      <p class="fr-callout__title">{t('alerts.raise.emergencyTitle')}</p>
      <p class="fr-callout__text">
        <a href="tel:17" class="relais-emergency__number">17</a> <a href="tel:112" class="relais-emergency__number">112</a>{' '}
        <span>{t('alerts.raise.emergencyAdults')}</span>
        <br />
        <a href="tel:119" class="relais-emergency__number">119</a> <span>{t('alerts.raise.emergencyMinor')}</span>
      </p>
    </div>
  );
}

export function ReflexSheet({ ctx, context }: { ctx: PageContext; context: string }) {
  const { t } = ctx;
  const steps = t(`alerts.reflex.${context}.steps`, { returnObjects: true }) as unknown as string[];
  return (
    <aside class="fr-callout relais-reflex">
      {/* Open by default (desktop, no JavaScript); folded on a phone by relais.js so the form comes first. */}
      <details open data-fold-narrow>
        <summary class="fr-callout__title fr-h5">{t('alerts.raise.reflexTitle', { context: t(`alerts.contexts.${context}`) })}</summary>
        <ol class="fr-callout__text fr-mt-2w">
          {steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      </details>
    </aside>
  );
}

/** Step one: where it happens. One tap, then the form adapted to that context. */
export function ContextPickerPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('alerts.raise.title')} space="pro" breadcrumb={[[t('nav.pro'), '/pro'], [t('alerts.raise.title')]]}>
      <h1>{t('alerts.raise.title')}</h1>
      <EmergencyBox ctx={ctx} />
      <h2 class="fr-h4">{t('alerts.raise.whereTitle')}</h2>
      <ul class="relais-choices">
        {ALERT_CONTEXTS.map((context) => (
          <li key={context}>
            <a class="fr-btn fr-btn--secondary relais-choice" href={`/pro/alertes/nouvelle?contexte=${context}`}>
              {t(`alerts.contexts.${context}`)}
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function RaiseFormPage({
  ctx,
  values,
  errors,
  airports,
  departements,
  communeChoices,
}: {
  ctx: PageContext;
  values: RaiseFormValues;
  errors?: FieldErrors | undefined;
  airports: readonly Airport[];
  departements: readonly Departement[];
  communeChoices?: readonly Commune[] | undefined;
}) {
  const { t } = ctx;
  const locale = ctx.locale;
  const countries = countryOptions(locale);
  const languages = languageOptions(locale);
  const placeKind = values.placeKind ?? (values.context === 'aeroport' ? 'airport' : 'commune');
  const persons = values.persons.length > 0 ? values.persons : [{}];
  return (
    <Layout ctx={ctx} title={t('alerts.raise.title')} space="pro" breadcrumb={[[t('nav.pro'), '/pro'], [t('alerts.raise.title'), '/pro/alertes/nouvelle'], [t(`alerts.contexts.${values.context}`)]]}>
      <h1>{t('alerts.raise.titleContext', { context: t(`alerts.contexts.${values.context}`) })}</h1>
      <p>
        <a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/pro/alertes/nouvelle">
          {t('alerts.raise.changeContext')}
        </a>
      </p>
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-lg-4 relais-reflex-col">
          <EmergencyBox ctx={ctx} />
          <ReflexSheet ctx={ctx} context={values.context} />
        </div>
        <div class="fr-col-12 fr-col-lg-8">
          <ErrorSummary ctx={ctx} errors={errors} />
          <form method="post" action="/pro/alertes" novalidate data-alert-draft>
            <Csrf ctx={ctx} />
            <input type="hidden" name="idempotencyKey" value={values.idempotencyKey} />
            <input type="hidden" name="context" value={values.context} />
            <input type="hidden" name="personBlocks" value={String(persons.length)} />

            <div class="fr-fieldset__element fr-mb-3w">
              <div class="fr-checkbox-group relais-danger">
                <input type="checkbox" id="champ-danger" name="danger" value="oui" checked={values.danger} />
                <label class="fr-label" for="champ-danger">
                  {t('alerts.fields.danger')}
                  <span class="fr-hint-text">{t('alerts.hints.danger')}</span>
                </label>
              </div>
            </div>

            <fieldset class="fr-fieldset" aria-labelledby="lieu-legende">
              <legend class="fr-fieldset__legend" id="lieu-legende">
                {t('alerts.raise.placeLegend')}
              </legend>
              <div class="fr-fieldset__element">
                <RadioGroup
                  name="placeKind"
                  label={t('alerts.fields.placeKind')}
                  value={placeKind}
                  inline
                  options={[
                    { value: 'airport', label: t('alerts.place.airport') },
                    { value: 'commune', label: t('alerts.place.commune') },
                    { value: 'departement', label: t('alerts.place.departement') },
                  ]}
                  errors={errors}
                />
              </div>
              <div class="fr-fieldset__element" data-place="airport">
                <Select name="airport" label={t('alerts.place.airport')} value={values.airport} options={airports.map((a) => ({ value: a.iata, label: `${a.iata} — ${a.name}` }))} placeholder={t('forms.choose')} errors={errors} />
              </div>
              <div class="fr-fieldset__element" data-place="commune">
                <TextInput name="commune" label={t('alerts.place.commune')} hint={t('alerts.hints.commune')} value={values.commune} errors={errors} autocomplete="off" />
                {communeChoices && communeChoices.length > 0 ? (
                  <RadioGroup
                    name="communeCode"
                    label={t('alerts.raise.communeChoice')}
                    value={values.communeCode}
                    options={communeChoices.map((c) => ({ value: c.code, label: `${c.name} (${c.departementCode}) — ${c.code}` }))}
                  />
                ) : null}
              </div>
              <div class="fr-fieldset__element" data-place="departement">
                <Select name="departement" label={t('alerts.place.departement')} value={values.departement} options={departements.map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }))} placeholder={t('forms.choose')} errors={errors} />
              </div>
            </fieldset>

            <fieldset class="fr-fieldset" aria-labelledby="personnes-legende">
              <legend class="fr-fieldset__legend" id="personnes-legende">
                {t('alerts.raise.personsLegend')}
              </legend>
              <div class="fr-fieldset__element">
                <TextInput name="personCount" type="number" inputMode="numeric" label={t('alerts.fields.personCount')} hint={t('alerts.hints.personCount')} value={values.personCount ?? String(persons.length)} errors={errors} />
              </div>
              {persons.map((person, i) => (
                <div class="fr-fieldset__element relais-person" key={`p${i}`}>
                  <h3 class="fr-h6">{t('alerts.raise.person', { n: i + 1 })}</h3>
                  <RadioGroup
                    name={`p${i}_minor`}
                    label={t('alerts.fields.minor')}
                    value={person.minor}
                    inline
                    options={MINOR_ANSWERS.map((m) => ({ value: m, label: t(`alerts.minor.${m}`) }))}
                    errors={errors}
                  />
                  <div class="fr-grid-row fr-grid-row--gutters">
                    <div class="fr-col-6">
                      <TextInput name={`p${i}_age`} type="number" inputMode="numeric" label={t('alerts.fields.age')} value={person.age} errors={errors} />
                    </div>
                    <div class="fr-col-6">
                      <Select name={`p${i}_gender`} label={t('alerts.fields.gender')} value={person.gender ?? 'unknown'} options={GENDERS.map((g) => ({ value: g, label: t(`alerts.gender.${g}`) }))} errors={errors} />
                    </div>
                  </div>
                  <Select name={`p${i}_nationality`} label={t('alerts.fields.nationality')} value={person.nationality} options={countries} placeholder={t('alerts.raise.unknown')} errors={errors} />
                  <div class="fr-grid-row fr-grid-row--gutters">
                    <div class="fr-col-6">
                      <Select name={`p${i}_lang1`} label={t('alerts.fields.language1')} value={person.lang1} options={languages} placeholder={t('alerts.raise.unknown')} errors={errors} />
                    </div>
                    <div class="fr-col-6">
                      <Select name={`p${i}_lang2`} label={t('alerts.fields.language2')} value={person.lang2} options={languages} placeholder={t('forms.none')} />
                    </div>
                  </div>
                </div>
              ))}
              <div class="fr-fieldset__element">
                <button class="fr-btn fr-btn--tertiary fr-icon-add-line fr-btn--icon-left" type="submit" name="action" value="addPerson" formnovalidate>
                  {t('alerts.raise.addPerson')}
                </button>
              </div>
            </fieldset>

            <CheckboxGroup name="forms" label={t('alerts.fields.forms')} hint={t('alerts.hints.forms')} values={values.forms} options={EXPLOITATION_FORMS.map((f) => ({ value: f, label: t(`exploitation.${f}`) }))} errors={errors} />
            <CheckboxGroup
              name="indicators"
              label={t('alerts.fields.indicators')}
              hint={t('alerts.hints.indicators')}
              values={values.indicators}
              options={indicatorsFor(values.context).map((code) => ({ value: code, label: t(`alerts.indicators.${code}`) }))}
              errors={errors}
            />
            <RadioGroup name="consent" label={t('alerts.fields.consent')} hint={t('alerts.hints.consent')} value={values.consent} options={CONSENT_PATHS.map((c) => ({ value: c, label: t(`alerts.consent.${c}`) }))} errors={errors} />
            <TextArea name="description" label={t('alerts.fields.description')} hint={t('alerts.hints.description')} value={values.description} errors={errors} rows={4} />

            <p class="relais-offline fr-text--sm" hidden data-offline-message role="status" aria-live="polite" />
            <button class="fr-btn fr-btn--lg fr-icon-send-plane-fill fr-btn--icon-left" type="submit">
              {t('alerts.raise.submit')}
            </button>
          </form>
        </div>
      </div>
      <script src="/static/alert-draft.js" defer />
    </Layout>
  );
}
