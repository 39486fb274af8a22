import { formatParis } from '../../../platform/time/paris.js';
import {
  Csrf,
  ErrorSummary,
  type FieldErrors,
  Notice,
  Select,
  TextArea,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { Layout } from '../../../platform/views/layout.js';
import { languageName } from '../../reference/index.js';
import { END_REASONS, REFUSAL_REASONS } from '../reference.js';
import type { Placement } from '../schemas.js';

const STATUS_BADGE: Record<string, string> = {
  held: 'warning',
  accepted: 'info',
  started: 'success',
  ended: '',
  refused: 'error',
  expired: '',
  cancelled: '',
};
const ACTIVE = new Set(['held', 'accepted', 'started']);

export function PlacementStatus({ ctx, status }: { ctx: PageContext; status: string }) {
  return (
    <span class={`fr-badge fr-badge--sm ${STATUS_BADGE[status] ? `fr-badge--${STATUS_BADGE[status]}` : ''}`}>
      {ctx.t(`placements.statuses.${status}`)}
    </span>
  );
}

function profileLine(ctx: PageContext, profile: Record<string, unknown>): string {
  const { t } = ctx;
  const parts = [t(`placements.publics.${String(profile.public)}`)];
  if (typeof profile.age === 'number') parts.push(t('placements.profile.age', { age: profile.age }));
  const languages = Array.isArray(profile.languages) ? (profile.languages as string[]) : [];
  if (languages.length > 0) parts.push(languages.map((l) => languageName(l, ctx.locale)).join(', '));
  return parts.join(' · ');
}

export function PlacementCards({ ctx, placements }: { ctx: PageContext; placements: readonly Placement[] }) {
  const { t } = ctx;
  return (
    <ul class="relais-cards">
      {placements.map((p) => (
        <li
          key={p.id}
          class={`relais-card${p.status === 'held' ? ' relais-card--action' : ACTIVE.has(p.status) ? '' : ' relais-card--muted'}`}
        >
          <p class="relais-card__title">
            <a href={`/pro/placements/${p.id}`}>{p.reference}</a>{' '}
            <PlacementStatus ctx={ctx} status={p.status} />
          </p>
          <p class="fr-text--sm fr-mb-0">
            {p.offer} · {p.organisation}
          </p>
          <p class="fr-text--sm fr-mb-0">{profileLine(ctx, p.profile)}</p>
          {p.status === 'held' ? (
            <p class="fr-text--sm fr-mb-0">
              {t('placements.request.expires', { at: formatParis(new Date(p.holdExpiresAt), ctx.locale) })}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function PlacementListPage({
  ctx,
  toDecide,
  followed,
  canSearch,
}: {
  ctx: PageContext;
  toDecide: readonly Placement[];
  followed: readonly Placement[];
  canSearch: boolean;
}) {
  const { t } = ctx;
  const title = t('placements.list.title');
  return (
    <Layout ctx={ctx} title={title} space="pro" breadcrumb={[[t('nav.pro'), '/pro'], [title]]}>
      <h1>{title}</h1>
      {canSearch ? (
        <p>
          <a class="fr-btn fr-icon-search-line fr-btn--icon-left" href="/pro/placements/recherche">
            {t('placements.search.title')}
          </a>
        </p>
      ) : null}
      {toDecide.length > 0 ? (
        <section>
          <h2>{t('placements.list.toDecide', { count: toDecide.length })}</h2>
          <PlacementCards ctx={ctx} placements={toDecide} />
        </section>
      ) : null}
      <h2>{t('placements.list.followed')}</h2>
      {followed.length === 0 ? (
        <p>{t('placements.list.empty')}</p>
      ) : (
        <PlacementCards ctx={ctx} placements={followed} />
      )}
    </Layout>
  );
}

export interface PlacementForms {
  refuse?: { reason?: string | undefined; note?: string | undefined };
  end?: { reason?: string | undefined; note?: string | undefined };
  errors?: FieldErrors;
}

export function PlacementPage({
  ctx,
  placement,
  canDecide,
  canCancel,
  address,
  forms,
}: {
  ctx: PageContext;
  placement: Placement;
  canDecide: boolean;
  canCancel: boolean;
  /** The structure's address, only for those allowed to read it. */
  address: string | null;
  forms?: PlacementForms | undefined;
}) {
  const { t } = ctx;
  const p = placement;
  const at = (iso: string | null) => (iso ? formatParis(new Date(iso), ctx.locale) : null);
  const errors = forms?.errors;
  const events: Array<[string, string | null]> = [
    ['created', at(p.createdAt)],
    ['accepted', at(p.acceptedAt)],
    ['refused', at(p.refusedAt)],
    ['started', at(p.startedAt)],
    ['ended', at(p.endedAt)],
  ];
  return (
    <Layout
      ctx={ctx}
      title={p.reference}
      space="pro"
      breadcrumb={[[t('nav.pro'), '/pro'], [t('placements.list.title'), '/pro/placements'], [p.reference]]}
    >
      <h1>
        {p.reference} <PlacementStatus ctx={ctx} status={p.status} />
      </h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      {p.status === 'held' ? (
        <Notice kind="warning">{t('placements.detail.heldUntil', { at: at(p.holdExpiresAt) ?? '' })}</Notice>
      ) : null}
      <dl class="relais-facts">
        <div>
          <dt>{t('placements.detail.structure')}</dt>
          <dd>
            {p.offer} · {p.organisation}
          </dd>
        </div>
        {address ? (
          <div>
            <dt>{t('placements.detail.address')}</dt>
            <dd>{address}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('placements.detail.profile')}</dt>
          <dd>{profileLine(ctx, p.profile)}</dd>
        </div>
        {typeof p.profile.needs === 'string' && p.profile.needs ? (
          <div>
            <dt>{t('placements.detail.needs')}</dt>
            <dd class="relais-note">{p.profile.needs}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('placements.fields.urgency')}</dt>
          <dd>{t(`placements.urgencies.${p.urgency}`)}</dd>
        </div>
        {p.distanceKm !== null ? (
          <div>
            <dt>{t('placements.detail.distance')}</dt>
            <dd>{t('placements.search.distance', { km: p.distanceKm })}</dd>
          </div>
        ) : null}
        {p.refusalReason ? (
          <div>
            <dt>{t('placements.detail.refusalReason')}</dt>
            <dd>{t(`placements.refusalReasons.${p.refusalReason}`)}</dd>
          </div>
        ) : null}
        {p.endReason ? (
          <div>
            <dt>{t('placements.detail.endReason')}</dt>
            <dd>{t(`placements.endReasons.${p.endReason}`)}</dd>
          </div>
        ) : null}
        {p.alertId ? (
          <div>
            <dt>{t('placements.detail.alert')}</dt>
            <dd>
              <a href={`/pro/alertes/${p.alertId}`}>{t('placements.detail.seeAlert')}</a>
            </dd>
          </div>
        ) : null}
      </dl>
      <h2 class="fr-mt-4w">{t('placements.detail.history')}</h2>
      <ul class="relais-timeline">
        {events
          .filter(([, when]) => when)
          .map(([kind, when]) => (
            <li key={kind}>
              {when} — {t(`placements.events.${kind}`)}
            </li>
          ))}
      </ul>
      {canDecide && p.status === 'held' ? (
        <section class="fr-mt-4w">
          <h2>{t('placements.detail.answer')}</h2>
          <div class="relais-actions">
            <form method="post" action={`/pro/placements/${p.id}/accepter`}>
              <Csrf ctx={ctx} />
              <button class="fr-btn fr-icon-check-line fr-btn--icon-left" type="submit">
                {t('placements.actions.accept')}
              </button>
            </form>
          </div>
          <form method="post" action={`/pro/placements/${p.id}/refuser`} class="fr-mt-3w">
            <Csrf ctx={ctx} />
            <Select
              name="reason"
              label={t('placements.fields.refusalReason')}
              value={forms?.refuse?.reason}
              options={REFUSAL_REASONS.map((r) => ({ value: r, label: t(`placements.refusalReasons.${r}`) }))}
              placeholder={t('forms.choose')}
              errors={errors}
              required
            />
            <TextArea
              name="note"
              id="champ-refus-note"
              label={t('placements.fields.note')}
              hint={t('placements.fields.noteHint')}
              value={forms?.refuse?.note}
              rows={2}
            />
            <button class="fr-btn fr-btn--secondary" type="submit">
              {t('placements.actions.refuse')}
            </button>
          </form>
        </section>
      ) : null}
      {canDecide && p.status === 'accepted' ? (
        <form method="post" action={`/pro/placements/${p.id}/arrivee`} class="fr-mt-4w">
          <Csrf ctx={ctx} />
          <button class="fr-btn" type="submit">
            {t('placements.actions.start')}
          </button>
        </form>
      ) : null}
      {canDecide && p.status === 'started' ? (
        <form method="post" action={`/pro/placements/${p.id}/fin`} class="fr-mt-4w">
          <h2>{t('placements.detail.end')}</h2>
          <Csrf ctx={ctx} />
          <Select
            name="reason"
            id="champ-reason"
            label={t('placements.fields.endReason')}
            value={forms?.end?.reason}
            options={END_REASONS.map((r) => ({ value: r, label: t(`placements.endReasons.${r}`) }))}
            placeholder={t('forms.choose')}
            errors={errors}
            required
          />
          <TextArea
            name="note"
            id="champ-fin-note"
            label={t('placements.fields.note')}
            hint={t('placements.fields.noteHint')}
            value={forms?.end?.note}
            rows={2}
          />
          <button class="fr-btn" type="submit">
            {t('placements.actions.end')}
          </button>
        </form>
      ) : null}
      {canCancel && (p.status === 'held' || p.status === 'accepted') ? (
        <form method="post" action={`/pro/placements/${p.id}/annuler`} class="fr-mt-4w">
          <Csrf ctx={ctx} />
          <button class="fr-btn fr-btn--tertiary" type="submit">
            {t('placements.actions.cancel')}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}
