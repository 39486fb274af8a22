import type { ComponentChildren } from 'preact';
import type { PageContext } from './context.js';

export type Space = 'public' | 'pro' | 'pilotage' | 'account' | 'admin';

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  space: Space;
  children: ComponentChildren;
  /** Breadcrumb above the title: [label, href] pairs, the current page last without href. */
  breadcrumb?: ReadonlyArray<readonly [string, string?]>;
}

const SERVICE_NAME = 'Relais';

function withLang(path: string, lang: string): string {
  return `/langue/${lang}?retour=${encodeURIComponent(path)}`;
}

function isCurrent(ctx: PageContext, href: string): boolean {
  const path = ctx.path.split('?')[0] ?? '/';
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

/**
 * On public pages a victim may need to leave at once: the button stays in view on every screen size (the
 * header's tools fold into the menu on a phone), and Escape does the same (public/relais.js).
 */
function QuickExit({ ctx }: { ctx: PageContext }) {
  return (
    <div class="relais-quick-exit-bar">
      <a class="fr-btn fr-btn--sm fr-icon-logout-box-r-line fr-btn--icon-left relais-quick-exit" href="https://meteofrance.com/" rel="noreferrer noopener" data-quick-exit>
        {ctx.t('layout.quickExit')}
      </a>
    </div>
  );
}

function Header({ ctx }: { ctx: PageContext; space: Space }) {
  const { t, actor } = ctx;
  const otherLang = ctx.locale === 'fr' ? 'en' : 'fr';
  const tools = (
    <ul class="fr-btns-group">
      <li>
        <a
          class="fr-btn fr-icon-translate-2"
          href={withLang(ctx.path, otherLang)}
          hreflang={otherLang}
          lang={otherLang}
        >
          {t('layout.otherLanguage')}
        </a>
      </li>
      {actor ? (
        <>
          <li>
            <a class="fr-btn fr-icon-account-circle-line" href="/compte">
              {t('layout.account')}
            </a>
          </li>
          <li>
            <form method="post" action="/deconnexion" class="relais-inline-form">
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <button type="submit" class="fr-btn fr-icon-logout-box-r-line">
                {t('layout.signOut')}
              </button>
            </form>
          </li>
        </>
      ) : (
        <li>
          <a class="fr-btn fr-icon-lock-line" href="/connexion">
            {t('layout.signIn')}
          </a>
        </li>
      )}
    </ul>
  );
  const items = ctx.navigation.filter((item) => !item.visible || item.visible(actor));
  return (
    <header class="fr-header">
      <div class="fr-header__body">
        <div class="fr-container">
          <div class="fr-header__body-row">
            <div class="fr-header__brand fr-enlarge-link">
              <div class="fr-header__brand-top">
                <div class="fr-header__logo">
                  <p class="fr-logo">
                    République
                    <br />
                    Française
                  </p>
                </div>
                <div class="fr-header__navbar">
                  <button
                    type="button"
                    class="fr-btn--menu fr-btn"
                    data-fr-opened="false"
                    aria-controls="menu-principal"
                    aria-haspopup="menu"
                    id="bouton-menu"
                    title={t('layout.menu')}
                  >
                    {t('layout.menu')}
                  </button>
                </div>
              </div>
              <div class="fr-header__service">
                <a href="/" title={t('layout.homeTitle')}>
                  <p class="fr-header__service-title">{SERVICE_NAME}</p>
                </a>
                <p class="fr-header__service-tagline">{t('layout.tagline')}</p>
              </div>
            </div>
            <div class="fr-header__tools">
              <div class="fr-header__tools-links">{tools}</div>
            </div>
          </div>
        </div>
      </div>
      {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: DSFR's script gives this modal its dialog role when it opens */}
      <div class="fr-header__menu fr-modal" id="menu-principal" aria-labelledby="bouton-menu">
        <div class="fr-container">
          <button type="button" class="fr-btn--close fr-btn" aria-controls="menu-principal" title={t('layout.close')}>
            {t('layout.close')}
          </button>
          <div class="fr-header__menu-links" />
          <nav class="fr-nav" id="navigation" role="navigation" aria-label={t('layout.mainMenu')}>
            <ul class="fr-nav__list">
              {items.map((item) => (
                <li class="fr-nav__item" key={item.href}>
                  <a
                    class="fr-nav__link"
                    href={item.href}
                    aria-current={isCurrent(ctx, item.href) ? 'page' : undefined}
                  >
                    {t(item.labelKey)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </div>
    </header>
  );
}

function Footer({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  const bottom: Array<[string, string]> = [
    ['/plan-du-site', t('footer.sitemap')],
    ['/accessibilite', t('footer.accessibility')],
    ['/mentions-legales', t('footer.legal')],
    ['/donnees-personnelles', t('footer.privacy')],
    ['/gestion-des-cookies', t('footer.cookies')],
    ['/affichage', t('footer.display')],
  ];
  return (
    <footer class="fr-footer" role="contentinfo" id="pied-de-page">
      <div class="fr-container">
        <div class="fr-footer__body">
          <div class="fr-footer__brand fr-enlarge-link">
            <a href="/" title={t('layout.homeTitle')}>
              <p class="fr-logo">
                République
                <br />
                Française
              </p>
            </a>
          </div>
          <div class="fr-footer__content">
            <p class="fr-footer__content-desc">{t('footer.description')}</p>
            <ul class="fr-footer__content-list">
              {[
                ['https://www.info.gouv.fr', 'info.gouv.fr'],
                ['https://www.service-public.fr', 'service-public.fr'],
                ['https://www.legifrance.gouv.fr', 'legifrance.gouv.fr'],
                ['https://www.data.gouv.fr', 'data.gouv.fr'],
              ].map(([href, label]) => (
                <li class="fr-footer__content-item" key={href}>
                  <a class="fr-footer__content-link" href={href} rel="noopener external" target="_blank"
                    title={`${label} - ${t('layout.newWindow')}`}>
                    {label}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        </div>
        <div class="fr-footer__bottom">
          <ul class="fr-footer__bottom-list">
            {bottom.map(([href, label]) => (
              <li class="fr-footer__bottom-item" key={href}>
                <a class="fr-footer__bottom-link" href={href}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
          <div class="fr-footer__bottom-copy">
            <p>{t('footer.licence')}</p>
          </div>
        </div>
      </div>
    </footer>
  );
}

function FlashNotice({ ctx }: { ctx: PageContext }) {
  if (!ctx.flash) return null;
  return (
    <div class={`fr-alert fr-alert--${ctx.flash.kind} fr-alert--sm fr-mb-4w`} role="status">
      <p>{ctx.flash.message}</p>
    </div>
  );
}

function Breadcrumb({ ctx, items }: { ctx: PageContext; items: ReadonlyArray<readonly [string, string?]> }) {
  return (
    <nav role="navigation" class="fr-breadcrumb" aria-label={ctx.t('layout.breadcrumb')}>
      <ol class="fr-breadcrumb__list">
        <li>
          <a class="fr-breadcrumb__link" href="/">
            {ctx.t('nav.home')}
          </a>
        </li>
        {items.map(([label, href], index) => (
          <li key={label}>
            {href && index < items.length - 1 ? (
              <a class="fr-breadcrumb__link" href={href}>
                {label}
              </a>
            ) : (
              // biome-ignore lint/a11y/useValidAnchor: DSFR marks the current page as a link without href
              <a class="fr-breadcrumb__link" aria-current="page">
                {label}
              </a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function Layout({ ctx, title, space, children, breadcrumb }: LayoutProps) {
  const { t } = ctx;
  const themeAttrs =
    ctx.theme === 'system' ? { 'data-fr-scheme': 'system' } : { 'data-fr-scheme': ctx.theme, 'data-fr-theme': ctx.theme };
  return (
    <html lang={ctx.locale} {...themeAttrs}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no" />
        <meta name="format-detection" content="telephone=no" />
        <meta name="theme-color" content="#000091" />
        <title>{`${title} — ${SERVICE_NAME}`}</title>
        <link rel="stylesheet" href="/dsfr/dsfr.min.css" />
        <link rel="stylesheet" href="/dsfr/utility/icons/icons.min.css" />
        <link rel="stylesheet" href="/static/relais.css" />
        <link rel="apple-touch-icon" href="/dsfr/favicon/apple-touch-icon.png" />
        <link rel="icon" href="/dsfr/favicon/favicon.svg" type="image/svg+xml" />
        <link rel="shortcut icon" href="/dsfr/favicon/favicon.ico" type="image/x-icon" />
        <link rel="manifest" href="/dsfr/favicon/manifest.webmanifest" crossorigin="use-credentials" />
      </head>
      <body data-space={space}>
        <div class="fr-skiplinks">
          <nav role="navigation" aria-label={t('layout.skipLinks')} class="fr-container">
            <ul class="fr-skiplinks__list">
              <li>
                <a class="fr-link" href="#contenu">
                  {t('layout.skipToContent')}
                </a>
              </li>
              <li>
                <a class="fr-link" href="#navigation">
                  {t('layout.skipToMenu')}
                </a>
              </li>
              <li>
                <a class="fr-link" href="#pied-de-page">
                  {t('layout.skipToFooter')}
                </a>
              </li>
            </ul>
          </nav>
        </div>
        {space === 'public' ? <QuickExit ctx={ctx} /> : null}
        <Header ctx={ctx} space={space} />
        <main id="contenu" role="main" tabindex={-1}>
          <div class="fr-container fr-my-4w">
            {breadcrumb ? <Breadcrumb ctx={ctx} items={breadcrumb} /> : null}
            <FlashNotice ctx={ctx} />
            {children}
          </div>
        </main>
        <Footer ctx={ctx} />
        <script type="module" src="/dsfr/dsfr.module.min.js" />
        <script src="/static/relais.js" defer />
      </body>
    </html>
  );
}
