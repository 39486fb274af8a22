import { Csrf, ErrorSummary, type FieldErrors, Notice, TextInput } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';

function Narrow({ children }: { children: preact.ComponentChildren }) {
  return (
    <div class="fr-grid-row fr-grid-row--center">
      <div class="fr-col-12 fr-col-md-8 fr-col-lg-6">{children}</div>
    </div>
  );
}

export function SignInPage({
  ctx,
  email,
  retour,
  errors,
  proconnect,
}: {
  ctx: PageContext;
  email?: string | undefined;
  retour?: string | undefined;
  errors?: FieldErrors | undefined;
  proconnect: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.signIn.title')} space="account">
      <Narrow>
        <h1>{t('auth.signIn.title')}</h1>
        <p>{t('auth.signIn.intro')}</p>
        {proconnect ? (
          <div class="fr-connect-group fr-mb-4w">
            <a class="fr-connect" href={`/connexion/proconnect${retour ? `?retour=${encodeURIComponent(retour)}` : ''}`}>
              <span class="fr-connect__login">{t('auth.signIn.proconnectLogin')}</span>
              <span class="fr-connect__brand">ProConnect</span>
            </a>
            <p>
              <a href="https://www.proconnect.gouv.fr/" target="_blank" rel="noopener" title={`${t('auth.signIn.proconnectWhat')} - ${t('layout.newWindow')}`}>
                {t('auth.signIn.proconnectWhat')}
              </a>
            </p>
            <p class="fr-hr-or">{t('auth.signIn.or')}</p>
          </div>
        ) : null}
        <ErrorSummary ctx={ctx} errors={errors} />
        <form method="post" action="/connexion" novalidate>
          <Csrf ctx={ctx} />
          {retour ? <input type="hidden" name="retour" value={retour} /> : null}
          <fieldset class="fr-fieldset">
            <legend class="fr-fieldset__legend">{t('auth.signIn.legend')}</legend>
            <div class="fr-fieldset__element">
              <TextInput name="email" type="email" label={t('auth.fields.email')} hint={t('auth.hints.email')} value={email} errors={errors} required autocomplete="username" spellcheck={false} />
            </div>
            <div class="fr-fieldset__element">
              <TextInput name="password" type="password" label={t('auth.fields.password')} errors={errors} required autocomplete="current-password" />
              <p>
                <a href="/mot-de-passe-oublie" class="fr-link">
                  {t('auth.signIn.forgot')}
                </a>
              </p>
            </div>
          </fieldset>
          <button class="fr-btn" type="submit">
            {t('auth.signIn.submit')}
          </button>
        </form>
        <hr class="fr-mt-4w" />
        <p class="fr-text--sm">{t('auth.signIn.noAccount')}</p>
      </Narrow>
    </Layout>
  );
}

export function SecondFactorPage({ ctx, retour, errors }: { ctx: PageContext; retour?: string | undefined; errors?: FieldErrors | undefined }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.secondFactor.title')} space="account">
      <Narrow>
        <h1>{t('auth.secondFactor.title')}</h1>
        <p>{t('auth.secondFactor.intro')}</p>
        <ErrorSummary ctx={ctx} errors={errors} />
        <form method="post" action="/connexion/2fa" novalidate>
          <Csrf ctx={ctx} />
          {retour ? <input type="hidden" name="retour" value={retour} /> : null}
          <TextInput name="code" label={t('auth.fields.code')} hint={t('auth.hints.code')} errors={errors} required autocomplete="one-time-code" inputMode="numeric" maxLength={40} spellcheck={false} />
          <button class="fr-btn" type="submit">
            {t('auth.secondFactor.submit')}
          </button>
        </form>
        <p class="fr-mt-4w fr-text--sm">{t('auth.secondFactor.lost')}</p>
        <form method="post" action="/deconnexion">
          <Csrf ctx={ctx} />
          <button class="fr-btn fr-btn--tertiary" type="submit">
            {t('layout.signOut')}
          </button>
        </form>
      </Narrow>
    </Layout>
  );
}

export function EnrolPage({
  ctx,
  secret,
  qrDataUri,
  errors,
}: {
  ctx: PageContext;
  secret: string;
  qrDataUri: string;
  errors?: FieldErrors | undefined;
}) {
  const { t } = ctx;
  const grouped = secret.replace(/(.{4})/g, '$1 ').trim();
  return (
    <Layout ctx={ctx} title={t('auth.enrol.title')} space="account">
      <Narrow>
        <h1>{t('auth.enrol.title')}</h1>
        <p>{t('auth.enrol.why')}</p>
        <ErrorSummary ctx={ctx} errors={errors} />
        <ol>
          <li>{t('auth.enrol.step1')}</li>
          <li>
            {t('auth.enrol.step2')}
            <div class="fr-my-2w">
              <img src={qrDataUri} alt={t('auth.enrol.qrAlt')} width={200} height={200} class="relais-qr" />
            </div>
            <p class="fr-text--sm">
              {t('auth.enrol.manual')} <code class="relais-secret">{grouped}</code>
            </p>
          </li>
          <li>{t('auth.enrol.step3')}</li>
        </ol>
        <form method="post" action="/compte/2fa" novalidate>
          <Csrf ctx={ctx} />
          <TextInput name="code" label={t('auth.fields.code')} hint={t('auth.hints.totp')} errors={errors} required autocomplete="one-time-code" inputMode="numeric" maxLength={10} spellcheck={false} />
          <button class="fr-btn" type="submit">
            {t('auth.enrol.submit')}
          </button>
        </form>
      </Narrow>
    </Layout>
  );
}

export function RecoveryCodesPage({ ctx, codes, next }: { ctx: PageContext; codes: readonly string[]; next: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.recovery.title')} space="account">
      <Narrow>
        <h1>{t('auth.recovery.title')}</h1>
        <Notice kind="warning" title={t('auth.recovery.onceTitle')}>
          <p>{t('auth.recovery.once')}</p>
        </Notice>
        <ul class="relais-codes">
          {codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <a class="fr-btn" href={next}>
          {t('auth.recovery.continue')}
        </a>
      </Narrow>
    </Layout>
  );
}

export function ForgotPasswordPage({ ctx, sent, errors, email }: { ctx: PageContext; sent: boolean; errors?: FieldErrors | undefined; email?: string | undefined }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('auth.forgot.title')} space="account">
      <Narrow>
        <h1>{t('auth.forgot.title')}</h1>
        {sent ? (
          <Notice kind="success" title={t('auth.forgot.sentTitle')}>
            <p>{t('auth.forgot.sent')}</p>
          </Notice>
        ) : (
          <>
            <p>{t('auth.forgot.intro')}</p>
            <ErrorSummary ctx={ctx} errors={errors} />
            <form method="post" action="/mot-de-passe-oublie" novalidate>
              <Csrf ctx={ctx} />
              <TextInput name="email" type="email" label={t('auth.fields.email')} value={email} errors={errors} required autocomplete="username" />
              <button class="fr-btn" type="submit">
                {t('auth.forgot.submit')}
              </button>
            </form>
          </>
        )}
        <p class="fr-mt-4w">
          <a class="fr-link" href="/connexion">
            {t('auth.forgot.back')}
          </a>
        </p>
      </Narrow>
    </Layout>
  );
}

export function SetPasswordPage({
  ctx,
  token,
  purpose,
  email,
  errors,
  invalid,
}: {
  ctx: PageContext;
  token: string;
  purpose?: 'invitation' | 'password_reset' | undefined;
  email?: string | undefined;
  errors?: FieldErrors | undefined;
  invalid?: boolean;
}) {
  const { t } = ctx;
  const title = purpose === 'invitation' ? t('auth.setPassword.welcomeTitle') : t('auth.setPassword.title');
  return (
    <Layout ctx={ctx} title={title} space="account">
      <Narrow>
        <h1>{title}</h1>
        {invalid ? (
          <>
            <Notice kind="error" title={t('accounts.errors.linkExpired')}>
              <p>{t('auth.setPassword.expiredHelp')}</p>
            </Notice>
            <a class="fr-btn" href="/mot-de-passe-oublie">
              {t('auth.forgot.title')}
            </a>
          </>
        ) : (
          <>
            {email ? <p>{t('auth.setPassword.for', { email })}</p> : null}
            <ErrorSummary ctx={ctx} errors={errors} />
            <form method="post" action="/mot-de-passe/nouveau" novalidate>
              <Csrf ctx={ctx} />
              <input type="hidden" name="jeton" value={token} />
              <input type="hidden" name="email" value={email} autocomplete="username" />
              <TextInput name="password" type="password" label={t('auth.fields.newPassword')} hint={t('auth.hints.password')} errors={errors} required autocomplete="new-password" />
              <TextInput name="confirmation" type="password" label={t('auth.fields.confirmation')} errors={errors} required autocomplete="new-password" />
              <button class="fr-btn" type="submit">
                {t('auth.setPassword.submit')}
              </button>
            </form>
          </>
        )}
      </Narrow>
    </Layout>
  );
}
