import { Notice } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { SpaceTile } from '../tiles.js';

export function SpacePage({ ctx, space, tiles, grants }: { ctx: PageContext; space: 'pro' | 'pilotage'; tiles: readonly SpaceTile[]; grants: readonly string[] }) {
  const { t } = ctx;
  const title = t(`spaces.${space}.title`);
  return (
    <Layout ctx={ctx} title={title} space={space} breadcrumb={[[title]]}>
      <h1>{title}</h1>
      <p class="fr-text--lead">{t(`spaces.${space}.lead`)}</p>
      <p class="fr-text--sm">
        {t('spaces.signedInAs', { name: ctx.actor?.displayName ?? '', organisation: ctx.actor?.organisation.name ?? '' })}
        {grants.length > 0 ? ` · ${grants.join(' · ')}` : ''}
      </p>
      {tiles.length === 0 ? (
        <Notice kind="info">{t(`spaces.${space}.empty`)}</Notice>
      ) : (
        <div class="fr-grid-row fr-grid-row--gutters">
          {tiles.map((tile) => (
            <div class="fr-col-12 fr-col-md-6 fr-col-lg-4" key={tile.href}>
              <div class="fr-tile fr-enlarge-link">
                <div class="fr-tile__body">
                  <div class="fr-tile__content">
                    <h2 class="fr-tile__title">
                      <a href={tile.href}>{t(tile.titleKey)}</a>
                    </h2>
                    <p class="fr-tile__desc">{t(tile.descriptionKey)}</p>
                  </div>
                </div>
              </div>
            </div>
          ))}
        </div>
      )}
    </Layout>
  );
}
