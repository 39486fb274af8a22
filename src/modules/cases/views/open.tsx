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
import { countryOptions, EXPLOITATION_FORMS, GENDERS, languageOptions } from '../../reference/index.js';
import { PILOT_TAGS } from '../reference.js';

export interface OpenCaseValues {
  alerte?: string | undefined;
  minor?: string | undefined;
  age?: string | undefined;
  gender?: string | undefined;
  nationality?: string | undefined;
  language1?: string | undefined;
  language2?: string | undefined;
  forms: string[];
  tags: string[];
  names?: string | undefined;
  aliases?: string | undefined;
  birthDate?: string | undefined;
  contact?: string | undefined;
  documents?: string | undefined;
  consent: string[];
}

export function OpenCasePage({
  ctx,
  values,
  errors,
  alertReference,
}: {
  ctx: PageContext;
  values: OpenCaseValues;
  errors?: FieldErrors | undefined;
  alertReference?: string | undefined;
}) {
  const { t } = ctx;
  const title = t('cases.open.title');
  return (
    <Layout
      ctx={ctx}
      title={title}
      space="pro"
      breadcrumb={[[t('nav.pro'), '/pro'], [t('cases.list.title'), '/pro/dossiers'], [title]]}
    >
      <h1>{title}</h1>
      {alertReference ? (
        <Notice kind="info">{t('cases.open.fromAlert', { reference: alertReference })}</Notice>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/pro/dossiers" novalidate>
        <Csrf ctx={ctx} />
        {values.alerte ? <input type="hidden" name="alerte" value={values.alerte} /> : null}
        <h2 class="fr-h4">{t('cases.open.profile')}</h2>
        <RadioGroup
          name="minor"
          label={t('cases.fields.minor')}
          value={values.minor}
          options={[
            { value: 'oui', label: t('cases.yes') },
            { value: 'non', label: t('cases.no') },
          ]}
          errors={errors}
          inline
          required
        />
        <div class="fr-grid-row fr-grid-row--gutters fr-mb-1w">
          <div class="fr-col-6">
            <TextInput
              name="age"
              label={t('cases.fields.age')}
              value={values.age}
              type="number"
              inputMode="numeric"
              errors={errors}
            />
          </div>
          <div class="fr-col-6">
            <Select
              name="gender"
              label={t('cases.fields.gender')}
              value={values.gender ?? 'unknown'}
              options={GENDERS.map((g) => ({ value: g, label: t(`cases.genders.${g}`) }))}
              errors={errors}
            />
          </div>
        </div>
        <Select
          name="nationality"
          label={t('cases.fields.nationality')}
          value={values.nationality}
          options={countryOptions(ctx.locale)}
          placeholder={t('forms.none')}
          errors={errors}
        />
        <div class="fr-grid-row fr-grid-row--gutters fr-mb-1w">
          <div class="fr-col-6">
            <Select
              name="language1"
              label={t('cases.fields.language1')}
              value={values.language1}
              options={languageOptions(ctx.locale)}
              placeholder={t('forms.none')}
              errors={errors}
            />
          </div>
          <div class="fr-col-6">
            <Select
              name="language2"
              label={t('cases.fields.language2')}
              value={values.language2}
              options={languageOptions(ctx.locale)}
              placeholder={t('forms.none')}
            />
          </div>
        </div>
        <CheckboxGroup
          name="forms"
          label={t('cases.fields.forms')}
          values={values.forms}
          options={EXPLOITATION_FORMS.map((f) => ({ value: f, label: t(`exploitation.${f}`) }))}
          errors={errors}
        />
        <CheckboxGroup
          name="tags"
          label={t('cases.fields.tags')}
          hint={t('cases.fields.tagsHint')}
          values={values.tags}
          options={PILOT_TAGS.map((tag) => ({ value: tag, label: t(`cases.tags.${tag}`) }))}
          errors={errors}
        />
        <h2 class="fr-h4">{t('cases.open.identity')}</h2>
        <p class="fr-text--sm">{t('cases.open.identityHint')}</p>
        <CheckboxGroup
          name="consent"
          label={t('cases.fields.consent')}
          values={values.consent}
          options={[
            { value: 'identity', label: t('cases.consentScopes.identity') },
            { value: 'journal', label: t('cases.consentScopes.journal') },
          ]}
          errors={errors}
        />
        <TextInput
          name="names"
          label={t('cases.identity.names')}
          value={values.names}
          errors={errors}
          maxLength={300}
          autocomplete="off"
          spellcheck={false}
        />
        <TextInput
          name="aliases"
          label={t('cases.identity.aliases')}
          value={values.aliases}
          errors={errors}
          maxLength={300}
          autocomplete="off"
          spellcheck={false}
        />
        <TextInput
          name="birthDate"
          label={t('cases.identity.birthDate')}
          hint={t('cases.identity.birthDateHint')}
          value={values.birthDate}
          errors={errors}
          maxLength={40}
          autocomplete="off"
        />
        <TextInput
          name="contact"
          label={t('cases.identity.contact')}
          value={values.contact}
          errors={errors}
          maxLength={300}
          autocomplete="off"
        />
        <TextInput
          name="documents"
          label={t('cases.identity.documents')}
          value={values.documents}
          errors={errors}
          maxLength={500}
          autocomplete="off"
        />
        <ul class="fr-btns-group fr-btns-group--inline">
          <li>
            <button class="fr-btn" type="submit">
              {t('cases.open.submit')}
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href="/pro/dossiers">
              {t('forms.cancel')}
            </a>
          </li>
        </ul>
      </form>
    </Layout>
  );
}
