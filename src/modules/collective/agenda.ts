import type { AgendaItem } from '../../platform/db/schema-steering.js';

/**
 * An agenda typed as an indented list, one item per line: "- Accueil", "  - Tour de table". Two spaces (or a tab)
 * per level, at most three levels. Returns the nested items, or null when the text is not such a list.
 */
export function parseAgenda(text: string): AgendaItem[] | null {
  const root: AgendaItem[] = [];
  const stack: Array<{ depth: number; items: AgendaItem[] }> = [{ depth: -1, items: root }];
  for (const raw of text.split(/\r?\n/)) {
    if (!raw.trim()) continue;
    const match = /^([ \t]*)(?:[-*•]|\d+[.)])?\s*(.+)$/.exec(raw.replace(/\t/g, '  '));
    if (!match) return null;
    const depth = Math.floor(match[1]!.length / 2);
    const title = match[2]!.trim();
    if (depth > 2 || title.length > 300) return null;
    while (stack.length > 1 && stack.at(-1)!.depth >= depth) stack.pop();
    const parent = stack.at(-1)!;
    // A line indented two levels below its parent is taken as one level down.
    const item: AgendaItem = { title };
    parent.items.push(item);
    item.items = [];
    stack.push({ depth, items: item.items });
  }
  const prune = (items: AgendaItem[]): AgendaItem[] =>
    items.map((i) =>
      i.items && i.items.length > 0 ? { title: i.title, items: prune(i.items) } : { title: i.title },
    );
  return prune(root);
}

/** The agenda back as the indented text of the form. */
export function agendaText(items: readonly AgendaItem[], depth = 0): string {
  return items
    .map((i) => `${'  '.repeat(depth)}- ${i.title}\n${agendaText(i.items ?? [], depth + 1)}`)
    .join('');
}
