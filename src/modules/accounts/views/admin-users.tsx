import { ROLES, SCOPE_KINDS } from '../../../platform/auth/roles.js';
import type { GrantRow, OrganisationRow, UserRow } from '../../../platform/db/schema.js';
import type { Airport } from '../../../platform/geo/index.js';
import { Csrf, ErrorSummary, type FieldErrors, RadioGroup, Select, Table, TextInput } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { AdminShell } from '../../admin/views/shell.js';
import type { UserListRow } from '../repository.js';
import type { GrantInput, InviteForm, UserListQuery } from '../schemas.js';

const USERS = '/admin/utilisateurs';

function roleOptions(ctx: PageContext) {
  return ROLES.map((role) => ({ value: role, label: ctx.t(`roles.${role}`) }));
}

function StatusBadge({ ctx, status }: { ctx: PageContext; status: string }) {
  const kind = status === 'active' ? 'success' : status === 'invited' ? 'info' : 'warning';
  return <span class={`fr-badge fr-badge--sm fr-badge--${kind}`}>{ctx.t(`accounts.status.${status}`)}</span>;
}

function GrantFields({ ctx, values, errors, airports }: { ctx: PageContext; values: Partial<GrantInput>; errors?: FieldErrors | undefined; airports: readonly Airport[] }) {
  const { t } = ctx;
  return (
    <>
      <Select name="role" label={t('accounts.fields.role')} value={values.role} options={roleOptions(ctx)} errors={errors} required placeholder={t('forms.choose')} />
      <RadioGroup
        name="scopeKind"
        label={t('accounts.fields.scope')}
        hint={t('accounts.hints.scope')}
        value={values.scopeKind ?? 'organisation'}
        options={SCOPE_KINDS.map((k) => ({ value: k, label: t(`scopes.kinds.${k}`) }))}
        errors={errors}
      />
      <TextInput name="departements" label={t('accounts.fields.departements')} hint={t('accounts.hints.departements')} value={values.departements} errors={errors} maxLength={400} />
      <Select
        name="airport"
        label={t('accounts.fields.airport')}
        hint={t('accounts.hints.airport')}
        value={values.airport}
        options={airports.map((a) => ({ value: a.iata, label: `${a.iata} — ${a.name}` }))}
        errors={errors}
        placeholder={t('forms.none')}
      />
    </>
  );
}

export function UserListPage({
  ctx,
  users,
  filter,
  organisation,
}: {
  ctx: PageContext;
  users: readonly UserListRow[];
  filter: UserListQuery;
  organisation?: OrganisationRow | undefined;
}) {
  const { t } = ctx;
  const title = organisation ? t('accounts.list.titleFor', { name: organisation.name }) : t('accounts.list.title');
  return (
    <AdminShell ctx={ctx} title={title} current={USERS}>
      <h1>{title}</h1>
      <p>
        <a class="fr-btn fr-icon-user-add-line fr-btn--icon-left" href={`${USERS}/inviter${organisation ? `?organisation=${organisation.id}` : ''}`}>
          {t('accounts.list.invite')}
        </a>
      </p>
      <form method="get" action={USERS} class="fr-mb-4w">
        {organisation ? <input type="hidden" name="organisation" value={organisation.id} /> : null}
        <div class="fr-grid-row fr-grid-row--gutters">
          <div class="fr-col-12 fr-col-md-4">
            <TextInput name="q" type="search" label={t('accounts.list.search')} value={filter.q} />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <Select name="role" label={t('accounts.fields.role')} value={filter.role} options={roleOptions(ctx)} placeholder={t('forms.all')} />
          </div>
          <div class="fr-col-12 fr-col-md-4">
            <Select
              name="status"
              label={t('accounts.fields.status')}
              value={filter.status}
              options={['active', 'invited', 'deactivated'].map((s) => ({ value: s, label: t(`accounts.status.${s}`) }))}
              placeholder={t('forms.all')}
            />
          </div>
        </div>
        <button class="fr-btn fr-btn--secondary" type="submit">
          {t('forms.filter')}
        </button>
      </form>
      <Table
        caption={t('accounts.list.caption', { count: users.length })}
        headers={[t('accounts.fields.displayName'), t('auth.fields.email'), t('accounts.fields.organisation'), t('accounts.list.roles'), t('accounts.fields.status')]}
        rows={users.map((u) => [
          <a href={`${USERS}/${u.id}`} key="n">
            {u.display_name}
          </a>,
          u.email,
          u.organisation_name,
          u.roles.map((r) => t(`roles.${r}`)).join(', ') || '—',
          <StatusBadge ctx={ctx} status={u.status} key="s" />,
        ])}
      />
    </AdminShell>
  );
}

export function InviteUserPage({
  ctx,
  values,
  errors,
  organisations,
  airports,
}: {
  ctx: PageContext;
  values: Partial<InviteForm>;
  errors?: FieldErrors | undefined;
  organisations: ReadonlyArray<Pick<OrganisationRow, 'id' | 'name' | 'departement_code'>>;
  airports: readonly Airport[];
}) {
  const { t } = ctx;
  const title = t('accounts.invite.title');
  return (
    <AdminShell ctx={ctx} title={title} current={USERS} breadcrumb={[[t('admin.title'), '/admin'], [t('accounts.list.title'), USERS], [title]]}>
      <h1>{title}</h1>
      <p>{t('accounts.invite.intro')}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={`${USERS}/inviter`} novalidate>
        <Csrf ctx={ctx} />
        <TextInput name="email" type="email" label={t('auth.fields.email')} value={values.email} errors={errors} required autocomplete="off" />
        <TextInput name="displayName" label={t('accounts.fields.displayName')} hint={t('accounts.hints.displayName')} value={values.displayName} errors={errors} required maxLength={120} />
        <Select
          name="organisationId"
          label={t('accounts.fields.organisation')}
          value={values.organisationId}
          options={organisations.map((o) => ({ value: o.id, label: o.departement_code ? `${o.name} (${o.departement_code})` : o.name }))}
          errors={errors}
          required
          placeholder={t('forms.choose')}
        />
        <fieldset class="fr-fieldset fr-mt-2w">
          <legend class="fr-fieldset__legend">{t('accounts.invite.grantLegend')}</legend>
          <div class="fr-fieldset__element">
            <GrantFields ctx={ctx} values={values} errors={errors} airports={airports} />
          </div>
        </fieldset>
        <button class="fr-btn" type="submit">
          {t('accounts.invite.submit')}
        </button>
      </form>
    </AdminShell>
  );
}

export function UserPage({
  ctx,
  user,
  organisation,
  grants,
  describeGrant,
  airports,
  grantValues,
  grantErrors,
}: {
  ctx: PageContext;
  user: UserRow;
  organisation: OrganisationRow;
  grants: readonly GrantRow[];
  describeGrant: (g: GrantRow) => string;
  airports: readonly Airport[];
  grantValues?: Partial<GrantInput> | undefined;
  grantErrors?: FieldErrors | undefined;
}) {
  const { t } = ctx;
  const base = `${USERS}/${user.id}`;
  const self = ctx.actor?.userId === user.id;
  return (
    <AdminShell ctx={ctx} title={user.display_name} current={USERS} breadcrumb={[[t('admin.title'), '/admin'], [t('accounts.list.title'), USERS], [user.display_name]]}>
      <h1>
        {user.display_name} <StatusBadge ctx={ctx} status={user.status} />
      </h1>
      <dl class="relais-facts">
        <div>
          <dt>{t('auth.fields.email')}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{t('accounts.fields.organisation')}</dt>
          <dd>
            <a href={`/admin/organisations/${organisation.id}`}>{organisation.name}</a>
          </dd>
        </div>
        <div>
          <dt>{t('account.secondFactor.title')}</dt>
          <dd>{user.totp_enabled_at ? t('account.secondFactor.enabled') : t('account.secondFactor.notEnabled')}</dd>
        </div>
      </dl>

      <h2 class="fr-mt-4w">{t('account.grants')}</h2>
      {grants.length === 0 ? <p>{t('account.noGrant')}</p> : null}
      <ul class="relais-list-actions">
        {grants.map((g) => (
          <li key={g.id}>
            <span>{describeGrant(g)}</span>
            <form method="post" action={`${base}/habilitations/${g.id}/supprimer`}>
              <Csrf ctx={ctx} />
              <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                {t('accounts.grants.remove')}
              </button>
            </form>
          </li>
        ))}
      </ul>

      <h3 class="fr-h6 fr-mt-3w" id="ajouter-habilitation">
        {t('accounts.grants.add')}
      </h3>
      <ErrorSummary ctx={ctx} errors={grantErrors} />
      <form method="post" action={`${base}/habilitations`} novalidate>
        <Csrf ctx={ctx} />
        <GrantFields ctx={ctx} values={grantValues ?? {}} errors={grantErrors} airports={airports} />
        <button class="fr-btn fr-btn--secondary" type="submit">
          {t('accounts.grants.submit')}
        </button>
      </form>

      <h2 class="fr-mt-6w">{t('accounts.actions.title')}</h2>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        {user.status === 'invited' ? (
          <li>
            <form method="post" action={`${base}/relancer`}>
              <Csrf ctx={ctx} />
              <button class="fr-btn fr-btn--secondary" type="submit">
                {t('accounts.actions.resend')}
              </button>
            </form>
          </li>
        ) : null}
        {user.totp_enabled_at ? (
          <li>
            <form method="post" action={`${base}/2fa/reinitialiser`}>
              <Csrf ctx={ctx} />
              <button class="fr-btn fr-btn--secondary" type="submit">
                {t('accounts.actions.resetSecondFactor')}
              </button>
            </form>
          </li>
        ) : null}
        {self ? null : (
          <li>
            <form method="post" action={`${base}/${user.status === 'deactivated' ? 'reactiver' : 'desactiver'}`}>
              <Csrf ctx={ctx} />
              <button class="fr-btn fr-btn--tertiary" type="submit">
                {user.status === 'deactivated' ? t('accounts.actions.reactivate') : t('accounts.actions.deactivate')}
              </button>
            </form>
          </li>
        )}
      </ul>
    </AdminShell>
  );
}
