import { formatParis } from '../../../platform/time/paris.js';
import {
  CheckboxGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Notice,
  Select,
  TextArea,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { countryName, languageName } from '../../reference/index.js';
import { IDENTITY_FIELDS } from '../reference.js';
import { CaseStatus, formatDate } from './list.js';
import { fileHelpers, type FileProps, JournalSection, RunawaySection } from './file-parts.js';
import { ReferralAndClosure, ReferralsAndAccessLog } from './file-sharing.js';

export type { FileForms } from './file-parts.js';

export function CaseFilePage(props: FileProps) {
  const { ctx, file, forms } = props;
  const { t, base, open, errors, v, str } = fileHelpers(props);
  return (
    <Layout
      ctx={ctx}
      title={file.reference}
      space="pro"
      breadcrumb={[[t('nav.pro'), '/pro'], [t('cases.list.title'), '/pro/dossiers'], [file.reference]]}
    >
      <h1>
        {file.reference} <CaseStatus ctx={ctx} status={file.status} />{' '}
        {file.minor ? <span class="fr-badge fr-badge--new">{t('cases.minor')}</span> : null}
      </h1>
      {file.access.as === 'break_glass' ? (
        <Notice kind="warning">{t('cases.file.breakGlassOn')}</Notice>
      ) : null}
      {file.access.as === 'partner' ? (
        <Notice kind="info">
          {t('cases.file.partner', { parts: file.access.parts.map((p) => t(`cases.parts.${p}`)).join(', ') })}
        </Notice>
      ) : null}
      {file.nextDate ? (
        <Notice kind="warning">
          {t('cases.file.next', {
            kind: t(`cases.kinds.${file.nextDate.kind}`),
            on: formatDate(file.nextDate.on, ctx.locale),
          })}
        </Notice>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />

      <RunawaySection {...props} />
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-6">
          <h2 class="fr-h4">{t('cases.file.profile')}</h2>
          <dl class="relais-facts">
            <dt>{t('cases.fields.gender')}</dt>
            <dd>
              {t(`cases.genders.${file.gender}`)}
              {file.age !== null ? ` · ${t('cases.age', { age: file.age })}` : ''}
            </dd>
            {file.nationality ? (
              <>
                <dt>{t('cases.fields.nationality')}</dt>
                <dd>{countryName(file.nationality, ctx.locale)}</dd>
              </>
            ) : null}
            {file.languages.length > 0 ? (
              <>
                <dt>{t('cases.fields.languages')}</dt>
                <dd>{file.languages.map((l) => languageName(l, ctx.locale)).join(', ')}</dd>
              </>
            ) : null}
            {file.exploitation.length > 0 ? (
              <>
                <dt>{t('cases.fields.forms')}</dt>
                <dd>{file.exploitation.map((e) => t(`exploitation.${String(e.form)}`)).join(', ')}</dd>
              </>
            ) : null}
            <dt>{t('cases.file.lead')}</dt>
            <dd>{file.leadOrganisation}</dd>
            {file.organisations.some((o) => o.role === 'partner') ? (
              <>
                <dt>{t('cases.file.partners')}</dt>
                <dd>
                  {file.organisations
                    .filter((o) => o.role === 'partner')
                    .map((o) => `${o.name} (${o.parts.map((p) => t(`cases.parts.${p}`)).join(', ')})`)
                    .join(' ; ')}
                </dd>
              </>
            ) : null}
            {file.pilotTags.length > 0 ? (
              <>
                <dt>{t('cases.fields.tags')}</dt>
                <dd>
                  {file.pilotTags.map((tag) => t(`cases.tags.${tag}`, { defaultValue: tag })).join(', ')}
                </dd>
              </>
            ) : null}
            {file.links.length > 0 ? (
              <>
                <dt>{t('cases.file.links')}</dt>
                <dd>
                  {file.links.map((l, i) => (
                    <span key={l.id}>
                      {i > 0 ? ', ' : ''}
                      <a href={l.kind === 'alert' ? `/pro/alertes/${l.id}` : `/pro/placements/${l.id}`}>
                        {l.reference ?? t(`cases.file.linkKinds.${l.kind}`)}
                      </a>
                    </span>
                  ))}
                </dd>
              </>
            ) : null}
            {file.outcome ? (
              <>
                <dt>{t('cases.fields.outcome')}</dt>
                <dd>{t(`cases.outcomes.${file.outcome}`)}</dd>
              </>
            ) : null}
          </dl>
        </div>
        <div class="fr-col-12 fr-col-md-6">
          <h2 class="fr-h4">{t('cases.file.identity')}</h2>
          {file.status === 'anonymised' ? (
            <p>{t('cases.file.anonymised')}</p>
          ) : file.identity ? (
            <>
              <dl class="relais-facts">
                {IDENTITY_FIELDS.filter((f) => file.identity?.[f]).map((f) => (
                  <>
                    <dt key={`${f}-t`}>{t(`cases.identity.${f}`)}</dt>
                    <dd key={`${f}-d`}>{file.identity?.[f]}</dd>
                  </>
                ))}
              </dl>
              {file.access.canEdit && open ? (
                <details open={forms?.form === 'identity'}>
                  <summary>{t('cases.identity.edit')}</summary>
                  <form method="post" action={`${base}/identite`} novalidate>
                    <Csrf ctx={ctx} />
                    {IDENTITY_FIELDS.map((f) => (
                      <TextInput
                        key={f}
                        name={f}
                        label={t(`cases.identity.${f}`)}
                        value={str('identity', f) ?? file.identity?.[f]}
                        errors={forms?.form === 'identity' ? errors : undefined}
                        maxLength={500}
                        autocomplete="off"
                      />
                    ))}
                    <button class="fr-btn fr-btn--secondary" type="submit">
                      {t('forms.save')}
                    </button>
                  </form>
                </details>
              ) : null}
            </>
          ) : (
            <Notice kind="info">{t('cases.file.identityHidden')}</Notice>
          )}
          <h3 class="fr-h6 fr-mt-2w">{t('cases.file.consents')}</h3>
          {file.consents.length === 0 ? <p class="fr-text--sm">{t('cases.file.noConsent')}</p> : null}
          <ul class="fr-text--sm">
            {file.consents.map((c) => (
              <li key={c.id}>
                {c.organisation} : {c.scopes.map((s) => t(`cases.consentScopes.${s}`)).join(', ')} —{' '}
                {formatParis(new Date(c.givenAt), ctx.locale)}
                {c.withdrawnAt
                  ? ` · ${t('cases.file.withdrawn', { at: formatParis(new Date(c.withdrawnAt), ctx.locale) })}`
                  : null}
                {!c.withdrawnAt && file.access.canEdit ? (
                  <form
                    method="post"
                    action={`${base}/consentements/${c.id}/retrait`}
                    class="relais-inline-form"
                  >
                    <Csrf ctx={ctx} />
                    <button class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" type="submit">
                      {t('cases.file.withdraw')}
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
          {file.access.canEdit && open ? (
            <details open={forms?.form === 'consent'}>
              <summary>{t('cases.file.addConsent')}</summary>
              <form method="post" action={`${base}/consentements`} novalidate>
                <Csrf ctx={ctx} />
                <Select
                  name="organisationId"
                  id="champ-consent-org"
                  label={t('cases.fields.organisation')}
                  value={str('consent', 'organisationId')}
                  options={file.organisations.map((o) => ({ value: o.id, label: o.name }))}
                  errors={forms?.form === 'consent' ? errors : undefined}
                />
                <CheckboxGroup
                  name="scopes"
                  id="champ-consent-scopes"
                  label={t('cases.fields.consentScopes')}
                  values={[v('consent', 'scopes') ?? []].flat()}
                  options={[
                    { value: 'identity', label: t('cases.consentScopes.identity') },
                    { value: 'journal', label: t('cases.consentScopes.journal') },
                  ]}
                  errors={forms?.form === 'consent' ? errors : undefined}
                />
                <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit">
                  {t('cases.file.recordConsent')}
                </button>
              </form>
            </details>
          ) : null}
        </div>
      </div>
      <JournalSection {...props} />
      <ReferralAndClosure {...props} />
      <ReferralsAndAccessLog {...props} />
    </Layout>
  );
}

export function BreakGlassPage({
  ctx,
  reference,
  id,
  errors,
  reason,
}: {
  ctx: PageContext;
  reference: string;
  id: string;
  errors?: FieldErrors | undefined;
  reason?: string | undefined;
}) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={reference}
      space="pro"
      breadcrumb={[[t('nav.pro'), '/pro'], [t('cases.list.title'), '/pro/dossiers'], [reference]]}
    >
      <h1>{reference}</h1>
      <Notice kind="warning" title={t('cases.breakGlass.title')}>
        <p>{t('cases.breakGlass.explain')}</p>
      </Notice>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={`/pro/dossiers/${id}/bris-de-glace`} novalidate>
        <Csrf ctx={ctx} />
        <TextArea
          name="reason"
          label={t('cases.breakGlass.reason')}
          hint={t('cases.breakGlass.reasonHint')}
          value={reason}
          errors={errors}
          rows={4}
          required
        />
        <button class="fr-btn fr-btn--icon-left fr-icon-lock-unlock-line" type="submit">
          {t('cases.breakGlass.submit')}
        </button>
      </form>
    </Layout>
  );
}
