#!/usr/bin/env node
// `relais` command: runs src/cli.ts on the project's Node 24 (node_modules/.bin/node) through tsx.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = Number(process.versions.node.split('.')[0]) === 24 ? process.execPath : path.join(root, 'node_modules', '.bin', 'node');
const result = spawnSync(node, ['--import', 'tsx', path.join(root, 'src', 'cli.ts'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.cwd() });
process.exit(result.status ?? 1);
