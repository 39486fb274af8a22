import i18next from 'i18next';
import en from './locales/en.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };

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
  resources: { fr: { translation: fr }, en: { translation: en } },
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
  return walk(locale === 'fr' ? fr : en, '');
}
