import type { PageContext } from './context.js';
import { Layout } from './layout.js';

export function ErrorPage({
  ctx,
  status,
  title,
  detail,
  requestId,
}: {
  ctx: PageContext;
  status: number;
  title: string;
  detail?: string | undefined;
  requestId: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={title} space="public">
      <div class="fr-grid-row fr-grid-row--gutters fr-my-7w">
        <div class="fr-col-12 fr-col-md-8">
          <h1>{title}</h1>
          <p class="fr-text--sm fr-mb-3w">{t('errors.page.code', { status })}</p>
          {detail ? <p class="fr-text--lead fr-mb-3w">{detail}</p> : null}
          <p class="fr-text--sm">{t('errors.page.reference', { id: requestId })}</p>
          <ul class="fr-btns-group fr-btns-group--inline-md">
            <li>
              <a class="fr-btn" href="/">
                {t('errors.page.home')}
              </a>
            </li>
          </ul>
        </div>
      </div>
    </Layout>
  );
}
