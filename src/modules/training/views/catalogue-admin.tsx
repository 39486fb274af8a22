import {
  CheckboxGroup,
  Csrf,
  ErrorSummary,
  type FieldErrors,
  RadioGroup,
  TextArea,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import type { createCatalogue } from '../catalogue.js';
import { categoryOptions, formatOptions } from './catalogue.js';
import { hours } from './sessions-parts.js';

type Catalogue = ReturnType<typeof createCatalogue>;
export type CourseValues = Record<string, string | string[] | undefined>;
const STATUSES = ['draft', 'published', 'archived'] as const;
const STATUS_BADGE: Record<string, string> = { draft: 'new', published: 'success', archived: '' };

export const adminCrumbs = (ctx: PageContext, here?: string): Array<[string, string?]> => {
  const title = ctx.t('training.admin.title');
  return here
    ? [[ctx.t('nav.pro'), '/pro'], [title, '/pro/formations/catalogue'], [here]]
    : [[ctx.t('nav.pro'), '/pro'], [title]];
};

/** Every course, drafts included, with what a trainer does next on each. */
export function AdminCataloguePage({
  ctx,
  courses,
}: {
  ctx: PageContext;
  courses: Awaited<ReturnType<Catalogue['all']>>;
}) {
  const { t } = ctx;
  const title = t('training.admin.title');
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={adminCrumbs(ctx)}>
      <h1>{title}</h1>
      <ul class="fr-btns-group fr-btns-group--inline-md">
        <li>
          <a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="/pro/formations/catalogue/nouvelle">
            {t('training.admin.new')}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href="/pro/formations/comptes">
            {t('training.counts.page.title')}
          </a>
        </li>
        <li>
          <a class="fr-btn fr-btn--secondary" href="/formations">
            {t('training.admin.publicCatalogue')}
          </a>
        </li>
      </ul>
      {courses.length === 0 ? <p>{t('training.admin.none')}</p> : null}
      <ul class="relais-cards">
        {courses.map((c) => (
          <li key={c.id} class="relais-card">
            <p class="fr-mb-1w">
              <span
                class={`fr-badge fr-badge--sm${STATUS_BADGE[c.status] ? ` fr-badge--${STATUS_BADGE[c.status]}` : ''}`}
              >
                {t(`training.status.${c.status}`)}
              </span>{' '}
              <span class="fr-badge fr-badge--sm fr-badge--info">{t(`training.formats.${c.format}`)}</span>
            </p>
            <h2 class="fr-h6 fr-mb-1w">
              <a href={`/formations/${c.slug}`}>{c.title}</a>
            </h2>
            <p class="fr-text--sm fr-mb-1w">
              {hours(ctx.locale, c.duration_hours)} ·{' '}
              {t('training.admin.upcoming', { count: c.upcoming ?? 0 })}
            </p>
            <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--sm fr-mb-0">
              <li>
                <a class="fr-btn fr-btn--secondary" href={`/pro/formations/catalogue/${c.slug}/modifier`}>
                  {t('training.admin.edit')}
                  <span class="fr-sr-only"> : {c.title}</span>
                </a>
              </li>
              <li>
                <a class="fr-btn fr-btn--secondary" href={`/pro/formations/catalogue/${c.slug}/sessions`}>
                  {t('training.admin.sessions')}
                  <span class="fr-sr-only"> : {c.title}</span>
                </a>
              </li>
              <li>
                <a class="fr-btn fr-btn--tertiary" href={`/pro/formations/${c.slug}/contenu`}>
                  {t('training.admin.content')}
                  <span class="fr-sr-only"> : {c.title}</span>
                </a>
              </li>
            </ul>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** The form of a course, new or edited; on bad input it comes back with what was typed and each field's error. */
export function CourseFormPage({
  ctx,
  slug,
  values,
  errors,
  resources,
}: {
  ctx: PageContext;
  /** Absent for a new course. */
  slug?: string | undefined;
  values: CourseValues;
  errors?: FieldErrors | undefined;
  resources: ReadonlyArray<{ id: string; title: string }>;
}) {
  const { t } = ctx;
  const title = slug ? t('training.admin.editTitle') : t('training.admin.new');
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  const list = (k: string) => [values[k] ?? []].flat();
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={adminCrumbs(ctx, title)}>
      <h1>{title}</h1>
      <form
        method="post"
        action={slug ? `/pro/formations/catalogue/${slug}/modifier` : '/pro/formations/catalogue'}
      >
        <Csrf ctx={ctx} />
        <ErrorSummary ctx={ctx} errors={errors} />
        <TextInput
          name="title"
          label={t('training.catalogue.fields.title')}
          value={str('title')}
          errors={errors}
          required
          maxLength={200}
        />
        <TextArea
          name="summary"
          label={t('training.catalogue.fields.summary')}
          value={str('summary')}
          errors={errors}
          rows={3}
        />
        <CheckboxGroup
          name="audiences"
          label={t('training.catalogue.fields.audiences')}
          values={list('audiences')}
          options={categoryOptions(ctx)}
          errors={errors}
        />
        <RadioGroup
          name="format"
          label={t('training.catalogue.fields.format')}
          value={str('format')}
          options={formatOptions(ctx)}
          errors={errors}
          inline
        />
        <TextInput
          name="durationHours"
          label={t('training.catalogue.fields.durationHours')}
          hint={t('training.admin.durationHint')}
          value={str('durationHours')}
          errors={errors}
          inputMode="text"
          maxLength={10}
        />
        <TextArea
          name="objectives"
          label={t('training.catalogue.fields.objectives')}
          hint={t('training.admin.markdownHint')}
          value={str('objectives')}
          errors={errors}
        />
        <TextArea
          name="prerequisites"
          label={t('training.catalogue.fields.prerequisites')}
          value={str('prerequisites')}
          errors={errors}
          rows={3}
        />
        <TextInput
          name="organiser"
          label={t('training.catalogue.fields.organiser')}
          value={str('organiser')}
          errors={errors}
          maxLength={300}
        />
        {resources.length > 0 ? (
          <CheckboxGroup
            name="resourceIds"
            label={t('training.catalogue.fields.resources')}
            hint={t('training.admin.resourcesHint')}
            values={list('resourceIds')}
            options={resources.map((r) => ({ value: r.id, label: r.title }))}
            errors={errors}
          />
        ) : null}
        <RadioGroup
          name="status"
          label={t('training.catalogue.fields.status')}
          value={str('status') || 'draft'}
          options={STATUSES.map((s) => ({ value: s, label: t(`training.status.${s}`) }))}
          errors={errors}
          inline
        />
        <button type="submit" class="fr-btn">
          {t('forms.save')}
        </button>
      </form>
    </Layout>
  );
}
