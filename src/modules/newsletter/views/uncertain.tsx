import { Csrf, Notice } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';

/**
 * The letters a worker killed mid-send left uncertain (`uncertain.ts`): what happened, in plain words, and the two
 * choices, each with what it costs.
 */
export function UncertainLetters({
  ctx,
  editionId,
  count,
}: {
  ctx: PageContext;
  editionId: string;
  count: number;
}) {
  const { t } = ctx;
  return (
    <Notice kind="warning" title={t('newsletter.uncertain.title', { count })}>
      <p>{t('newsletter.uncertain.what')}</p>
      <form method="post" action={`/pro/lettre/${editionId}/incertaines`} class="fr-mt-2w">
        <Csrf ctx={ctx} />
        <ul class="fr-btns-group fr-btns-group--inline-md">
          <li>
            <button class="fr-btn" type="submit" name="choice" value="renvoyer">
              {t('newsletter.uncertain.resend', { count })}
            </button>
          </li>
          <li>
            <button class="fr-btn fr-btn--secondary" type="submit" name="choice" value="garder">
              {t('newsletter.uncertain.keep')}
            </button>
          </li>
        </ul>
      </form>
      <p class="fr-text--sm fr-mb-0">{t('newsletter.uncertain.costs')}</p>
    </Notice>
  );
}
