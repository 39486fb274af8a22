import type { ComponentChildren } from 'preact';
import type { PageContext } from './context.js';

/** Field errors already translated, keyed by field name. */
export type FieldErrors = Readonly<Record<string, string>>;

export function Csrf({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

interface FieldProps {
  name: string;
  /** The element id when one name appears in several forms of a page (default champ-<name>). */
  id?: string;
  label: string;
  hint?: string | undefined;
  errors?: FieldErrors | undefined;
  required?: boolean;
}

function Messages({ id, error }: { id: string; error: string | undefined }) {
  return (
    <div class="fr-messages-group" id={`${id}-messages`} aria-live="polite">
      {error ? (
        <p class="fr-message fr-message--error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function TextInput({
  name,
  id: fieldId,
  label,
  hint,
  errors,
  required,
  value,
  type = 'text',
  autocomplete,
  inputMode,
  maxLength,
  pattern,
  spellcheck,
}: FieldProps & {
  value?: string | null | undefined;
  type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'number' | 'date' | 'datetime-local' | 'search';
  autocomplete?: string;
  inputMode?: 'numeric' | 'text' | 'email' | 'tel';
  maxLength?: number;
  pattern?: string;
  spellcheck?: boolean;
}) {
  const id = fieldId ?? `champ-${name}`;
  const error = errors?.[name];
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={id}>
        {label}
        {hint ? <span class="fr-hint-text">{hint}</span> : null}
      </label>
      <input
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        id={id}
        name={name}
        type={type}
        value={value ?? ''}
        required={required}
        autocomplete={autocomplete}
        inputMode={inputMode}
        maxLength={maxLength}
        pattern={pattern}
        spellcheck={spellcheck}
        aria-describedby={`${id}-messages`}
        aria-invalid={error ? 'true' : undefined}
      />
      <Messages id={id} error={error} />
    </div>
  );
}

export function TextArea({
  name,
  id: fieldId,
  label,
  hint,
  errors,
  required,
  value,
  rows = 5,
}: FieldProps & { value?: string | null | undefined; rows?: number }) {
  const id = fieldId ?? `champ-${name}`;
  const error = errors?.[name];
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={id}>
        {label}
        {hint ? <span class="fr-hint-text">{hint}</span> : null}
      </label>
      <textarea
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        id={id}
        name={name}
        rows={rows}
        required={required}
        aria-describedby={`${id}-messages`}
        aria-invalid={error ? 'true' : undefined}
      >
        {value ?? ''}
      </textarea>
      <Messages id={id} error={error} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function Select({
  name,
  id: fieldId,
  label,
  hint,
  errors,
  required,
  value,
  options,
  placeholder,
}: FieldProps & { value?: string | null | undefined; options: readonly Option[]; placeholder?: string }) {
  const id = fieldId ?? `champ-${name}`;
  const error = errors?.[name];
  return (
    <div class={`fr-select-group${error ? ' fr-select-group--error' : ''}`}>
      <label class="fr-label" for={id}>
        {label}
        {hint ? <span class="fr-hint-text">{hint}</span> : null}
      </label>
      <select
        class={`fr-select${error ? ' fr-select--error' : ''}`}
        id={id}
        name={name}
        required={required}
        aria-describedby={`${id}-messages`}
        aria-invalid={error ? 'true' : undefined}
      >
        {placeholder !== undefined ? (
          <option value="" selected={!value} disabled={required}>
            {placeholder}
          </option>
        ) : null}
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
      <Messages id={id} error={error} />
    </div>
  );
}

export function RadioGroup({
  name,
  id: fieldId,
  label,
  hint,
  errors,
  required,
  value,
  options,
  inline,
}: FieldProps & { value?: string | null | undefined; options: readonly Option[]; inline?: boolean }) {
  const id = fieldId ?? `champ-${name}`;
  const error = errors?.[name];
  return (
    <fieldset
      class={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
      id={id}
      aria-labelledby={`${id}-legend ${id}-messages`}
    >
      <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}-legend`}>
        {label}
        {hint ? <span class="fr-hint-text">{hint}</span> : null}
      </legend>
      {options.map((o, i) => (
        <div class={`fr-fieldset__element${inline ? ' fr-fieldset__element--inline' : ''}`} key={o.value}>
          <div class="fr-radio-group">
            <input
              type="radio"
              id={`${id}-${i}`}
              name={name}
              value={o.value}
              checked={o.value === value}
              required={required}
            />
            <label class="fr-label" for={`${id}-${i}`}>
              {o.label}
            </label>
          </div>
        </div>
      ))}
      <Messages id={id} error={error} />
    </fieldset>
  );
}

export function CheckboxGroup({
  name,
  id: fieldId,
  label,
  hint,
  errors,
  values,
  options,
  inline,
}: FieldProps & { values: readonly string[]; options: readonly Option[]; inline?: boolean }) {
  const id = fieldId ?? `champ-${name}`;
  const error = errors?.[name];
  return (
    <fieldset
      class={`fr-fieldset${error ? ' fr-fieldset--error' : ''}`}
      id={id}
      aria-labelledby={`${id}-legend ${id}-messages`}
    >
      <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id}-legend`}>
        {label}
        {hint ? <span class="fr-hint-text">{hint}</span> : null}
      </legend>
      {options.map((o, i) => (
        <div class={`fr-fieldset__element${inline ? ' fr-fieldset__element--inline' : ''}`} key={o.value}>
          <div class="fr-checkbox-group">
            <input type="checkbox" id={`${id}-${i}`} name={name} value={o.value} checked={values.includes(o.value)} />
            <label class="fr-label" for={`${id}-${i}`}>
              {o.label}
            </label>
          </div>
        </div>
      ))}
      <Messages id={id} error={error} />
    </fieldset>
  );
}

/** The list of a form's errors at its top, each linking to its field. */
export function ErrorSummary({ ctx, errors }: { ctx: PageContext; errors: FieldErrors | undefined }) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="fr-alert fr-alert--error fr-mb-4w" role="alert" tabindex={-1} id="erreurs">
      <h2 class="fr-alert__title">{ctx.t('forms.errorSummary', { count: entries.length })}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            {field === '_form' ? message : <a href={`#champ-${field}`}>{message}</a>}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Notice({ kind, title, children }: { kind: 'info' | 'success' | 'warning' | 'error'; title?: string; children?: ComponentChildren }) {
  return (
    <div class={`fr-alert fr-alert--${kind} fr-mb-3w${title ? '' : ' fr-alert--sm'}`}>
      {title ? <h2 class="fr-alert__title">{title}</h2> : null}
      {typeof children === 'string' ? <p>{children}</p> : children}
    </div>
  );
}

export function Table({
  caption,
  headers,
  rows,
  captionHidden,
}: {
  caption: string;
  headers: readonly string[];
  rows: ReadonlyArray<ReadonlyArray<ComponentChildren>>;
  captionHidden?: boolean;
}) {
  return (
    <div class="fr-table fr-table--no-caption-mobile">
      <div class="fr-table__wrapper">
        {/* Focusable so that keyboard users can scroll a wide table (axe: scrollable-region-focusable). */}
        <section class="fr-table__container" tabindex={0} aria-label={caption}>
          <div class="fr-table__content">
            <table>
              <caption class={captionHidden ? 'fr-sr-only' : undefined}>{caption}</caption>
              <thead>
                <tr>
                  {headers.map((h) => (
                    <th scope="col" key={h}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => (
                  <tr key={i}>
                    {row.map((cell, j) => (
                      <td key={j}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </div>
  );
}
