import type { ComponentChildren } from 'preact';
import { type Actor, hasRole } from '../../../platform/auth/roles.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';

interface MenuItem {
  href: string;
  labelKey: string;
  visible: (actor: Actor) => boolean;
}

const adminOnly = (actor: Actor) => hasRole(actor, 'national_admin');
const managers = (actor: Actor) => hasRole(actor, 'national_admin', 'coordinator');

export const ADMIN_MENU: readonly MenuItem[] = [
  { href: '/admin', labelKey: 'admin.menu.overview', visible: managers },
  { href: '/admin/organisations', labelKey: 'admin.menu.organisations', visible: managers },
  { href: '/admin/utilisateurs', labelKey: 'admin.menu.users', visible: managers },
  { href: '/admin/courriels', labelKey: 'admin.menu.outbox', visible: adminOnly },
  { href: '/admin/journal', labelKey: 'admin.menu.audit', visible: adminOnly },
  { href: '/admin/dossiers', labelKey: 'admin.menu.cases', visible: adminOnly },
];

/** Administration pages: a side menu (a plain list of links, works without JavaScript) beside the content. */
export function AdminShell({
  ctx,
  title,
  current,
  children,
  breadcrumb,
}: {
  ctx: PageContext;
  title: string;
  current: string;
  children: ComponentChildren;
  breadcrumb?: ReadonlyArray<readonly [string, string?]>;
}) {
  const { t, actor } = ctx;
  const items = ADMIN_MENU.filter((item) => actor && item.visible(actor));
  return (
    <Layout ctx={ctx} title={title} space="admin" breadcrumb={breadcrumb ?? [[t('admin.title'), '/admin'], [title]]}>
      <div class="fr-grid-row fr-grid-row--gutters">
        <div class="fr-col-12 fr-col-md-3">
          <nav class="fr-sidemenu" role="navigation" aria-labelledby="menu-admin-titre">
            <div class="fr-sidemenu__inner">
              <div class="fr-sidemenu__title" id="menu-admin-titre">
                {t('admin.title')}
              </div>
              <ul class="fr-sidemenu__list">
                {items.map((item) => (
                  <li
                    key={item.href}
                    class={`fr-sidemenu__item${current === item.href ? ' fr-sidemenu__item--active' : ''}`}
                  >
                    <a
                      class="fr-sidemenu__link"
                      href={item.href}
                      aria-current={current === item.href ? 'page' : undefined}
                    >
                      {t(item.labelKey)}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          </nav>
        </div>
        <div class="fr-col-12 fr-col-md-9">{children}</div>
      </div>
    </Layout>
  );
}
