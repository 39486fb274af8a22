// Builds the template database once, before the test files start in parallel. The runner loads this file
// without tsx's resolver, so the TypeScript work runs in a child process.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function globalSetup() {
  const script = fileURLToPath(new URL('./build-template.ts', import.meta.url));
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Construction de la base modèle des tests impossible.');
}
