import type { Actor } from '../auth/roles.js';
import type { Locale, Translate } from '../i18n/index.js';

export type Theme = 'light' | 'dark' | 'system';

export interface Flash {
  readonly kind: 'success' | 'info' | 'warning' | 'error';
  readonly message: string;
}

/** Everything a page needs from the request, so views never touch Fastify. */
export interface PageContext {
  readonly t: Translate;
  readonly locale: Locale;
  readonly actor: Actor | null;
  readonly csrfToken: string;
  /** Current path and query, for the language switch and "back to" links. */
  readonly path: string;
  readonly theme: Theme;
  readonly flash: Flash | null;
  readonly navigation: readonly NavigationItem[];
}

/** An entry of the main navigation; modules contribute theirs. */
export interface NavigationItem {
  readonly href: string;
  readonly labelKey: string;
  readonly space: 'public' | 'pro' | 'pilotage';
  /** Shown only when this returns true (e.g. admin links). */
  readonly visible?: (actor: Actor | null) => boolean;
}
