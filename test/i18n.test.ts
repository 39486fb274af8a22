import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { catalogKeys, translator } from '../src/platform/i18n/index.js';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('UI catalogs (fr, en)', () => {
  test('French and English carry exactly the same keys', () => {
    const fr = new Set(catalogKeys('fr').map((k) => k.replace(/_(one|other)$/, '')));
    const en = new Set(catalogKeys('en').map((k) => k.replace(/_(one|other)$/, '')));
    assert.deepEqual([...fr].filter((k) => !en.has(k)), [], 'missing in en');
    assert.deepEqual([...en].filter((k) => !fr.has(k)), [], 'missing in fr');
  });

  test('every literal key the code uses exists in the French catalog', () => {
    const keys = new Set(catalogKeys('fr').map((k) => k.replace(/_(one|other)$/, '').replace(/\.sections\..*$/, '.sections')));
    const prefixes = ['errors.', 'auth.', 'accounts.', 'organisations.', 'account.', 'admin.', 'forms.', 'layout.', 'nav.', 'footer.', 'home.', 'spaces.', 'tiles.', 'mails.', 'legal.', 'display.', 'apiDocs.', 'sitemap.', 'common.', 'roles.', 'scopes.'];
    const missing: string[] = [];
    // Repositories and the session store hold SQL column names (organisations.id), audit actions are not texts.
    for (const file of sourceFiles('src').filter((f) => !/repository\.ts$|sessions\.ts$/.test(f))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/['"`]((?:[a-zA-Z]+\.)+[a-zA-Z]+)['"`]/g)) {
        const key = match[1];
        if (/action:[^,\n]*$/.test(text.slice(Math.max(0, match.index - 60), match.index))) continue;
        if (!prefixes.some((p) => key!.startsWith(p)) || /\.(js|ts|tsx|json|eml|css)$/.test(key!)) continue;
        if (!keys.has(key!) && ![...keys].some((k) => k.startsWith(`${key}.`))) missing.push(`${path.relative('.', file)}: ${key}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  test('plurals and interpolation work in both languages', () => {
    assert.equal(translator('fr')('forms.errorSummary', { count: 1 }), 'Le formulaire contient une erreur');
    assert.equal(translator('fr')('forms.errorSummary', { count: 3 }), 'Le formulaire contient 3 erreurs');
    assert.equal(translator('en')('forms.errorSummary', { count: 3 }), 'The form has 3 errors');
  });
});
