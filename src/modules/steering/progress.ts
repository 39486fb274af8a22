import type { MeasureStatus } from '../../platform/db/schema-steering.js';

export interface MeasureRow {
  id: string;
  axis_id: string;
  parent_id: string | null;
  number: string;
  title: string;
  description: string;
  lead: string;
  partners: string[];
  status: MeasureStatus;
  progress: number | null;
  weight: number;
  starts_on: string | null;
  ends_on: string | null;
}

export interface MeasureNode extends MeasureRow {
  /** Own progress, or the weighted mean of the sub-measures (dropped ones left out), rounded. */
  effectiveProgress: number;
  children: MeasureNode[];
}

/** A measure without sub-measures and without a figure counts 100 when done, 0 otherwise. */
function ownProgress(m: MeasureRow): number {
  if (m.progress !== null) return m.progress;
  return m.status === 'done' ? 100 : 0;
}

/** Builds the tree of measures and rolls progress up from weighted sub-measures. */
export function rollUp(rows: readonly MeasureRow[]): MeasureNode[] {
  const nodes = new Map<string, MeasureNode>(
    rows.map((r) => [r.id, { ...r, effectiveProgress: 0, children: [] }]),
  );
  const roots: MeasureNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parent_id ? nodes.get(node.parent_id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const visit = (node: MeasureNode, depth: number): number => {
    if (depth > 20) throw new Error('measures nested too deep');
    const counted = node.children.filter((c) => c.status !== 'dropped');
    for (const child of node.children) visit(child, depth + 1);
    if (counted.length === 0) node.effectiveProgress = ownProgress(node);
    else {
      const weight = counted.reduce((s, c) => s + Number(c.weight), 0);
      node.effectiveProgress = Math.round(
        counted.reduce((s, c) => s + c.effectiveProgress * Number(c.weight), 0) / weight,
      );
    }
    return node.effectiveProgress;
  };
  for (const root of roots) visit(root, 0);
  return roots;
}

/** The plan's progress: weighted mean of its top-level measures that are not dropped. */
export function planProgress(roots: readonly MeasureNode[]): number | null {
  const counted = roots.filter((m) => m.status !== 'dropped');
  const weight = counted.reduce((s, m) => s + Number(m.weight), 0);
  if (weight === 0) return null;
  return Math.round(counted.reduce((s, m) => s + m.effectiveProgress * Number(m.weight), 0) / weight);
}
