import type { RoutingRulesTable } from '../../../platform/db/schema.js';
import type { Airport } from '../../../platform/geo/index.js';
import { CheckboxGroup, Csrf, ErrorSummary, type FieldErrors, Select, Table, TextInput } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { ORGANISATION_TYPES } from '../../organisations/schemas.js';
import { EXPLOITATION_FORMS } from '../../reference/index.js';
import type { DeskRow } from '../desks-repository.js';
import type { RuleInput } from '../desks.js';
import { ALERT_CONTEXTS } from '../reference.js';

type Rule = { [K in keyof RoutingRulesTable]: RoutingRulesTable[K] extends import('kysely').ColumnType<infer S, unknown, unknown> ? S : RoutingRulesTable[K] };

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

function Crumbs(ctx: PageContext, last: string, middle?: [string, string]) {
  return [[ctx.t('nav.pro'), '/pro'] as const, ...(middle ? [middle] : []), [last] as const];
}

export function DeskListPage({
  ctx,
  desks,
  organisations,
  values,
  errors,
}: {
  ctx: PageContext;
  desks: readonly DeskRow[];
  organisations: ReadonlyArray<{ id: string; name: string }>;
  values?: { organisationId?: string; name?: string; departements?: string };
  errors?: FieldErrors | undefined;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('desks.title')} space="pro" breadcrumb={Crumbs(ctx, t('desks.title'))}>
      <h1>{t('desks.title')}</h1>
      <p>{t('desks.intro')}</p>
      <Table
        caption={t('desks.title')}
        captionHidden
        headers={[t('desks.fields.name'), t('desks.fields.organisation'), t('desks.fields.territory'), t('desks.fields.members'), t('desks.fields.status')]}
        rows={desks.map((d) => [
          <a href={`/pro/permanences/${d.id}`} key="n">
            {d.name}
            {d.is_coordination ? ` (${t('desks.coordination')})` : ''}
          </a>,
          d.organisation_name,
          [...d.departements, ...d.airports].join(', ') || '—',
          String(d.member_count),
          d.active ? t('organisations.active') : t('organisations.inactive'),
        ])}
      />
      <h2 class="fr-h4 fr-mt-4w">{t('desks.create')}</h2>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/pro/permanences" novalidate>
        <Csrf ctx={ctx} />
        <Select name="organisationId" label={t('desks.fields.organisation')} value={values?.organisationId} options={organisations.map((o) => ({ value: o.id, label: o.name }))} placeholder={t('forms.choose')} errors={errors} required />
        <TextInput name="name" label={t('desks.fields.name')} hint={t('desks.hints.name')} value={values?.name} errors={errors} required />
        <TextInput name="departements" label={t('desks.fields.departements')} hint={t('desks.hints.departements')} value={values?.departements} errors={errors} />
        <button class="fr-btn" type="submit">
          {t('desks.create')}
        </button>
      </form>
    </Layout>
  );
}

export function DeskPage({
  ctx,
  desk,
  members,
  shifts,
  errors,
  shift,
}: {
  ctx: PageContext;
  shift?: { userId?: string; weekdays?: string[]; start?: string; end?: string } | undefined;
  desk: DeskRow;
  members: ReadonlyArray<{ id: string; display_name: string; email: string; status: string }>;
  shifts: ReadonlyArray<{ id: string; user_id: string; display_name: string; weekdays: number[]; start_minute: number; end_minute: number }>;
  errors?: FieldErrors | undefined;
}) {
  const { t } = ctx;
  const base = `/pro/permanences/${desk.id}`;
  return (
    <Layout ctx={ctx} title={desk.name} space="pro" breadcrumb={Crumbs(ctx, desk.name, [t('desks.title'), '/pro/permanences'])}>
      <h1>{desk.name}</h1>
      <p>
        {desk.organisation_name} · {t('desks.fields.territory')} : {[...desk.departements, ...desk.airports].join(', ') || '—'}
      </p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h2 class="fr-h4">{t('desks.members')}</h2>
      <ul class="relais-list-actions">
        {members.map((m) => (
          <li key={m.id}>
            <span>
              {m.display_name} — {m.email}
            </span>
            <form method="post" action={`${base}/membres/${m.id}/retirer`}>
              <Csrf ctx={ctx} />
              <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                {t('desks.removeMember')}
              </button>
            </form>
          </li>
        ))}
      </ul>
      <form method="post" action={`${base}/membres`} novalidate class="fr-mb-4w">
        <Csrf ctx={ctx} />
        <TextInput name="email" type="email" label={t('desks.fields.memberEmail')} hint={t('desks.hints.memberEmail')} errors={errors} />
        <button class="fr-btn fr-btn--secondary" type="submit">
          {t('desks.addMember')}
        </button>
      </form>

      <h2 class="fr-h4">{t('desks.shifts')}</h2>
      <p class="fr-text--sm">{t('desks.shiftsIntro')}</p>
      <ul class="relais-list-actions">
        {shifts.map((s) => (
          <li key={s.id}>
            <span>
              {s.display_name} — {s.weekdays.map((d) => t(`desks.weekdays.${d}`)).join(', ')} · {hhmm(s.start_minute)}–{hhmm(s.end_minute)}
            </span>
            <form method="post" action={`${base}/creneaux/${s.id}/retirer`}>
              <Csrf ctx={ctx} />
              <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                {t('desks.removeShift')}
              </button>
            </form>
          </li>
        ))}
      </ul>
      {members.length > 0 ? (
        <form method="post" action={`${base}/creneaux`} novalidate>
          <Csrf ctx={ctx} />
          <Select name="userId" label={t('desks.fields.member')} value={shift?.userId} options={members.map((m) => ({ value: m.id, label: m.display_name }))} errors={errors} />
          <CheckboxGroup name="weekdays" label={t('desks.fields.weekdays')} values={shift ? (shift.weekdays ?? []) : ['1', '2', '3', '4', '5']} inline options={WEEKDAYS.map((d) => ({ value: String(d), label: t(`desks.weekdays.${d}`) }))} errors={errors} />
          <div class="fr-grid-row fr-grid-row--gutters">
            <div class="fr-col-6">
              <TextInput name="start" label={t('desks.fields.start')} hint="09:00" value={shift?.start ?? '09:00'} errors={errors} />
            </div>
            <div class="fr-col-6">
              <TextInput name="end" label={t('desks.fields.end')} hint={t('desks.hints.end')} value={shift?.end ?? '18:00'} errors={errors} />
            </div>
          </div>
          <button class="fr-btn fr-btn--secondary" type="submit">
            {t('desks.addShift')}
          </button>
        </form>
      ) : null}
      {desk.is_coordination ? null : (
        <form method="post" action={`${base}/${desk.active ? 'desactiver' : 'reactiver'}`} class="fr-mt-4w">
          <Csrf ctx={ctx} />
          <button class="fr-btn fr-btn--tertiary" type="submit">
            {desk.active ? t('desks.deactivate') : t('desks.reactivate')}
          </button>
        </form>
      )}
    </Layout>
  );
}

export function RuleListPage({ ctx, rules }: { ctx: PageContext; rules: ReadonlyArray<{ rule: Rule; editable: boolean; deskNames: string[] }> }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('rules.title')} space="pro" breadcrumb={Crumbs(ctx, t('rules.title'))}>
      <h1>{t('rules.title')}</h1>
      <p>{t('rules.intro')}</p>
      <p>
        <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/pro/routage/nouvelle">
          {t('rules.create')}
        </a>
      </p>
      <Table
        caption={t('rules.title')}
        captionHidden
        headers={[t('rules.fields.name'), t('rules.fields.scope'), t('rules.fields.conditions'), t('rules.fields.targets'), t('rules.fields.ackMinutes')]}
        rows={rules.map(({ rule, editable, deskNames }) => [
          editable ? (
            <a href={`/pro/routage/${rule.id}`} key="n">
              {rule.name}
            </a>
          ) : (
            rule.name
          ),
          [...rule.departements, ...rule.airports].join(', ') || t('rules.everywhere'),
          [rule.minors_only ? t('rules.minorsOnly') : '', ...rule.exploitation_forms.map((f) => t(`exploitation.${f}`)), ...rule.contexts.map((c) => t(`alerts.contexts.${c}`))].filter(Boolean).join(', ') || t('rules.any'),
          [...deskNames, ...(rule.competence ? [t('rules.competenceOf', { type: t(`organisationTypes.${rule.competence}`) })] : [])].join(', '),
          `${rule.ack_minutes} min${rule.active ? '' : ` · ${t('rules.inactive')}`}`,
        ])}
      />
    </Layout>
  );
}

export function RuleFormPage({
  ctx,
  rule,
  values,
  errors,
  desks,
  airports,
}: {
  ctx: PageContext;
  rule?: { id: string; name: string } | undefined;
  values: RuleInput;
  errors?: FieldErrors | undefined;
  desks: ReadonlyArray<{ id: string; name: string; organisation_name: string }>;
  airports: readonly Airport[];
}) {
  const { t } = ctx;
  const title = rule ? t('rules.editTitle', { name: rule.name }) : t('rules.create');
  const deskOptions = desks.map((d) => ({ value: d.id, label: `${d.name} (${d.organisation_name})` }));
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={Crumbs(ctx, title, [t('rules.title'), '/pro/routage'])}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={rule ? `/pro/routage/${rule.id}` : '/pro/routage'} novalidate>
        <Csrf ctx={ctx} />
        <TextInput name="name" label={t('rules.fields.name')} value={values.name} errors={errors} required />
        <TextInput name="departements" label={t('rules.fields.departements')} hint={t('rules.hints.departements')} value={values.departements} errors={errors} />
        <CheckboxGroup name="airports" label={t('rules.fields.airports')} values={values.airports ?? []} inline options={airports.map((a) => ({ value: a.iata, label: a.iata }))} errors={errors} />
        <CheckboxGroup name="minorsOnly" label={t('rules.fields.minors')} values={values.minorsOnly ? ['on'] : []} options={[{ value: 'on', label: t('rules.minorsOnly') }]} />
        <CheckboxGroup name="forms" label={t('rules.fields.forms')} hint={t('rules.hints.any')} values={values.forms ?? []} options={EXPLOITATION_FORMS.map((f) => ({ value: f, label: t(`exploitation.${f}`) }))} errors={errors} />
        <CheckboxGroup name="contexts" label={t('rules.fields.contexts')} hint={t('rules.hints.any')} values={values.contexts ?? []} options={ALERT_CONTEXTS.map((c) => ({ value: c, label: t(`alerts.contexts.${c}`) }))} errors={errors} />
        <CheckboxGroup name="deskIds" label={t('rules.fields.desks')} values={values.deskIds ?? []} options={deskOptions} errors={errors} />
        <Select name="competence" label={t('rules.fields.competence')} hint={t('rules.hints.competence')} value={values.competence} options={ORGANISATION_TYPES.map((o) => ({ value: o, label: t(`organisationTypes.${o}`) }))} placeholder={t('forms.none')} errors={errors} />
        <TextInput name="ackMinutes" type="number" inputMode="numeric" label={t('rules.fields.ackMinutes')} value={String(values.ackMinutes ?? 30)} errors={errors} />
        <CheckboxGroup name="escalationDeskIds" label={t('rules.fields.escalation')} hint={t('rules.hints.escalation')} values={values.escalationDeskIds ?? []} options={deskOptions} errors={errors} />
        <CheckboxGroup name="active" label={t('rules.fields.active')} values={values.active === false ? [] : ['on']} options={[{ value: 'on', label: t('rules.activeLabel') }]} />
        <button class="fr-btn" type="submit">
          {t('forms.save')}
        </button>
      </form>
    </Layout>
  );
}
