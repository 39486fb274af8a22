import type { ComponentChildren } from 'preact';
import { formatParis } from '../../../platform/time/paris.js';
import { Csrf, ErrorSummary, type FieldErrors, Notice, Select, Table, TextArea } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { countryName, languageName } from '../../reference/index.js';
import { OUTCOMES } from '../reference.js';
import type { AlertDetail, AlertForReporter } from '../schemas.js';
import { StatusBadge } from './list.js';

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function EmergencyNumbers({ ctx, minor }: { ctx: PageContext; minor: boolean }) {
  const { t } = ctx;
  return (
    <div class="fr-alert fr-alert--error fr-mb-3w" role="alert">
      <h2 class="fr-alert__title">{t('alerts.sent.dangerTitle')}</h2>
      <p>
        <a href="tel:17" class="relais-emergency__number">17</a> <a href="tel:112" class="relais-emergency__number">112</a>
        {minor ? (
          <>
            {' '}
            <a href="tel:119" class="relais-emergency__number">119</a>
          </>
        ) : null}
      </p>
      <p>{t('alerts.sent.dangerText')}</p>
    </div>
  );
}

export interface DetailForms {
  handOff?: { toDeskId?: string; note?: string };
  note?: string;
  close?: { outcome?: string; note?: string };
  errors?: FieldErrors;
}

export function AlertPage({
  ctx,
  alert,
  view,
  myDesks,
  targets,
  forms,
  justSent,
}: {
  ctx: PageContext;
  alert: AlertDetail;
  view: 'desk' | 'coordination';
  myDesks: ReadonlyArray<{ id: string; name: string }>;
  targets: ReadonlyArray<{ id: string; name: string; organisation: string }>;
  forms?: DetailForms;
  justSent?: boolean;
}) {
  const { t, locale } = ctx;
  const base = `/pro/alertes/${alert.id}`;
  const canAct = view === 'desk' && myDesks.length > 0 && alert.status !== 'closed';
  const deskField = (form: string) =>
    myDesks.length > 1 ? (
      <Select name="deskId" id={`champ-deskId-${form}`} label={t('alerts.detail.asDesk')} value={myDesks[0]?.id} options={myDesks.map((d) => ({ value: d.id, label: d.name }))} />
    ) : myDesks[0] ? (
      <input type="hidden" name="deskId" value={myDesks[0].id} />
    ) : null;
  const myPending = alert.recipients.some((r) => myDesks.some((d) => d.id === r.deskId) && !r.acknowledgedAt && r.role === 'responder');
  return (
    <Layout ctx={ctx} title={alert.reference} space="pro" breadcrumb={[[t('nav.pro'), '/pro'], [t('alerts.list.title'), '/pro/alertes'], [alert.reference]]}>
      {justSent && alert.immediateDanger ? <EmergencyNumbers ctx={ctx} minor={alert.hasMinor} /> : null}
      {justSent ? <div data-clear-drafts hidden /> : null}
      <h1>
        {alert.reference} <StatusBadge ctx={ctx} status={alert.status} />
      </h1>
      <p>
        {alert.immediateDanger ? <span class="fr-badge fr-badge--error fr-badge--no-icon fr-mr-1w">{t('alerts.badges.danger')}</span> : null}
        {alert.hasMinor ? <span class="fr-badge fr-badge--new fr-mr-1w">{t('alerts.badges.minor')}</span> : null}
        {alert.escalationLevel > 0 ? <span class="fr-badge fr-badge--warning">{t('alerts.badges.escalated', { level: alert.escalationLevel })}</span> : null}
      </p>
      {alert.myDeadlineAt ? <Notice kind={new Date(alert.myDeadlineAt) <= new Date() ? 'error' : 'warning'}>{t('alerts.detail.deadline', { at: formatParis(new Date(alert.myDeadlineAt), locale) })}</Notice> : null}
      <ErrorSummary ctx={ctx} errors={forms?.errors} />

      {canAct ? (
        <section class="fr-mb-4w" aria-labelledby="actions-titre">
          <h2 id="actions-titre" class="fr-h4">
            {t('alerts.detail.actions')}
          </h2>
          <div class="relais-actions">
            {myPending ? (
              <form method="post" action={`${base}/prise-en-compte`}>
                <Csrf ctx={ctx} />
                {deskField('ack')}
                <button class="fr-btn fr-icon-check-line fr-btn--icon-left" type="submit">
                  {t('alerts.actions.acknowledge')}
                </button>
              </form>
            ) : null}
            {alert.leadDesk === null || !myDesks.some((d) => d.name === alert.leadDesk) ? (
              <form method="post" action={`${base}/relais`}>
                <Csrf ctx={ctx} />
                {deskField('relais')}
                <button class="fr-btn fr-btn--secondary fr-icon-flag-line fr-btn--icon-left" type="submit">
                  {t('alerts.actions.takeOver')}
                </button>
              </form>
            ) : null}
          </div>
          <details class="fr-mt-2w" open={!!forms?.handOff}>
            <summary>{t('alerts.actions.handOff')}</summary>
            <form method="post" action={`${base}/transfert`} class="fr-mt-2w">
              <Csrf ctx={ctx} />
              {deskField('transfert')}
              <Select name="toDeskId" label={t('alerts.fields.toDesk')} value={forms?.handOff?.toDeskId} options={targets.filter((d) => !myDesks.some((m) => m.id === d.id)).map((d) => ({ value: d.id, label: `${d.name} (${d.organisation})` }))} placeholder={t('forms.choose')} errors={forms?.errors} />
              <TextArea name="note" id="champ-note-transfert" label={t('alerts.fields.handOffNote')} value={forms?.handOff?.note} errors={forms?.handOff ? forms.errors : undefined} rows={3} />
              <button class="fr-btn fr-btn--secondary" type="submit">
                {t('alerts.actions.handOffSubmit')}
              </button>
            </form>
          </details>
          <details class="fr-mt-2w" open={!!forms?.close}>
            <summary>{t('alerts.actions.close')}</summary>
            <form method="post" action={`${base}/cloture`} class="fr-mt-2w">
              <Csrf ctx={ctx} />
              {deskField('cloture')}
              <Select name="outcome" id="champ-issue" label={t('alerts.fields.outcome')} value={forms?.close?.outcome} options={OUTCOMES.map((o) => ({ value: o, label: t(`alerts.outcomes.${o}`) }))} placeholder={t('forms.choose')} errors={forms?.errors} />
              <TextArea name="note" id="champ-note-cloture" label={t('alerts.fields.closeNote')} value={forms?.close?.note} rows={2} />
              <button class="fr-btn fr-btn--secondary" type="submit">
                {t('alerts.actions.closeSubmit')}
              </button>
            </form>
          </details>
        </section>
      ) : null}

      {alert.status !== 'closed' ? (
        <section class="fr-mb-4w" aria-labelledby="protection-titre">
          <h2 id="protection-titre" class="fr-h4">
            {t('alerts.detail.protection')}
          </h2>
          <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
            <li>
              <a class="fr-btn fr-btn--secondary fr-icon-home-4-line" href={`/pro/placements/recherche?alerte=${alert.id}`}>
                {t('alerts.detail.findPlace')}
              </a>
            </li>
            {alert.hasMinor ? (
              <li>
                <a class="fr-btn fr-btn--secondary fr-icon-time-line" href={`/pro/opp?alerte=${alert.id}`}>
                  {t('alerts.detail.startOpp')}
                </a>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}

      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-lg-7">
          <h2 class="fr-h4">{t('alerts.detail.facts')}</h2>
          <dl class="relais-facts">
            <Fact label={t('alerts.detail.received')}>{formatParis(new Date(alert.createdAt), locale, 'medium')}</Fact>
            <Fact label={t('alerts.detail.context')}>{t(`alerts.contexts.${alert.context}`)}</Fact>
            <Fact label={t('alerts.detail.place')}>
              {alert.airport ? `${t('alerts.place.airport')} ${alert.airport} · ` : ''}
              {alert.commune ? `${t('alerts.place.commune')} ${alert.commune} · ` : ''}
              {`${t('alerts.place.departementShort')} ${alert.departement}`}
            </Fact>
            <Fact label={t('alerts.detail.consent')}>{t(`alerts.consent.${alert.consent}`)}</Fact>
            <Fact label={t('alerts.fields.forms')}>{alert.exploitation.length ? alert.exploitation.map((f) => t(`exploitation.${f}`)).join(', ') : '—'}</Fact>
            {alert.leadDesk ? <Fact label={t('alerts.detail.lead')}>{alert.leadDesk}</Fact> : null}
            {alert.outcome ? <Fact label={t('alerts.fields.outcome')}>{t(`alerts.outcomes.${alert.outcome}`)}</Fact> : null}
          </dl>
          <h3 class="fr-h6 fr-mt-3w">{t('alerts.detail.persons', { count: alert.personCount })}</h3>
          <Table
            caption={t('alerts.detail.persons', { count: alert.personCount })}
            captionHidden
            headers={['#', t('alerts.fields.minor'), t('alerts.fields.age'), t('alerts.fields.gender'), t('alerts.fields.nationality'), t('alerts.detail.languages')]}
            rows={alert.persons.map((p, i) => [
              String(i + 1),
              t(`alerts.minor.${p.minor}`),
              p.estimatedAge === null ? '—' : String(p.estimatedAge),
              t(`alerts.gender.${p.gender}`),
              p.nationality ? countryName(p.nationality, locale) : '—',
              p.languages.map((l) => languageName(l, locale)).join(', ') || '—',
            ])}
          />
          {alert.indicators.length > 0 ? (
            <>
              <h3 class="fr-h6">{t('alerts.fields.indicators')}</h3>
              <ul>
                {alert.indicators.map((code) => (
                  <li key={code}>{t(`alerts.indicators.${code}`)}</li>
                ))}
              </ul>
            </>
          ) : null}
          {alert.description ? (
            <>
              <h3 class="fr-h6">{t('alerts.fields.description')}</h3>
              <p class="relais-pre">{alert.description}</p>
            </>
          ) : null}
        </div>
        <div class="fr-col-12 fr-col-lg-5">
          <h2 class="fr-h4">{t('alerts.detail.recipients')}</h2>
          <ul class="relais-list-actions">
            {alert.recipients.map((r) => (
              <li key={r.deskId}>
                <span>
                  <strong>{r.desk}</strong> — {r.organisation}
                  <br />
                  <span class="fr-text--sm">
                    {t(`alerts.roles.${r.role}`)}
                    {r.level > 0 ? ` · ${t('alerts.badges.escalated', { level: r.level })}` : ''}
                    {r.acknowledgedAt
                      ? ` · ${t('alerts.detail.acknowledgedAt', { at: formatParis(new Date(r.acknowledgedAt), locale) })}`
                      : r.deadlineAt
                        ? ` · ${t('alerts.detail.dueAt', { at: formatParis(new Date(r.deadlineAt), locale) })}`
                        : ''}
                  </span>
                </span>
              </li>
            ))}
          </ul>

          <h2 class="fr-h4 fr-mt-4w">{t('alerts.detail.timeline')}</h2>
          <ol class="relais-timeline">
            {alert.timeline.map((e, i) => (
              <li key={`${e.at}-${i}`}>
                <p class="fr-text--sm fr-mb-0">
                  <strong>{formatParis(new Date(e.at), locale)}</strong> — {t(`alerts.events.${e.kind}`, { desk: e.desk ?? '', target: e.targetDesk ?? '', level: String(e.details.level ?? '') })}
                  {e.actor ? ` (${e.actor})` : ''}
                </p>
                {e.note ? <p class="fr-text--sm relais-note">{e.note}</p> : null}
              </li>
            ))}
          </ol>
          {view === 'desk' || view === 'coordination' ? (
            <form method="post" action={`${base}/notes`} class="fr-mt-2w">
              <Csrf ctx={ctx} />
              {deskField('note')}
              <TextArea name="note" label={t('alerts.fields.note')} value={forms?.note} errors={forms?.note !== undefined ? forms.errors : undefined} rows={3} />
              <button class="fr-btn fr-btn--tertiary" type="submit">
                {t('alerts.actions.addNote')}
              </button>
            </form>
          ) : null}
        </div>
      </div>
    </Layout>
  );
}

export function ReporterAlertPage({ ctx, alert, justSent }: { ctx: PageContext; alert: AlertForReporter; justSent: boolean }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={alert.reference} space="pro" breadcrumb={[[t('nav.pro'), '/pro'], [t('alerts.mine.title'), '/pro/mes-alertes'], [alert.reference]]}>
      {justSent && alert.immediateDanger ? <EmergencyNumbers ctx={ctx} minor={alert.hasMinor} /> : null}
      {justSent ? <div data-clear-drafts hidden /> : null}
      {justSent ? (
        <div class="fr-alert fr-alert--success fr-mb-3w">
          <h2 class="fr-alert__title">{t('alerts.sent.title', { reference: alert.reference })}</h2>
          <p>{t('alerts.sent.text')}</p>
        </div>
      ) : null}
      <h1>
        {alert.reference} <StatusBadge ctx={ctx} status={alert.status} />
      </h1>
      <dl class="relais-facts">
        <Fact label={t('alerts.detail.received')}>{formatParis(new Date(alert.createdAt), locale, 'medium')}</Fact>
        <Fact label={t('alerts.detail.updated')}>{formatParis(new Date(alert.updatedAt), locale, 'medium')}</Fact>
        <Fact label={t('alerts.detail.lead')}>{alert.takenOverBy ?? t('alerts.detail.notYetTaken')}</Fact>
        <Fact label={t('alerts.fields.outcome')}>{alert.outcome ? t(`alerts.outcomes.${alert.outcome}`) : '—'}</Fact>
      </dl>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-4w">
        <li>
          <a class="fr-btn" href="/pro/alertes/nouvelle">
            {t('alerts.raise.another')}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href="/pro/mes-alertes">
            {t('alerts.mine.title')}
          </a>
        </li>
      </ul>
    </Layout>
  );
}

export function MyAlertsPage({ ctx, alerts }: { ctx: PageContext; alerts: ReadonlyArray<{ id: string; reference: string; createdAt: string; status: string; outcome: string | null }> }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('alerts.mine.title')} space="pro" breadcrumb={[[t('nav.pro'), '/pro'], [t('alerts.mine.title')]]}>
      <h1>{t('alerts.mine.title')}</h1>
      <p>
        <a class="fr-btn fr-icon-alarm-warning-line fr-btn--icon-left" href="/pro/alertes/nouvelle">
          {t('alerts.raise.title')}
        </a>
      </p>
      {alerts.length === 0 ? (
        <p>{t('alerts.mine.empty')}</p>
      ) : (
        <Table
          caption={t('alerts.mine.title')}
          captionHidden
          headers={[t('alerts.detail.reference'), t('alerts.detail.received'), t('alerts.detail.status'), t('alerts.fields.outcome')]}
          rows={alerts.map((a) => [
            <a href={`/pro/alertes/${a.id}`} key="r">
              {a.reference}
            </a>,
            formatParis(new Date(a.createdAt), locale),
            <StatusBadge ctx={ctx} status={a.status} key="s" />,
            a.outcome ? t(`alerts.outcomes.${a.outcome}`) : '—',
          ])}
        />
      )}
    </Layout>
  );
}
