import { API_SCOPES } from '../../../platform/auth/scopes.js';
import { CheckboxGroup, Csrf, ErrorSummary, type FieldErrors, Notice, Table, TextInput } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { ApiTokenForm } from '../schemas.js';

export interface AccountView {
  grants: Array<{ role: string; scope_kind: string; departement_codes: string[]; airport_iata: string | null }>;
  secondFactor: { enabled: boolean; required: boolean; recoveryCodesLeft: number };
  sessions: Array<{ id: string; auth_method: string; created_at: Date; last_seen_at: Date }>;
  tokens: Array<{ id: string; name: string; scopes: string[]; created_at: Date; expires_at: Date | null; last_used_at: Date | null; revoked_at: Date | null }>;
}

function formatDate(ctx: PageContext, date: Date | null): string {
  if (!date) return '—';
  return new Intl.DateTimeFormat(ctx.locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(date);
}

export function AccountPage({
  ctx,
  view,
  describeGrant,
  tokenForm,
  tokenErrors,
}: {
  ctx: PageContext;
  view: AccountView;
  describeGrant: (g: AccountView['grants'][number]) => string;
  tokenForm?: Partial<ApiTokenForm> | undefined;
  tokenErrors?: FieldErrors | undefined;
}) {
  const { t } = ctx;
  const actor = ctx.actor!;
  return (
    <Layout ctx={ctx} title={t('account.title')} space="account" breadcrumb={[[t('account.title')]]}>
      <h1>{t('account.title')}</h1>
      <section class="fr-mb-6w">
        <h2>{t('account.profile')}</h2>
        <dl class="relais-facts">
          <div>
            <dt>{t('account.name')}</dt>
            <dd>{actor.displayName}</dd>
          </div>
          <div>
            <dt>{t('auth.fields.email')}</dt>
            <dd>{actor.email}</dd>
          </div>
          <div>
            <dt>{t('account.organisation')}</dt>
            <dd>{actor.organisation.name}</dd>
          </div>
        </dl>
        <h3 class="fr-h6 fr-mt-3w">{t('account.grants')}</h3>
        {view.grants.length === 0 ? (
          <p>{t('account.noGrant')}</p>
        ) : (
          <ul>
            {view.grants.map((g) => (
              <li key={`${g.role}-${g.scope_kind}-${g.departement_codes.join()}-${g.airport_iata}`}>{describeGrant(g)}</li>
            ))}
          </ul>
        )}
      </section>

      <section class="fr-mb-6w" id="double-authentification">
        <h2>{t('account.secondFactor.title')}</h2>
        {view.secondFactor.enabled ? (
          <>
            <p>
              <span class="fr-badge fr-badge--success">{t('account.secondFactor.enabled')}</span>
            </p>
            <p>{t('account.secondFactor.codesLeft', { count: view.secondFactor.recoveryCodesLeft })}</p>
            <form method="post" action="/compte/2fa/codes">
              <Csrf ctx={ctx} />
              <button class="fr-btn fr-btn--secondary" type="submit">
                {t('account.secondFactor.regenerate')}
              </button>
            </form>
          </>
        ) : (
          <>
            <p>{view.secondFactor.required ? t('account.secondFactor.required') : t('account.secondFactor.optional')}</p>
            <a class="fr-btn" href="/compte/2fa">
              {t('account.secondFactor.enrol')}
            </a>
          </>
        )}
      </section>

      <section class="fr-mb-6w" id="sessions">
        <h2>{t('account.sessions.title')}</h2>
        <Table
          caption={t('account.sessions.caption')}
          captionHidden
          headers={[t('account.sessions.method'), t('account.sessions.started'), t('account.sessions.lastSeen'), '']}
          rows={view.sessions.map((s) => [
            t(`account.sessions.methods.${s.auth_method}`),
            formatDate(ctx, s.created_at),
            formatDate(ctx, s.last_seen_at),
            s.id === actor.sessionId ? <span class="fr-badge fr-badge--sm fr-badge--info">{t('account.sessions.current')}</span> : '',
          ])}
        />
        <form method="post" action="/compte/sessions/revoquer">
          <Csrf ctx={ctx} />
          <button class="fr-btn fr-btn--secondary fr-icon-logout-box-r-line fr-btn--icon-left" type="submit">
            {t('account.sessions.revokeAll')}
          </button>
        </form>
      </section>

      <section class="fr-mb-6w" id="jetons">
        <h2>{t('account.tokens.title')}</h2>
        <p>{t('account.tokens.intro')}</p>
        {view.tokens.length > 0 ? (
          <Table
            caption={t('account.tokens.caption')}
            captionHidden
            headers={[t('account.tokens.name'), t('account.tokens.scopes'), t('account.tokens.created'), t('account.tokens.lastUsed'), t('account.tokens.status')]}
            rows={view.tokens.map((token) => [
              token.name,
              token.scopes.join(', '),
              formatDate(ctx, token.created_at),
              formatDate(ctx, token.last_used_at),
              token.revoked_at ? (
                t('account.tokens.revoked')
              ) : (
                <form method="post" action={`/compte/jetons/${token.id}/revoquer`} key="r">
                  <Csrf ctx={ctx} />
                  <button class="fr-btn fr-btn--sm fr-btn--tertiary" type="submit">
                    {t('account.tokens.revoke')}
                  </button>
                </form>
              ),
            ])}
          />
        ) : (
          <p>{t('account.tokens.none')}</p>
        )}
        <h3 class="fr-h6">{t('account.tokens.create')}</h3>
        <ErrorSummary ctx={ctx} errors={tokenErrors} />
        <form method="post" action="/compte/jetons" novalidate>
          <Csrf ctx={ctx} />
          <TextInput name="name" label={t('account.tokens.name')} hint={t('account.tokens.nameHint')} value={tokenForm?.name} errors={tokenErrors} required maxLength={80} />
          <CheckboxGroup
            name="scopes"
            label={t('account.tokens.scopes')}
            hint={t('account.tokens.scopesHint')}
            values={tokenForm?.scopes ?? []}
            options={Object.entries(API_SCOPES).map(([value, label]) => ({ value, label: `${value} — ${label}` }))}
            errors={tokenErrors}
          />
          <TextInput name="expiresInDays" label={t('account.tokens.expires')} hint={t('account.tokens.expiresHint')} value={tokenForm?.expiresInDays} errors={tokenErrors} inputMode="numeric" maxLength={4} />
          <button class="fr-btn" type="submit">
            {t('account.tokens.submit')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

export function TokenCreatedPage({ ctx, token, name }: { ctx: PageContext; token: string; name: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('account.tokens.createdTitle')} space="account" breadcrumb={[[t('account.title'), '/compte'], [t('account.tokens.createdTitle')]]}>
      <h1>{t('account.tokens.createdTitle')}</h1>
      <Notice kind="warning" title={t('account.tokens.onceTitle')}>
        <p>{t('account.tokens.once', { name })}</p>
      </Notice>
      <p>
        <code class="relais-secret">{token}</code>
      </p>
      <p class="fr-text--sm">{t('account.tokens.usage')}</p>
      <pre class="relais-pre">{`curl -H "Authorization: Bearer ${token}" ${'<adresse>'}/api/v1/me`}</pre>
      <a class="fr-btn" href="/compte#jetons">
        {t('account.tokens.back')}
      </a>
    </Layout>
  );
}
