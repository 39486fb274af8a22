import { Csrf, ErrorSummary, type FieldErrors, Select, Table, TextArea, TextInput } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import type { Departement } from '../../../platform/geo/index.js';
import type { OrganisationRow } from '../../../platform/db/schema.js';
import { AdminShell } from '../../admin/views/shell.js';
import { ORGANISATION_TYPES, type OrganisationForm, type OrganisationListQuery } from '../schemas.js';

function typeOptions(ctx: PageContext) {
  return ORGANISATION_TYPES.map((type) => ({ value: type, label: ctx.t(`organisationTypes.${type}`) }));
}

function departementOptions(departements: readonly Departement[]) {
  return departements.map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }));
}

export function OrganisationListPage({
  ctx,
  organisations,
  filter,
  departements,
  canCreate,
}: {
  ctx: PageContext;
  organisations: ReadonlyArray<OrganisationRow & { user_count: number }>;
  filter: OrganisationListQuery;
  departements: readonly Departement[];
  canCreate: boolean;
}) {
  const { t } = ctx;
  return (
    <AdminShell ctx={ctx} title={t('organisations.list.title')} current="/admin/organisations">
      <h1>{t('organisations.list.title')}</h1>
      {canCreate ? (
        <p>
          <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/admin/organisations/nouvelle">
            {t('organisations.list.create')}
          </a>
        </p>
      ) : null}
      <form method="get" action="/admin/organisations" class="fr-mb-4w">
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-4">
            <TextInput name="q" label={t('organisations.list.search')} value={filter.q} type="search" />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <Select name="type" label={t('organisations.fields.type')} value={filter.type} options={typeOptions(ctx)} placeholder={t('forms.all')} />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <Select
              name="departement"
              label={t('organisations.fields.departement')}
              value={filter.departement}
              options={departementOptions(departements)}
              placeholder={t('forms.all')}
            />
          </div>
        </div>
        <button class="fr-btn fr-btn--secondary" type="submit">
          {t('forms.filter')}
        </button>
      </form>
      <Table
        caption={t('organisations.list.caption', { count: organisations.length })}
        headers={[t('organisations.fields.name'), t('organisations.fields.type'), t('organisations.fields.departement'), t('organisations.list.users'), t('organisations.list.status')]}
        rows={organisations.map((o) => [
          <a href={`/admin/organisations/${o.id}`} key="n">
            {o.name}
          </a>,
          t(`organisationTypes.${o.type}`),
          o.departement_code ?? t('organisations.national'),
          String(o.user_count),
          <>
            {o.active ? t('organisations.active') : t('organisations.inactive')}
            {o.is_demo ? <span class="fr-badge fr-badge--sm fr-badge--info fr-ml-1w">{t('common.demo')}</span> : null}
          </>,
        ])}
      />
    </AdminShell>
  );
}

export function OrganisationFormPage({
  ctx,
  organisation,
  values,
  errors,
  departements,
}: {
  ctx: PageContext;
  organisation?: OrganisationRow | undefined;
  values: Partial<OrganisationForm>;
  errors?: FieldErrors | undefined;
  departements: readonly Departement[];
}) {
  const { t } = ctx;
  const title = organisation ? t('organisations.form.editTitle', { name: organisation.name }) : t('organisations.form.createTitle');
  const action = organisation ? `/admin/organisations/${organisation.id}/modifier` : '/admin/organisations';
  return (
    <AdminShell
      ctx={ctx}
      title={title}
      current="/admin/organisations"
      breadcrumb={[[t('admin.title'), '/admin'], [t('organisations.list.title'), '/admin/organisations'], [title]]}
    >
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={action} novalidate>
        <Csrf ctx={ctx} />
        <TextInput name="name" label={t('organisations.fields.name')} value={values.name} errors={errors} required maxLength={200} />
        <TextInput name="shortName" label={t('organisations.fields.shortName')} hint={t('organisations.hints.shortName')} value={values.shortName} errors={errors} maxLength={60} />
        <Select name="type" label={t('organisations.fields.type')} value={values.type} options={typeOptions(ctx)} errors={errors} required placeholder={t('forms.choose')} />
        <Select
          name="departement"
          label={t('organisations.fields.departement')}
          hint={t('organisations.hints.departement')}
          value={values.departement}
          options={departementOptions(departements)}
          errors={errors}
          placeholder={t('organisations.national')}
        />
        <TextInput name="siret" label={t('organisations.fields.siret')} hint={t('organisations.hints.siret')} value={values.siret} errors={errors} inputMode="numeric" maxLength={20} />
        <TextInput name="rna" label={t('organisations.fields.rna')} hint={t('organisations.hints.rna')} value={values.rna} errors={errors} maxLength={12} />
        <TextArea name="description" label={t('organisations.fields.description')} value={values.description} errors={errors} />
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button class="fr-btn" type="submit">
              {organisation ? t('forms.save') : t('organisations.form.create')}
            </button>
          </li>
          <li>
            <a class="fr-btn fr-btn--secondary" href={organisation ? `/admin/organisations/${organisation.id}` : '/admin/organisations'}>
              {t('forms.cancel')}
            </a>
          </li>
        </ul>
      </form>
    </AdminShell>
  );
}

export function OrganisationPage({ ctx, organisation, departementName }: { ctx: PageContext; organisation: OrganisationRow; departementName: string | undefined }) {
  const { t } = ctx;
  const rows: Array<[string, string]> = [
    [t('organisations.fields.type'), t(`organisationTypes.${organisation.type}`)],
    [t('organisations.fields.departement'), organisation.departement_code ? `${organisation.departement_code} — ${departementName ?? ''}` : t('organisations.national')],
    [t('organisations.fields.shortName'), organisation.short_name ?? '—'],
    [t('organisations.fields.siret'), organisation.siret ?? '—'],
    [t('organisations.fields.rna'), organisation.rna ?? '—'],
    [t('organisations.list.status'), organisation.active ? t('organisations.active') : t('organisations.inactive')],
  ];
  return (
    <AdminShell
      ctx={ctx}
      title={organisation.name}
      current="/admin/organisations"
      breadcrumb={[[t('admin.title'), '/admin'], [t('organisations.list.title'), '/admin/organisations'], [organisation.name]]}
    >
      <h1>
        {organisation.name}
        {organisation.is_demo ? <span class="fr-badge fr-badge--info fr-ml-2w">{t('common.demo')}</span> : null}
      </h1>
      {organisation.description ? <p class="fr-text--lead">{organisation.description}</p> : null}
      <dl class="relais-facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <ul class="fr-btns-group fr-btns-group--inline-md fr-mt-4w">
        <li>
          <a class="fr-btn" href={`/admin/organisations/${organisation.id}/modifier`}>
            {t('forms.edit')}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href={`/admin/utilisateurs?organisation=${organisation.id}`}>
            {t('organisations.viewUsers')}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href={`/admin/utilisateurs/inviter?organisation=${organisation.id}`}>
            {t('organisations.inviteUser')}
          </a>
        </li>
        <li>
          <form method="post" action={`/admin/organisations/${organisation.id}/${organisation.active ? 'desactiver' : 'reactiver'}`}>
            <Csrf ctx={ctx} />
            <button class="fr-btn fr-btn--tertiary" type="submit">
              {organisation.active ? t('organisations.deactivate') : t('organisations.reactivate')}
            </button>
          </form>
        </li>
      </ul>
    </AdminShell>
  );
}
