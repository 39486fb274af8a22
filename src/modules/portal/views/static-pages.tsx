import { Csrf, RadioGroup } from '../../../platform/views/components.js';
import type { NavigationItem, PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';

export const LEGAL_PAGES = ['accessibilite', 'mentions-legales', 'donnees-personnelles', 'gestion-des-cookies'] as const;
export type LegalPage = (typeof LEGAL_PAGES)[number];

const COOKIES = ['relais_session', 'relais_csrf', 'relais_lang', 'relais_theme', 'relais_flash', 'relais_oidc'] as const;

/** Texts of the legal pages live in the catalogs (legal.<page>.sections[]), so both languages stay in step. */
export function LegalPageView({ ctx, page }: { ctx: PageContext; page: LegalPage }) {
  const { t } = ctx;
  const sections = t(`legal.${page}.sections`, { returnObjects: true }) as unknown as Array<{ title: string; paragraphs: string[] }>;
  return (
    <Layout ctx={ctx} title={t(`legal.${page}.title`)} space="public" breadcrumb={[[t(`legal.${page}.title`)]]}>
      <div class="fr-grid-row">
        <div class="fr-col-12 fr-col-md-9">
          <h1>{t(`legal.${page}.title`)}</h1>
          {sections.map((section) => (
            <section key={section.title} class="fr-mb-4w">
              <h2 class="fr-h4">{section.title}</h2>
              {section.paragraphs.map((p) => (
                <p key={p}>{p}</p>
              ))}
            </section>
          ))}
          {page === 'gestion-des-cookies' ? (
            <ul>
              {COOKIES.map((name) => (
                <li key={name}>
                  <code>{name}</code> — {t(`legal.cookies.${name}`)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
    </Layout>
  );
}

export function SitemapPage({ ctx, navigation }: { ctx: PageContext; navigation: readonly NavigationItem[] }) {
  const { t } = ctx;
  const visible = navigation.filter((n) => !n.visible || n.visible(ctx.actor));
  return (
    <Layout ctx={ctx} title={t('footer.sitemap')} space="public" breadcrumb={[[t('footer.sitemap')]]}>
      <h1>{t('footer.sitemap')}</h1>
      <ul>
        {visible.map((item) => (
          <li key={item.href}>
            <a href={item.href}>{t(item.labelKey)}</a>
          </li>
        ))}
        <li>
          <a href="/connexion">{t('layout.signIn')}</a>
        </li>
        <li>
          <a href="/compte">{t('layout.account')}</a>
        </li>
        {LEGAL_PAGES.map((page) => (
          <li key={page}>
            <a href={`/${page}`}>{t(`legal.${page}.title`)}</a>
          </li>
        ))}
        <li>
          <a href="/affichage">{t('footer.display')}</a>
        </li>
        <li>
          <a href="/api/docs">{t('sitemap.api')}</a>
        </li>
      </ul>
    </Layout>
  );
}

export function DisplayPage({ ctx, retour }: { ctx: PageContext; retour: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('display.title')} space="public" breadcrumb={[[t('display.title')]]}>
      <h1>{t('display.title')}</h1>
      <form method="post" action="/affichage">
        <Csrf ctx={ctx} />
        <input type="hidden" name="retour" value={retour} />
        <RadioGroup
          name="theme"
          label={t('display.legend')}
          value={ctx.theme}
          options={[
            { value: 'light', label: t('display.light') },
            { value: 'dark', label: t('display.dark') },
            { value: 'system', label: t('display.system') },
          ]}
        />
        <button class="fr-btn" type="submit">
          {t('forms.save')}
        </button>
      </form>
    </Layout>
  );
}
