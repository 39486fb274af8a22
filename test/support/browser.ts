import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import assert from 'node:assert/strict';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { TestContext, TestUser } from './app.js';

const require = createRequire(import.meta.url);
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Why the browser tests cannot run here, or undefined when they can. CI sets RELAIS_E2E=require so that a
 * missing Chromium fails instead of skipping.
 */
export function browserUnavailable(): string | undefined {
  if (fs.existsSync(CHROMIUM)) return undefined;
  const reason = `Chromium absent (${CHROMIUM}) : « apt-get install -y chromium » pour lancer les tests dans le navigateur.`;
  if (process.env.RELAIS_E2E === 'require') throw new Error(`${reason} RELAIS_E2E=require les rend obligatoires.`);
  return reason;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core run in the page (injected with evaluate: our CSP blocks script tags from elsewhere). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe.run(document, {
      resultTypes: ['violations'],
    }),
  )) as { violations: AxeViolation[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.resolve('test-results');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Signs in through the real form (and the second factor when the account has one), landing on `path`. */
export async function signIn(page: Page, base: string, user: TestUser, ctx: TestContext, path: string): Promise<void> {
  await page.goto(`${base}${path}`);
  await page.getByLabel('Adresse électronique').fill(user.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  if (page.url().includes('/connexion/2fa')) {
    await page.getByLabel('Code de vérification').fill(ctx.totpCode(user));
    await page.getByRole('button', { name: 'Vérifier' }).click();
  }
  await page.waitForURL(`${base}${path}`);
}

/** No serious or critical axe-core violation on the page. */
export async function axeClean(page: Page): Promise<void> {
  assert.deepEqual((await seriousViolations(page)).map((v) => `${v.id} ${v.nodes.map((n) => n.target).join()}`), [], page.url());
}
