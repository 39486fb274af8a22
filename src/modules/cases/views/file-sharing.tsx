import { formatParis } from '../../../platform/time/paris.js';
import { CheckboxGroup, Csrf, RadioGroup, Select } from '../../../platform/views/components.js';
import { OUTCOMES, PARTS } from '../reference.js';
import { fileHelpers, type FileProps } from './file-parts.js';

/** Referral or transfer, closure, reopening (the lead only). */
export function ReferralAndClosure(props: FileProps) {
  const { ctx, file, forms, today, organisations } = props;
  const { t, base, open, errors, v, str } = fileHelpers(props);
  return (
    <>
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
    </>
  );
}

/** The file's referrals, and who read it. */
export function ReferralsAndAccessLog(props: FileProps) {
  const { ctx, file, referrals, accessLog } = props;
  const { t } = fileHelpers(props);
  return (
    <>
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
    </>
  );
}
