import { ensureTemplate } from './template.js';

await ensureTemplate();
