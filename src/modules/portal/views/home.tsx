import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';

const FORMS = ['sexuelle', 'travail_force', 'servitude_domestique', 'delits', 'mendicite', 'mariage_force', 'organes'] as const;

export function HomePage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  const entries: Array<[string, string, string]> = [
    [t('home.entries.pro.title'), t('home.entries.pro.text'), '/pro'],
    [t('home.entries.pilotage.title'), t('home.entries.pilotage.text'), '/pilotage'],
  ];
  return (
    <Layout ctx={ctx} title={t('home.title')} space="public">
      <div class="fr-grid-row fr-grid-row--gutters fr-mb-4w">
        <div class="fr-col-12 fr-col-lg-7">
          <h1>{t('home.heading')}</h1>
          <p class="fr-text--lead">{t('home.lead')}</p>
          <p>{t('home.what')}</p>
        </div>
        <div class="fr-col-12 fr-col-lg-5">
          <div class="fr-callout fr-callout--brown-caramel relais-emergency" role="note">
            <h2 class="fr-callout__title">{t('home.emergency.title')}</h2>
            <ul class="relais-emergency__numbers">
              <li>
                <a href="tel:17" class="relais-emergency__number">17</a> {t('home.emergency.police')}
              </li>
              <li>
                <a href="tel:112" class="relais-emergency__number">112</a> {t('home.emergency.europe')}
              </li>
              <li>
                <a href="tel:119" class="relais-emergency__number">119</a> {t('home.emergency.child')}
              </li>
            </ul>
            <p class="fr-callout__text fr-text--sm">{t('home.emergency.quickExit')}</p>
          </div>
        </div>
      </div>

      <h2>{t('home.entries.title')}</h2>
      <div class="fr-grid-row fr-grid-row--gutters fr-mb-6w">
        {entries.map(([title, text, href]) => (
          <div class="fr-col-12 fr-col-md-6" key={href}>
            <div class="fr-card fr-enlarge-link">
              <div class="fr-card__body">
                <div class="fr-card__content">
                  <h3 class="fr-card__title">
                    <a href={href}>{title}</a>
                  </h3>
                  <p class="fr-card__desc">{text}</p>
                </div>
              </div>
            </div>
          </div>
        ))}
      </div>

      <section class="fr-mb-6w">
        <h2>{t('home.teh.title')}</h2>
        <p>{t('home.teh.definition')}</p>
        <p>{t('home.teh.formsIntro')}</p>
        <ul class="fr-tags-group">
          {FORMS.map((form) => (
            <li key={form}>
              <p class="fr-tag">{t(`exploitation.${form}`)}</p>
            </li>
          ))}
        </ul>
        <p class="fr-text--sm">{t('home.teh.law')}</p>
      </section>
    </Layout>
  );
}
