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
import { countryName, languageName } from '../../reference/index.js';
import { PART_OF } from '../policy.js';
import { EVENT_CATEGORIES, EVENT_KINDS, IDENTITY_FIELDS, OUTCOMES, PARTS } from '../reference.js';
import type { AccessLogEntry, CaseFile, Referral } from '../schemas.js';
import { CaseStatus, formatDate } from './list.js';

/** What a form posted, kept with its errors so that nothing typed is lost. */
export interface FileForms {
  form?: 'journal' | 'runaway' | 'closure' | 'referral' | 'identity' | 'consent';
  values?: Record<string, string | string[] | undefined>;
  errors?: FieldErrors;
}

function EventLine({ ctx, e }: { ctx: PageContext; e: CaseFile['events'][number] }) {
  const { t } = ctx;
  const d = e.details as Record<string, unknown>;
  const extra: string[] = [];
  if (typeof d.service === 'string') extra.push(d.service);
  if (e.endsOn) extra.push(t('cases.journal.until', { on: formatDate(e.endsOn, ctx.locale) }));
  if (e.kind === 'trial') {
    if (d.present === true) extra.push(t('cases.journal.present'));
    if (d.present === false) extra.push(t('cases.journal.absent'));
    if (d.accompanied === true) extra.push(t('cases.journal.accompanied'));
  }
  if (e.kind === 'closure' && typeof d.outcome === 'string') extra.push(t(`cases.outcomes.${d.outcome}`));
  if (e.kind === 'runaway' && typeof d.departement === 'string')
    extra.push(t('cases.journal.lastSeen', { departement: d.departement }));
  return (
    <li class={e.kind === 'runaway' ? 'relais-late' : undefined}>
      <strong>{formatDate(e.occurredOn, ctx.locale)}</strong> — {t(`cases.kinds.${e.kind}`)}
      {extra.length > 0 ? ` · ${extra.join(' · ')}` : ''}
      {e.organisation ? <span class="fr-text--xs"> ({e.organisation})</span> : null}
      {e.alertId ? (
        <>
          {' '}
          <a href={`/pro/alertes/${e.alertId}`}>{t('cases.journal.alert')}</a>
        </>
      ) : null}
      {e.note ? <p class="relais-note fr-text--sm fr-mb-1w">{e.note}</p> : null}
    </li>
  );
}

function KindSelect({
  ctx,
  value,
  categories,
  error,
}: {
  ctx: PageContext;
  value: string | undefined;
  categories: readonly string[];
  error: string | undefined;
}) {
  const { t } = ctx;
  return (
    <div class={`fr-select-group${error ? ' fr-select-group--error' : ''}`}>
      <label class="fr-label" for="champ-kind">
        {t('cases.fields.kind')}
      </label>
      <select class="fr-select" id="champ-kind" name="kind" required aria-describedby="champ-kind-messages">
        <option value="" selected={!value} disabled>
          {t('forms.choose')}
        </option>
        {categories.map((c) => (
          <optgroup key={c} label={t(`cases.categories.${c}`)}>
            {(EVENT_KINDS[c as keyof typeof EVENT_KINDS] as readonly string[])
              .filter((k) => k !== 'runaway' && k !== 'closure')
              .map((k) => (
                <option key={k} value={k} selected={k === value}>
                  {t(`cases.kinds.${k}`)}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      <div class="fr-messages-group" id="champ-kind-messages" aria-live="polite">
        {error ? <p class="fr-message fr-message--error">{error}</p> : null}
      </div>
    </div>
  );
}

export function CaseFilePage({
  ctx,
  file,
  accessLog,
  referrals,
  organisations,
  forms,
  today,
}: {
  ctx: PageContext;
  /** Today in Paris (YYYY-MM-DD), the default date of a runaway or a closure. */
  today: string;
  file: CaseFile;
  accessLog: readonly AccessLogEntry[];
  referrals: readonly Referral[];
  organisations: readonly Option[];
  forms?: FileForms | undefined;
}) {
  const { t } = ctx;
  const base = `/pro/dossiers/${file.id}`;
  const open = file.status === 'open';
  const errors = forms?.errors;
  const v = (form: FileForms['form'], name: string) =>
    forms?.form === form ? forms?.values?.[name] : undefined;
  const str = (form: FileForms['form'], name: string) => {
    const value = v(form, name);
    return typeof value === 'string' ? value : undefined;
  };
  const recordable = EVENT_CATEGORIES.filter(
    (c) =>
      c !== 'runaway' && c !== 'closure' && (file.access.canEdit || file.access.parts.includes(PART_OF[c])),
  );
  const mayRunaway = file.access.canEdit || file.access.parts.includes('runaway');
  const isEditor = file.access.as === 'lead' || file.access.as === 'partner';
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

      {open && isEditor && mayRunaway ? (
        <section class="fr-mb-4w relais-card relais-card--late" aria-labelledby="fugue">
          <h2 id="fugue" class="fr-h5">
            {t('cases.runaway.title')}
          </h2>
          <p class="fr-text--sm">{t('cases.runaway.hint')}</p>
          <form method="post" action={`${base}/journal`} novalidate>
            <Csrf ctx={ctx} />
            <input type="hidden" name="kind" value="runaway" />
            <div class="fr-grid-row fr-grid-row--gutters">
              <div class="fr-col-12 fr-col-md-6">
                <TextInput
                  name="occurredOn"
                  id="champ-fugue-date"
                  label={t('cases.fields.runawayOn')}
                  value={str('runaway', 'occurredOn') ?? today}
                  type="date"
                  errors={forms?.form === 'runaway' ? errors : undefined}
                  required
                />
              </div>
              <div class="fr-col-12 fr-col-md-6">
                <TextInput
                  name="departement"
                  id="champ-fugue-departement"
                  label={t('cases.fields.lastSeen')}
                  hint={t('cases.fields.lastSeenHint')}
                  value={str('runaway', 'departement')}
                  errors={forms?.form === 'runaway' ? errors : undefined}
                  maxLength={3}
                />
              </div>
            </div>
            <button
              class="fr-btn fr-btn--icon-left fr-icon-alarm-warning-line relais-btn--danger"
              type="submit"
            >
              {t('cases.runaway.submit')}
            </button>
          </form>
          {file.events.some((e) => e.kind === 'runaway') ? (
            <form method="post" action={`${base}/journal`} class="fr-mt-2w">
              <Csrf ctx={ctx} />
              <input type="hidden" name="kind" value="return" />
              <input type="hidden" name="occurredOn" value={today} />
              <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit">
                {t('cases.runaway.returned')}
              </button>
            </form>
          ) : null}
        </section>
      ) : null}

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

      <h2 class="fr-h4 fr-mt-4w">{t('cases.file.journal')}</h2>
      {open && isEditor && recordable.length > 0 ? (
        <details class="fr-mb-2w" open={forms?.form === 'journal'}>
          <summary>{t('cases.journal.add')}</summary>
          <form method="post" action={`${base}/journal`} novalidate class="fr-mt-2w">
            <Csrf ctx={ctx} />
            <KindSelect
              ctx={ctx}
              value={str('journal', 'kind')}
              categories={recordable}
              error={forms?.form === 'journal' ? errors?.kind : undefined}
            />
            <div class="fr-grid-row fr-grid-row--gutters">
              <div class="fr-col-12 fr-col-md-6">
                <TextInput
                  name="occurredOn"
                  label={t('cases.fields.occurredOn')}
                  hint={t('cases.fields.occurredOnHint')}
                  value={str('journal', 'occurredOn')}
                  type="date"
                  errors={forms?.form === 'journal' ? errors : undefined}
                  required
                />
              </div>
              <div class="fr-col-12 fr-col-md-6">
                <TextInput
                  name="endsOn"
                  label={t('cases.fields.endsOn')}
                  hint={t('cases.fields.endsOnHint')}
                  value={str('journal', 'endsOn')}
                  type="date"
                  errors={forms?.form === 'journal' ? errors : undefined}
                />
              </div>
            </div>
            <TextInput
              name="service"
              label={t('cases.fields.service')}
              hint={t('cases.fields.serviceHint')}
              value={str('journal', 'service')}
              errors={forms?.form === 'journal' ? errors : undefined}
              maxLength={200}
            />
            <RadioGroup
              name="presence"
              label={t('cases.fields.trial')}
              hint={t('cases.fields.trialHint')}
              value={str('journal', 'presence') ?? 'unknown'}
              options={[
                { value: 'unknown', label: t('cases.fields.presenceUnknown') },
                { value: 'present', label: t('cases.fields.present') },
                { value: 'absent', label: t('cases.fields.absent') },
              ]}
              inline
            />
            <CheckboxGroup
              name="accompanied"
              label={t('cases.fields.accompaniment')}
              values={[v('journal', 'accompanied') ?? []].flat()}
              options={[{ value: 'oui', label: t('cases.fields.accompanied') }]}
            />
            <TextArea
              name="note"
              label={t('cases.fields.note')}
              hint={t('cases.fields.noteHint')}
              value={str('journal', 'note')}
              rows={3}
            />
            <button class="fr-btn" type="submit">
              {t('cases.journal.submit')}
            </button>
          </form>
        </details>
      ) : null}
      {file.events.length === 0 ? (
        <p>{t('cases.journal.empty')}</p>
      ) : (
        <ol class="relais-timeline">
          {file.events.map((e) => (
            <EventLine key={e.id} ctx={ctx} e={e} />
          ))}
        </ol>
      )}

      {file.access.canEdit && open ? (
        <div class="fr-grid-row fr-grid-row--gutters fr-mt-2w">
          <div class="fr-col-12 fr-col-md-6">
            <details open={forms?.form === 'referral'}>
              <summary>{t('cases.referrals.send')}</summary>
              <form method="post" action={`${base}/orientations`} novalidate class="fr-mt-2w">
                <Csrf ctx={ctx} />
                <RadioGroup
                  name="kind"
                  id="champ-referral-kind"
                  label={t('cases.fields.referralKind')}
                  value={str('referral', 'kind') ?? 'referral'}
                  options={[
                    { value: 'referral', label: t('cases.referrals.kinds.referral') },
                    { value: 'transfer', label: t('cases.referrals.kinds.transfer') },
                  ]}
                />
                <Select
                  name="organisationId"
                  id="champ-referral-org"
                  label={t('cases.fields.organisation')}
                  value={str('referral', 'organisationId')}
                  options={organisations}
                  placeholder={t('forms.choose')}
                  errors={forms?.form === 'referral' ? errors : undefined}
                  required
                />
                <CheckboxGroup
                  name="parts"
                  label={t('cases.fields.parts')}
                  hint={t('cases.fields.partsHint')}
                  values={[v('referral', 'parts') ?? ['profile']].flat()}
                  options={PARTS.map((p) => ({ value: p, label: t(`cases.parts.${p}`) }))}
                  errors={forms?.form === 'referral' ? errors : undefined}
                />
                <button class="fr-btn fr-btn--secondary" type="submit">
                  {t('cases.referrals.submit')}
                </button>
              </form>
            </details>
          </div>
          <div class="fr-col-12 fr-col-md-6">
            <details open={forms?.form === 'closure'}>
              <summary>{t('cases.closure.title')}</summary>
              <form method="post" action={`${base}/journal`} novalidate class="fr-mt-2w">
                <Csrf ctx={ctx} />
                <input type="hidden" name="kind" value="closure" />
                <input type="hidden" name="occurredOn" value={today} />
                <Select
                  name="outcome"
                  label={t('cases.fields.outcome')}
                  value={str('closure', 'outcome')}
                  options={OUTCOMES.map((o) => ({ value: o, label: t(`cases.outcomes.${o}`) }))}
                  placeholder={t('forms.choose')}
                  errors={forms?.form === 'closure' ? errors : undefined}
                  required
                />
                <button class="fr-btn fr-btn--secondary" type="submit">
                  {t('cases.closure.submit')}
                </button>
              </form>
            </details>
          </div>
        </div>
      ) : null}
      {file.access.canEdit && file.status === 'closed' ? (
        <form method="post" action={`${base}/rouvrir`} class="fr-mt-2w">
          <Csrf ctx={ctx} />
          <button class="fr-btn fr-btn--secondary" type="submit">
            {t('cases.closure.reopen')}
          </button>
        </form>
      ) : null}

      {referrals.length > 0 ? (
        <>
          <h2 class="fr-h4 fr-mt-4w">{t('cases.referrals.title')}</h2>
          <ul>
            {referrals.map((r) => (
              <li key={r.id}>
                {t(`cases.referrals.kinds.${r.kind}`)} → {r.to} (
                {r.parts.map((p) => t(`cases.parts.${p}`)).join(', ')}) :{' '}
                {t(`cases.referrals.statuses.${r.status}`)}
                {r.reason ? ` — ${r.reason}` : ''}
                {file.access.canEdit &&
                (r.status === 'pending' || (r.status === 'accepted' && r.kind === 'referral')) ? (
                  <form method="post" action={`/pro/orientations/${r.id}/retirer`} class="relais-inline-form">
                    <Csrf ctx={ctx} />
                    <button class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" type="submit">
                      {t('cases.referrals.revoke')}
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2 class="fr-h4 fr-mt-4w">{t('cases.file.accessLog')}</h2>
      <p class="fr-text--sm">{t('cases.file.accessLogHint')}</p>
      <ul class="fr-text--sm">
        {accessLog.slice(0, 30).map((a) => (
          <li key={`${a.at}-${a.action}-${a.user}`}>
            {formatParis(new Date(a.at), ctx.locale)} — {a.user ?? '?'} ({a.organisation ?? '?'}) :{' '}
            {t(`cases.accessActions.${a.action}`)}
          </li>
        ))}
      </ul>
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
