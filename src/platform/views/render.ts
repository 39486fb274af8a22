import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

// biome-ignore lint/suspicious/noExplicitAny: page trees mix component prop types
export type Page = VNode<any>;

export function renderDocument(page: Page): string {
  return `<!DOCTYPE html>${renderToString(page)}`;
}
