import type { Departement } from '../../../platform/geo/index.js';
import { formatParis } from '../../../platform/time/paris.js';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Notice,
  Select,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { languageName } from '../../reference/index.js';
import { NEWSLETTER_LANGUAGES, PROFESSIONS } from '../reference.js';

export interface PreferenceValues {
  email?: string;
  profession?: string;
  departement?: string;
  language?: string;
}

/** The language's name in that language (what a reader looks for). */
export const ownLanguageName = (code: string) =>
  new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? languageName(code);

function PreferenceFields({
  ctx,
  values,
  errors,
  departements,
}: {
  ctx: PageContext;
  values: PreferenceValues;
  errors: FieldErrors | undefined;
  departements: readonly Departement[];
}) {
  const { t } = ctx;
  return (
    <>
      <Select
        name="profession"
        label={t('newsletter.form.profession')}
        required
        errors={errors}
        value={values.profession}
        placeholder={t('forms.choose')}
        options={PROFESSIONS.map((p) => ({ value: p, label: t(`newsletter.professions.${p}`) }))}
      />
      <Select
        name="departement"
        label={t('newsletter.form.departement')}
        hint={t('newsletter.form.departementHint')}
        required
        errors={errors}
        value={values.departement}
        placeholder={t('forms.choose')}
        options={departements.map((d) => ({ value: d.code, label: `${d.name} (${d.code})` }))}
      />
      <Select
        name="language"
        label={t('newsletter.form.language')}
        hint={t('newsletter.form.languageHint')}
        required
        errors={errors}
        value={values.language ?? 'fr'}
        options={NEWSLETTER_LANGUAGES.map((l) => ({
          value: l,
          label: `${ownLanguageName(l)} (${languageName(l, ctx.locale)})`,
        }))}
      />
    </>
  );
}

export function SubscribePage({
  ctx,
  values,
  errors,
  departements,
  done,
}: {
  ctx: PageContext;
  values: PreferenceValues;
  errors?: FieldErrors | undefined;
  departements: readonly Departement[];
  done?: boolean;
}) {
  const { t } = ctx;
  const title = t('newsletter.subscribe.title');
  return (
    <Layout ctx={ctx} title={title} space="public" breadcrumb={[[title]]}>
      <h1>{title}</h1>
      <p class="fr-text--lead">{t('newsletter.subscribe.lead')}</p>
      {done ? (
        <Notice kind="success" title={t('newsletter.subscribe.doneTitle')}>
          <p>{t('newsletter.subscribe.done')}</p>
        </Notice>
      ) : (
        <form method="post" action="/lettre" novalidate>
          <ErrorSummary ctx={ctx} errors={errors} />
          <Csrf ctx={ctx} />
          <TextInput
            name="email"
            type="email"
            autocomplete="email"
            label={t('newsletter.form.email')}
            hint={t('newsletter.form.emailHint')}
            required
            errors={errors}
            value={values.email}
            maxLength={254}
          />
          <PreferenceFields ctx={ctx} values={values} errors={errors} departements={departements} />
          <p class="fr-text--sm">{t('newsletter.subscribe.privacy')}</p>
          <button class="fr-btn" type="submit">
            {t('newsletter.subscribe.submit')}
          </button>
        </form>
      )}
      <p class="fr-mt-4w">
        <a class="fr-link fr-mr-3w" href="/lettre/archives">
          {t('newsletter.archive.title')}
        </a>
        <a class="fr-link fr-icon-rss-line fr-link--icon-left" href="/lettre/archives.rss">
          {t('newsletter.archive.rss')}
        </a>
      </p>
    </Layout>
  );
}

export function ConfirmPage({
  ctx,
  token,
  state,
}: {
  ctx: PageContext;
  token: string;
  state: 'valid' | 'expired';
}) {
  const { t } = ctx;
  const title = t('newsletter.confirm.title');
  return (
    <Layout
      ctx={ctx}
      title={title}
      space="public"
      breadcrumb={[[t('newsletter.subscribe.title'), '/lettre'], [title]]}
    >
      <h1>{title}</h1>
      {state === 'expired' ? (
        <Notice kind="error" title={t('newsletter.confirm.expiredTitle')}>
          <p>{t('newsletter.errors.expired', { days: 7 })}</p>
          <p>
            <a href="/lettre">{t('newsletter.confirm.again')}</a>
          </p>
        </Notice>
      ) : (
        <form method="post" action={`/lettre/confirmer/${token}`}>
          <Csrf ctx={ctx} />
          <p>{t('newsletter.confirm.text')}</p>
          <button class="fr-btn" type="submit">
            {t('newsletter.confirm.submit')}
          </button>
        </form>
      )}
    </Layout>
  );
}

export function PreferencesPage({
  ctx,
  token,
  subscriber,
  values,
  errors,
  departements,
}: {
  ctx: PageContext;
  token: string;
  subscriber: { email: string; status: string; confirmed_at: Date | null };
  values: PreferenceValues;
  errors?: FieldErrors | undefined;
  departements: readonly Departement[];
}) {
  const { t } = ctx;
  const title = t('newsletter.preferences.title');
  return (
    <Layout
      ctx={ctx}
      title={title}
      space="public"
      breadcrumb={[[t('newsletter.subscribe.title'), '/lettre'], [title]]}
    >
      <h1>{title}</h1>
      <p>
        {t('newsletter.preferences.address', { email: subscriber.email })}{' '}
        <strong>{t(`newsletter.status.${subscriber.status}`)}</strong>
        {subscriber.confirmed_at
          ? ` · ${t('newsletter.preferences.since', { date: formatParis(subscriber.confirmed_at, ctx.locale, 'medium') })}`
          : ''}
      </p>
      <form method="post" action={`/lettre/preferences/${token}`} novalidate>
        <ErrorSummary ctx={ctx} errors={errors} />
        <Csrf ctx={ctx} />
        <PreferenceFields ctx={ctx} values={values} errors={errors} departements={departements} />
        <button class="fr-btn" type="submit">
          {t('newsletter.preferences.save')}
        </button>
      </form>
      <h2 class="fr-mt-6w">{t('newsletter.preferences.leave')}</h2>
      {subscriber.status === 'confirmed' || subscriber.status === 'pending' ? (
        <form method="post" action={`/lettre/desabonnement/${token}`}>
          <Csrf ctx={ctx} />
          <button class="fr-btn fr-btn--secondary" type="submit">
            {t('newsletter.unsubscribe.submit')}
          </button>
        </form>
      ) : null}
      <h2 class="fr-mt-6w">{t('newsletter.preferences.data')}</h2>
      <p>
        <a
          class="fr-link fr-icon-download-line fr-link--icon-left"
          href={`/lettre/preferences/${token}/donnees.json`}
          download
        >
          {t('newsletter.preferences.export')}
        </a>
      </p>
      <form method="post" action={`/lettre/preferences/${token}/effacer`}>
        <Csrf ctx={ctx} />
        <p class="fr-text--sm">{t('newsletter.preferences.eraseText')}</p>
        <button class="fr-btn fr-btn--tertiary" type="submit">
          {t('newsletter.preferences.erase')}
        </button>
      </form>
    </Layout>
  );
}

export function MessagePage({
  ctx,
  title,
  text,
  link,
}: {
  ctx: PageContext;
  title: string;
  text: string;
  link?: [string, string];
}) {
  return (
    <Layout
      ctx={ctx}
      title={title}
      space="public"
      breadcrumb={[[ctx.t('newsletter.subscribe.title'), '/lettre'], [title]]}
    >
      <h1>{title}</h1>
      <p>{text}</p>
      {link ? (
        <p>
          <a class="fr-link" href={link[1]}>
            {link[0]}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}

export function UnsubscribePage({ ctx, token }: { ctx: PageContext; token: string }) {
  const { t } = ctx;
  const title = t('newsletter.unsubscribe.title');
  return (
    <Layout
      ctx={ctx}
      title={title}
      space="public"
      breadcrumb={[[t('newsletter.subscribe.title'), '/lettre'], [title]]}
    >
      <h1>{title}</h1>
      <form method="post" action={`/lettre/desabonnement/${token}`}>
        <Csrf ctx={ctx} />
        <p>{t('newsletter.unsubscribe.text')}</p>
        <button class="fr-btn" type="submit">
          {t('newsletter.unsubscribe.submit')}
        </button>
      </form>
    </Layout>
  );
}
