import { Csrf, type FieldErrors, TextArea, TextInput } from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import type { GrantInput, ResearchAuthorisation } from '../research-authorisations.js';

const BASE = '/pro/statistiques/recherche';

export function formatDay(date: Date, locale: 'fr' | 'en'): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/Paris',
  }).format(date);
}

const BADGE = { active: 'success', expired: 'warning', revoked: 'error' } as const;

/** National administrators: the authorisations, a revoke button on those in force, and the grant form. */
export function AuthorisationsSection({
  ctx,
  authorisations,
  grant,
  errors,
}: {
  ctx: PageContext;
  authorisations: readonly ResearchAuthorisation[];
  grant?: Partial<GrantInput> | undefined;
  errors?: FieldErrors | undefined;
}) {
  const { t, locale } = ctx;
  return (
    <section class="fr-mt-6w" aria-labelledby="autorisations">
      <h2 id="autorisations">{t('statistics.research.admin.title')}</h2>
      <p>{t('statistics.research.admin.intro')}</p>
      {authorisations.length === 0 ? (
        <p>{t('statistics.research.admin.none')}</p>
      ) : (
        <div class="fr-table fr-table--multiline fr-table--no-caption-mobile">
          <div class="fr-table__wrapper">
            <section
              class="fr-table__container"
              tabindex={0}
              aria-label={t('statistics.research.admin.caption')}
            >
              <div class="fr-table__content">
                <table>
                  <caption>{t('statistics.research.admin.caption')}</caption>
                  <thead>
                    <tr>
                      {['account', 'purpose', 'granted', 'until', 'state', 'action'].map((h) => (
                        <th scope="col" key={h}>
                          {t(`statistics.research.admin.columns.${h}`)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {authorisations.map((a) => (
                      <tr key={a.id}>
                        <td>
                          {a.displayName}
                          <br />
                          <span class="fr-text--sm">{a.email}</span>
                        </td>
                        <td>{a.purpose}</td>
                        <td>
                          {t('statistics.research.admin.grantedBy', {
                            date: formatDay(a.grantedAt, locale),
                            name: a.grantedBy,
                          })}
                        </td>
                        <td>{formatDay(new Date(a.expiresAt.getTime() - 1), locale)}</td>
                        <td>
                          <span class={`fr-badge fr-badge--sm fr-badge--${BADGE[a.state]}`}>
                            {t(`statistics.research.states.${a.state}`)}
                          </span>
                        </td>
                        <td>
                          {a.state === 'active' ? (
                            <form method="post" action={`${BASE}/autorisations/${a.id}/revocation`}>
                              <Csrf ctx={ctx} />
                              <button
                                class="fr-btn fr-btn--sm fr-btn--tertiary"
                                type="submit"
                                title={t('statistics.research.admin.revokeFor', { name: a.displayName })}
                              >
                                {t('statistics.research.admin.revoke')}
                              </button>
                            </form>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          </div>
        </div>
      )}
      <h3 class="fr-mt-4w">{t('statistics.research.admin.grantTitle')}</h3>
      <form method="post" action={`${BASE}/autorisations`} novalidate>
        <Csrf ctx={ctx} />
        <TextInput
          name="email"
          type="email"
          label={t('statistics.research.admin.email')}
          hint={t('statistics.research.admin.emailHint')}
          value={grant?.email}
          errors={errors}
          autocomplete="off"
          required
        />
        <TextArea
          name="purpose"
          label={t('statistics.research.admin.purpose')}
          hint={t('statistics.research.admin.purposeHint')}
          value={grant?.purpose}
          errors={errors}
          rows={3}
          required
        />
        <TextInput
          name="until"
          type="date"
          label={t('statistics.research.admin.until')}
          hint={t('statistics.research.admin.untilHint')}
          value={grant?.until}
          errors={errors}
          required
        />
        <button class="fr-btn" type="submit">
          {t('statistics.research.admin.grant')}
        </button>
      </form>
    </section>
  );
}
