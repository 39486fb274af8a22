import i18next from 'i18next';
import enMain from './locales/en.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import enScenarios from './locales/training-scenarios.en.json' with { type: 'json' };
import frScenarios from './locales/training-scenarios.fr.json' with { type: 'json' };
import enSessions from './locales/training-sessions.en.json' with { type: 'json' };
import frSessions from './locales/training-sessions.fr.json' with { type: 'json' };
import enDashboards from './locales/statistics-dashboards.en.json' with { type: 'json' };
import frDashboards from './locales/statistics-dashboards.fr.json' with { type: 'json' };
import enPublicStats from './locales/statistics-public.en.json' with { type: 'json' };
import frPublicStats from './locales/statistics-public.fr.json' with { type: 'json' };
import enResearch from './locales/statistics-research.en.json' with { type: 'json' };
import frResearch from './locales/statistics-research.fr.json' with { type: 'json' };

type Catalog = { [key: string]: string | Catalog };

/** A module may keep its texts in its own file; they are merged under the main catalog's namespaces. */
function merged(...catalogs: object[]): Catalog {
  const into = (target: Catalog, source: Catalog): Catalog => {
    for (const [key, value] of Object.entries(source)) {
      const existing = target[key];
      target[key] =
        typeof value === 'object' && typeof existing === 'object' ? into({ ...existing }, value) : value;
    }
    return target;
  };
  return catalogs.reduce<Catalog>((all, catalog) => into(all, catalog as Catalog), {});
}

const frAll = merged(fr, frSessions, frScenarios, frDashboards, frPublicStats, frResearch);
const en = merged(enMain, enSessions, enScenarios, enDashboards, enPublicStats, enResearch);

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
/** Translates a key with interpolation parameters (and `count` for plurals). */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  lng: 'fr',
  fallbackLng: 'fr',
  supportedLngs: [...LOCALES],
  resources: { fr: { translation: frAll }, en: { translation: en } },
  interpolation: { escapeValue: false }, // JSX escapes on render
  returnNull: false,
});

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

const translators = new Map<Locale, Translate>();

export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    const fixed = instance.getFixedT(locale);
    t = (key, params) => fixed(key, (params ?? {}) as never) as unknown as string;
    translators.set(locale, t);
  }
  return t;
}

/** Every key of one catalog, to check both catalogs carry the same keys. */
export function catalogKeys(locale: Locale): string[] {
  const walk = (node: unknown, prefix: string): string[] =>
    node !== null && typeof node === 'object'
      ? Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => walk(v, prefix ? `${prefix}.${k}` : k))
      : [prefix];
  return walk(locale === 'fr' ? frAll : en, '');
}
