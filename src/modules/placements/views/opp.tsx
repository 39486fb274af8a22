import { formatDuration } from '../../../platform/time/milestones.js';
import { formatParis } from '../../../platform/time/paris.js';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Notice,
  type Option,
  RadioGroup,
  Select,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { OppView } from '../opp.js';
import { OPP_WITHDRAWAL_REASONS } from '../reference.js';

const HOUR = 3_600_000;

/** "31 h 12 min left", in red under 4 h, in orange under 24 h; "overdue by …" past the deadline. */
export function OppCountdown({ ctx, opp }: { ctx: PageContext; opp: OppView }) {
  const { t } = ctx;
  if (opp.state === 'ordered')
    return <p class="relais-clock">{t(opp.orderedLate ? 'opp.clock.orderedLate' : 'opp.clock.ordered')}</p>;
  if (opp.state === 'withdrawn') return <p class="relais-clock">{t('opp.clock.withdrawn')}</p>;
  const late = opp.remainingMs <= 0;
  const tone =
    late || opp.remainingMs <= 4 * HOUR
      ? ' relais-clock--late'
      : opp.remainingMs <= 24 * HOUR
        ? ' relais-clock--warning'
        : '';
  return (
    <p class={`relais-clock${tone}`}>
      {late
        ? t('opp.clock.overdue', { duration: formatDuration(-opp.remainingMs, ctx.locale) })
        : t('opp.clock.remaining', { duration: formatDuration(opp.remainingMs, ctx.locale) })}
    </p>
  );
}

function StateBadge({ ctx, opp }: { ctx: PageContext; opp: OppView }) {
  const kind = {
    running: opp.remainingMs <= 4 * HOUR ? 'warning' : 'info',
    overdue: 'error',
    ordered: 'success',
    withdrawn: 'info',
  }[opp.state];
  return <span class={`fr-badge fr-badge--sm fr-badge--${kind}`}>{ctx.t(`opp.states.${opp.state}`)}</span>;
}

export interface ReferralFormValues {
  deskId?: string | undefined;
  alertId?: string | undefined;
  referredAt?: string | undefined;
}

export function OppListPage({
  ctx,
  procedures,
  desks,
  values,
  errors,
  alertReference,
  all,
}: {
  ctx: PageContext;
  procedures: readonly OppView[];
  desks: readonly Option[];
  values: ReferralFormValues;
  errors?: FieldErrors | undefined;
  alertReference?: string | undefined;
  all: boolean;
}) {
  const { t } = ctx;
  const title = t('opp.title');
  const at = (iso: string) => formatParis(new Date(iso), ctx.locale);
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={[[t('nav.pro'), '/pro'], [title]]}>
      <h1>{title}</h1>
      <p>{t('opp.intro')}</p>
      <section aria-labelledby="saisine" class="fr-mb-4w">
        <h2 id="saisine">{t('opp.refer.title')}</h2>
        <ErrorSummary ctx={ctx} errors={errors} />
        {alertReference ? (
          <Notice kind="info">{t('opp.refer.fromAlert', { reference: alertReference })}</Notice>
        ) : null}
        <form method="post" action="/pro/opp" novalidate>
          <Csrf ctx={ctx} />
          {values.alertId ? <input type="hidden" name="alertId" value={values.alertId} /> : null}
          {desks.length > 1 ? (
            <Select
              name="deskId"
              label={t('opp.fields.desk')}
              value={values.deskId}
              options={desks}
              placeholder={t('forms.choose')}
              errors={errors}
              required
            />
          ) : desks.length === 1 ? (
            <input type="hidden" name="deskId" value={desks[0]!.value} />
          ) : null}
          <TextInput
            name="referredAt"
            label={t('opp.fields.referredAt')}
            hint={t('opp.fields.referredAtHint')}
            value={values.referredAt}
            type="datetime-local"
            errors={errors}
          />
          {errors?.alertId ? <p class="fr-error-text">{errors.alertId}</p> : null}
          <button class="fr-btn fr-icon-time-line fr-btn--icon-left" type="submit">
            {t('opp.refer.submit')}
          </button>
        </form>
      </section>
      <h2>{all ? t('opp.list.all') : t('opp.list.current')}</h2>
      {procedures.length === 0 ? (
        <p>{t('opp.list.empty')}</p>
      ) : (
        <ul class="relais-cards">
          {procedures.map((o) => (
            <li
              key={o.id}
              class={`relais-card${o.state === 'overdue' ? ' relais-card--late' : o.state === 'running' ? ' relais-card--action' : ''}`}
            >
              <p class="relais-card__title">
                <a href={`/pro/opp/${o.id}`}>{o.reference}</a> <StateBadge ctx={ctx} opp={o} />
              </p>
              <OppCountdown ctx={ctx} opp={o} />
              <p class="fr-text--sm fr-mb-0">
                {t('opp.list.line', { desk: o.desk, referred: at(o.referredAt), deadline: at(o.deadlineAt) })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a class="fr-link" href={all ? '/pro/opp' : '/pro/opp?toutes=1'}>
          {all ? t('opp.list.showCurrent') : t('opp.list.showAll')}
        </a>
      </p>
    </Layout>
  );
}

export interface OppForms {
  order?: { orderedAt?: string | undefined; court?: string | undefined; placementId?: string | undefined };
  withdraw?: { reason?: string | undefined };
  errors?: FieldErrors;
}

export function OppPage({
  ctx,
  opp,
  placements,
  forms,
}: {
  ctx: PageContext;
  opp: OppView;
  placements: readonly Option[];
  forms?: OppForms | undefined;
}) {
  const { t } = ctx;
  const at = (iso: string | null) => (iso ? formatParis(new Date(iso), ctx.locale) : '—');
  const errors = forms?.errors;
  const open = opp.state === 'running' || opp.state === 'overdue';
  const milestones: Array<[string, string | null]> = [
    ['referred', opp.referredAt],
    ['warned24h', opp.warned24hAt],
    ['warned4h', opp.warned4hAt],
    ['breached', opp.breachedAt],
    ['ordered', opp.orderedAt],
    ['withdrawn', opp.withdrawnAt],
  ];
  return (
    <Layout
      ctx={ctx}
      title={opp.reference}
      space="pro"
      breadcrumb={[[t('nav.pro'), '/pro'], [t('opp.title'), '/pro/opp'], [opp.reference]]}
    >
      <h1>
        {opp.reference} <StateBadge ctx={ctx} opp={opp} />
      </h1>
      <OppCountdown ctx={ctx} opp={opp} />
      <p>{t('opp.detail.deadline', { deadline: at(opp.deadlineAt), desk: opp.desk })}</p>
      {opp.alertId ? (
        <p>
          <a class="fr-link" href={`/pro/alertes/${opp.alertId}`}>
            {t('opp.detail.alert')}
          </a>
        </p>
      ) : null}
      {opp.state === 'ordered' ? (
        <Notice kind={opp.orderedLate ? 'warning' : 'success'}>
          {t('opp.detail.orderedLine', {
            at: at(opp.orderedAt),
            court: opp.court ?? '',
            offer: opp.offer ?? '—',
          })}
        </Notice>
      ) : null}
      {opp.state === 'withdrawn' ? (
        <Notice kind="info">
          {t('opp.detail.withdrawnLine', {
            at: at(opp.withdrawnAt),
            reason: t(`opp.withdrawalReasons.${opp.withdrawnReason}`),
          })}
        </Notice>
      ) : null}
      <h2>{t('opp.detail.milestones')}</h2>
      <ol class="relais-timeline">
        {milestones
          .filter(([, when]) => when !== null)
          .map(([key, when]) => (
            <li key={key}>
              <strong>{at(when)}</strong> — {t(`opp.milestones.${key}`)}
            </li>
          ))}
      </ol>
      <ErrorSummary ctx={ctx} errors={errors} />
      {open ? (
        <>
          <section aria-labelledby="ordonnance" class="fr-mt-4w">
            <h2 id="ordonnance">{t('opp.order.title')}</h2>
            <form method="post" action={`/pro/opp/${opp.id}/ordonnance`} novalidate>
              <Csrf ctx={ctx} />
              <TextInput
                name="orderedAt"
                label={t('opp.fields.orderedAt')}
                hint={t('opp.fields.orderedAtHint')}
                value={forms?.order?.orderedAt}
                type="datetime-local"
                errors={errors}
              />
              <TextInput
                name="court"
                label={t('opp.fields.court')}
                hint={t('opp.fields.courtHint')}
                value={forms?.order?.court}
                errors={errors}
                required
                maxLength={200}
              />
              {placements.length > 0 ? (
                <Select
                  name="placementId"
                  label={t('opp.fields.placement')}
                  hint={t('opp.fields.placementHint')}
                  value={forms?.order?.placementId}
                  options={placements}
                  placeholder={t('forms.choose')}
                  errors={errors}
                  required
                />
              ) : (
                <Notice kind="warning">
                  <p>
                    {t('opp.order.noPlacement')}{' '}
                    <a
                      href={`/pro/placements/recherche?public=mineurs${opp.alertId ? `&alerte=${opp.alertId}` : ''}`}
                    >
                      {t('opp.order.findPlace')}
                    </a>
                  </p>
                </Notice>
              )}
              {errors?.offerId ? <p class="fr-error-text">{errors.offerId}</p> : null}
              <button class="fr-btn" type="submit" disabled={placements.length === 0}>
                {t('opp.order.submit')}
              </button>
            </form>
          </section>
          <section aria-labelledby="arret" class="fr-mt-4w">
            <h2 id="arret">{t('opp.withdraw.title')}</h2>
            <form method="post" action={`/pro/opp/${opp.id}/arret`} novalidate>
              <Csrf ctx={ctx} />
              <RadioGroup
                name="reason"
                label={t('opp.fields.withdrawReason')}
                value={forms?.withdraw?.reason}
                options={OPP_WITHDRAWAL_REASONS.map((r) => ({
                  value: r,
                  label: t(`opp.withdrawalReasons.${r}`),
                }))}
                errors={errors}
                required
              />
              <button class="fr-btn fr-btn--secondary" type="submit">
                {t('opp.withdraw.submit')}
              </button>
            </form>
          </section>
        </>
      ) : null}
    </Layout>
  );
}
