import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Notice,
  TextArea,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { Proposals } from '../proposals.js';

type Mine = Awaited<ReturnType<Proposals['mine']>>;

export function MyEntriesPage({
  ctx,
  entries,
  errors,
  failedId,
}: {
  ctx: PageContext;
  entries: Mine;
  errors?: FieldErrors | undefined;
  failedId?: string;
}) {
  const { t } = ctx;
  const title = t('directory.mine.title');
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={[[t('nav.pro'), '/pro'], [title]]}>
      <h1>{title}</h1>
      <p>{t('directory.mine.intro')}</p>
      {entries.length === 0 ? <Notice kind="info">{t('directory.mine.none')}</Notice> : null}
      {entries.map((e) => (
        <section key={e.id} class="relais-card fr-mb-3w" aria-labelledby={`fiche-${e.id}`}>
          <h2 id={`fiche-${e.id}`} class="fr-h5">
            {e.name}
          </h2>
          {failedId === e.id ? <ErrorSummary ctx={ctx} errors={errors} /> : null}
          <form method="post" action={`/pro/annuaire/mes-fiches/${e.id}`} novalidate>
            <Csrf ctx={ctx} />
            <TextInput
              name="name"
              id={`champ-name-${e.id}`}
              label={t('directory.mine.fields.name')}
              value={e.name}
              maxLength={200}
            />
            <TextArea
              name="description"
              id={`champ-description-${e.id}`}
              label={t('directory.mine.fields.description')}
              value={e.description}
              rows={3}
            />
            <TextInput
              name="opening_hours"
              id={`champ-opening_hours-${e.id}`}
              label={t('directory.mine.fields.opening_hours')}
              hint={t('directory.mine.fields.hoursHint')}
              value={e.opening_hours}
              maxLength={300}
            />
            <TextInput
              name="phone"
              id={`champ-phone-${e.id}`}
              label={t('directory.mine.fields.phone')}
              value={e.phone}
              type="tel"
              maxLength={40}
            />
            <TextInput
              name="email"
              id={`champ-email-${e.id}`}
              label={t('directory.mine.fields.email')}
              value={e.email}
              type="email"
              maxLength={200}
            />
            <TextInput
              name="url"
              id={`champ-url-${e.id}`}
              label={t('directory.mine.fields.url')}
              value={e.url}
              type="url"
              maxLength={500}
            />
            <button class="fr-btn fr-btn--secondary" type="submit">
              {t('directory.mine.submit')}
            </button>
          </form>
        </section>
      ))}
    </Layout>
  );
}
