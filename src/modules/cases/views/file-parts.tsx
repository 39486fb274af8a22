import {
  CheckboxGroup,
  Csrf,
  type FieldErrors,
  type Option,
  RadioGroup,
  TextArea,
  TextInput,
} from '../../../platform/views/components.js';
import type { PageContext } from '../../../platform/views/context.js';
import { PART_OF } from '../policy.js';
import { EVENT_CATEGORIES, EVENT_KINDS } from '../reference.js';
import type { AccessLogEntry, CaseFile, Referral } from '../schemas.js';
import { formatDate } from './list.js';

/** What a form posted, kept with its errors so that nothing typed is lost. */
export interface FileForms {
  form?: 'journal' | 'runaway' | 'closure' | 'referral' | 'identity' | 'consent';
  values?: Record<string, string | string[] | undefined>;
  errors?: FieldErrors;
}

/** The page's props, and what each of its parts derives from them. */
export interface FileProps {
  ctx: PageContext;
  /** Today in Paris (YYYY-MM-DD), the default date of a runaway or a closure. */
  today: string;
  file: CaseFile;
  accessLog: readonly AccessLogEntry[];
  referrals: readonly Referral[];
  organisations: readonly Option[];
  forms?: FileForms | undefined;
}

export function fileHelpers({ ctx, file, forms }: FileProps) {
  const v = (form: FileForms['form'], name: string) =>
    forms?.form === form ? forms?.values?.[name] : undefined;
  const str = (form: FileForms['form'], name: string) => {
    const value = v(form, name);
    return typeof value === 'string' ? value : undefined;
  };
  return {
    t: ctx.t,
    base: `/pro/dossiers/${file.id}`,
    open: file.status === 'open',
    errors: forms?.errors,
    v,
    str,
    recordable: EVENT_CATEGORIES.filter(
      (c) =>
        c !== 'runaway' && c !== 'closure' && (file.access.canEdit || file.access.parts.includes(PART_OF[c])),
    ),
    mayRunaway: file.access.canEdit || file.access.parts.includes('runaway'),
    isEditor: file.access.as === 'lead' || file.access.as === 'partner',
  };
}

export function EventLine({ ctx, e }: { ctx: PageContext; e: CaseFile['events'][number] }) {
  const { t } = ctx;
  const d = e.details as Record<string, unknown>;
  const extra: string[] = [];
  if (typeof d.service === 'string') extra.push(d.service);
  if (e.endsOn) extra.push(t('cases.journal.until', { on: formatDate(e.endsOn, ctx.locale) }));
  if (e.kind === 'trial') {
    if (d.present === true) extra.push(t('cases.journal.present'));
    if (d.present === false) extra.push(t('cases.journal.absent'));
    if (d.accompanied === true) extra.push(t('cases.journal.accompanied'));
  }
  if (e.kind === 'closure' && typeof d.outcome === 'string') extra.push(t(`cases.outcomes.${d.outcome}`));
  if (e.kind === 'runaway' && typeof d.departement === 'string')
    extra.push(t('cases.journal.lastSeen', { departement: d.departement }));
  return (
    <li class={e.kind === 'runaway' ? 'relais-late' : undefined}>
      <strong>{formatDate(e.occurredOn, ctx.locale)}</strong> — {t(`cases.kinds.${e.kind}`)}
      {extra.length > 0 ? ` · ${extra.join(' · ')}` : ''}
      {e.organisation ? <span class="fr-text--xs"> ({e.organisation})</span> : null}
      {e.alertId ? (
        <>
          {' '}
          <a href={`/pro/alertes/${e.alertId}`}>{t('cases.journal.alert')}</a>
        </>
      ) : null}
      {e.note ? <p class="relais-note fr-text--sm fr-mb-1w">{e.note}</p> : null}
    </li>
  );
}

function KindSelect({
  ctx,
  value,
  categories,
  error,
}: {
  ctx: PageContext;
  value: string | undefined;
  categories: readonly string[];
  error: string | undefined;
}) {
  const { t } = ctx;
  return (
    <div class={`fr-select-group${error ? ' fr-select-group--error' : ''}`}>
      <label class="fr-label" for="champ-kind">
        {t('cases.fields.kind')}
      </label>
      <select class="fr-select" id="champ-kind" name="kind" required aria-describedby="champ-kind-messages">
        <option value="" selected={!value} disabled>
          {t('forms.choose')}
        </option>
        {categories.map((c) => (
          <optgroup key={c} label={t(`cases.categories.${c}`)}>
            {(EVENT_KINDS[c as keyof typeof EVENT_KINDS] as readonly string[])
              .filter((k) => k !== 'runaway' && k !== 'closure')
              .map((k) => (
                <option key={k} value={k} selected={k === value}>
                  {t(`cases.kinds.${k}`)}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      <div class="fr-messages-group" id="champ-kind-messages" aria-live="polite">
        {error ? <p class="fr-message fr-message--error">{error}</p> : null}
      </div>
    </div>
  );
}
/** Report a runaway (and the return): the alert leaves at once. */
export function RunawaySection(props: FileProps) {
  const { ctx, file, forms, today } = props;
  const { t, base, open, errors, str, mayRunaway, isEditor } = fileHelpers(props);
  return (
    <>
      {open && isEditor && mayRunaway ? (
        <section class="fr-mb-4w relais-card relais-card--late" aria-labelledby="fugue">
          <h2 id="fugue" class="fr-h5">
            {t('cases.runaway.title')}
          </h2>
          <p class="fr-text--sm">{t('cases.runaway.hint')}</p>
          <form method="post" action={`${base}/journal`} novalidate>
            <Csrf ctx={ctx} />
            <input type="hidden" name="kind" value="runaway" />
            <div class="fr-grid-row fr-grid-row--gutters">
              <div class="fr-col-12 fr-col-md-6">
                <TextInput
                  name="occurredOn"
                  id="champ-fugue-date"
                  label={t('cases.fields.runawayOn')}
                  value={str('runaway', 'occurredOn') ?? today}
                  type="date"
                  errors={forms?.form === 'runaway' ? errors : undefined}
                  required
                />
              </div>
              <div class="fr-col-12 fr-col-md-6">
                <TextInput
                  name="departement"
                  id="champ-fugue-departement"
                  label={t('cases.fields.lastSeen')}
                  hint={t('cases.fields.lastSeenHint')}
                  value={str('runaway', 'departement')}
                  errors={forms?.form === 'runaway' ? errors : undefined}
                  maxLength={3}
                />
              </div>
            </div>
            <button
              class="fr-btn fr-btn--icon-left fr-icon-alarm-warning-line relais-btn--danger"
              type="submit"
            >
              {t('cases.runaway.submit')}
            </button>
          </form>
          {file.events.some((e) => e.kind === 'runaway') ? (
            <form method="post" action={`${base}/journal`} class="fr-mt-2w">
              <Csrf ctx={ctx} />
              <input type="hidden" name="kind" value="return" />
              <input type="hidden" name="occurredOn" value={today} />
              <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit">
                {t('cases.runaway.returned')}
              </button>
            </form>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

/** The journal: the entry form and the timeline. */
export function JournalSection(props: FileProps) {
  const { ctx, file, forms } = props;
  const { t, base, open, errors, v, str, recordable, isEditor } = fileHelpers(props);
  return (
    <>
      <h2 class="fr-h4 fr-mt-4w">{t('cases.file.journal')}</h2>
      {open && isEditor && recordable.length > 0 ? (
        <details class="fr-mb-2w" open={forms?.form === 'journal'}>
          <summary>{t('cases.journal.add')}</summary>
          <form method="post" action={`${base}/journal`} novalidate class="fr-mt-2w">
            <Csrf ctx={ctx} />
            <KindSelect
              ctx={ctx}
              value={str('journal', 'kind')}
              categories={recordable}
              error={forms?.form === 'journal' ? errors?.kind : undefined}
            />
            <div class="fr-grid-row fr-grid-row--gutters">
              <div class="fr-col-12 fr-col-md-6">
                <TextInput
                  name="occurredOn"
                  label={t('cases.fields.occurredOn')}
                  hint={t('cases.fields.occurredOnHint')}
                  value={str('journal', 'occurredOn')}
                  type="date"
                  errors={forms?.form === 'journal' ? errors : undefined}
                  required
                />
              </div>
              <div class="fr-col-12 fr-col-md-6">
                <TextInput
                  name="endsOn"
                  label={t('cases.fields.endsOn')}
                  hint={t('cases.fields.endsOnHint')}
                  value={str('journal', 'endsOn')}
                  type="date"
                  errors={forms?.form === 'journal' ? errors : undefined}
                />
              </div>
            </div>
            <TextInput
              name="service"
              label={t('cases.fields.service')}
              hint={t('cases.fields.serviceHint')}
              value={str('journal', 'service')}
              errors={forms?.form === 'journal' ? errors : undefined}
              maxLength={200}
            />
            <RadioGroup
              name="presence"
              label={t('cases.fields.trial')}
              hint={t('cases.fields.trialHint')}
              value={str('journal', 'presence') ?? 'unknown'}
              options={[
                { value: 'unknown', label: t('cases.fields.presenceUnknown') },
                { value: 'present', label: t('cases.fields.present') },
                { value: 'absent', label: t('cases.fields.absent') },
              ]}
              inline
            />
            <CheckboxGroup
              name="accompanied"
              label={t('cases.fields.accompaniment')}
              values={[v('journal', 'accompanied') ?? []].flat()}
              options={[{ value: 'oui', label: t('cases.fields.accompanied') }]}
            />
            <TextArea
              name="note"
              label={t('cases.fields.note')}
              hint={t('cases.fields.noteHint')}
              value={str('journal', 'note')}
              rows={3}
            />
            <button class="fr-btn" type="submit">
              {t('cases.journal.submit')}
            </button>
          </form>
        </details>
      ) : null}
      {file.events.length === 0 ? (
        <p>{t('cases.journal.empty')}</p>
      ) : (
        <ol class="relais-timeline">
          {file.events.map((e) => (
            <EventLine key={e.id} ctx={ctx} e={e} />
          ))}
        </ol>
      )}
    </>
  );
}
