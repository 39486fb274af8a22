/**
 * The shape of a branching scenario, checked before it is published: every path must lead to an end step.
 * Pure functions over steps and choices, so the authoring pages, the publishing service and the tests share them.
 */

export interface GraphStep {
  key: string;
  isEnd: boolean;
  position?: number;
}

export interface GraphChoice {
  id?: string;
  stepKey: string;
  nextStep: string;
  minutes: number;
  quality: 'good' | 'acceptable' | 'poor';
  position?: number;
}

export type GraphProblemCode =
  | 'no_start'
  | 'unknown_start'
  | 'no_exit'
  | 'unknown_next'
  | 'end_with_choices'
  | 'no_end_reachable'
  | 'unreachable';

export interface GraphProblem {
  code: GraphProblemCode;
  /** The step the trainer must fix (absent only when the start step itself is missing). */
  step?: string;
  /** For a choice leading nowhere: the unknown target. */
  target?: string;
  message: string;
}

/** Every reason a scenario cannot be published, each naming the step to fix; an empty list means valid. */
export function validateScenarioGraph(
  startStep: string | null,
  steps: GraphStep[],
  choices: GraphChoice[],
): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const out = new Map<string, GraphChoice[]>(steps.map((s) => [s.key, []]));
  for (const choice of choices) out.get(choice.stepKey)?.push(choice);

  if (!startStep) problems.push({ code: 'no_start', message: 'Aucune étape de départ n’est choisie.' });
  else if (!byKey.has(startStep))
    problems.push({
      code: 'unknown_start',
      step: startStep,
      message: `L’étape de départ « ${startStep} » n’existe pas.`,
    });

  for (const step of steps) {
    const exits = out.get(step.key) ?? [];
    if (step.isEnd && exits.length > 0)
      problems.push({
        code: 'end_with_choices',
        step: step.key,
        message: `L’étape de fin « ${step.key} » ne doit pas proposer de choix.`,
      });
    if (!step.isEnd && exits.length === 0)
      problems.push({
        code: 'no_exit',
        step: step.key,
        message: `Étape sans sortie : « ${step.key} » n’a aucun choix et n’est pas une étape de fin.`,
      });
    for (const choice of exits)
      if (!byKey.has(choice.nextStep))
        problems.push({
          code: 'unknown_next',
          step: step.key,
          target: choice.nextStep,
          message: `Un choix de l’étape « ${step.key} » mène à une étape inconnue (« ${choice.nextStep} »).`,
        });
  }

  // Steps from which an end can be reached: walk the choices backwards from every end step.
  const incoming = new Map<string, string[]>();
  for (const choice of choices) {
    if (!byKey.has(choice.nextStep)) continue;
    incoming.set(choice.nextStep, [...(incoming.get(choice.nextStep) ?? []), choice.stepKey]);
  }
  const canEnd = new Set(steps.filter((s) => s.isEnd).map((s) => s.key));
  const queue = [...canEnd];
  while (queue.length > 0) {
    const key = queue.pop() as string;
    for (const from of incoming.get(key) ?? [])
      if (!canEnd.has(from)) {
        canEnd.add(from);
        queue.push(from);
      }
  }
  for (const step of steps)
    if (!canEnd.has(step.key) && (out.get(step.key)?.length ?? 0) > 0)
      problems.push({
        code: 'no_end_reachable',
        step: step.key,
        message: `Depuis l’étape « ${step.key} », aucune étape de fin n’est atteignable (boucle sans issue).`,
      });

  if (startStep && byKey.has(startStep)) {
    const seen = reachableFrom(startStep, out, byKey);
    const unreachable = steps.filter((s) => !seen.has(s.key)).map((s) => s.key);
    for (const key of unreachable)
      problems.push({
        code: 'unreachable',
        step: key,
        message: `L’étape « ${key} » n’est atteignable depuis aucun chemin partant du départ.`,
      });
  }
  return problems;
}

function reachableFrom(
  start: string,
  out: Map<string, GraphChoice[]>,
  byKey: Map<string, GraphStep>,
): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const key = queue.pop() as string;
    for (const choice of out.get(key) ?? [])
      if (byKey.has(choice.nextStep) && !seen.has(choice.nextStep)) {
        seen.add(choice.nextStep);
        queue.push(choice.nextStep);
      }
  }
  return seen;
}

/**
 * The path of good practice: from the start, take the 'good' choice at each step (the first by position when
 * several are good, else the best quality available) until an end step; stops on a repeated step.
 */
export function bestPath(startStep: string, steps: GraphStep[], choices: GraphChoice[]): GraphChoice[] {
  const rank = { good: 0, acceptable: 1, poor: 2 } as const;
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const path: GraphChoice[] = [];
  const visited = new Set<string>();
  let key: string | undefined = startStep;
  while (key && byKey.has(key) && !byKey.get(key)?.isEnd && !visited.has(key)) {
    visited.add(key);
    const here: GraphChoice[] = choices
      .filter((c) => c.stepKey === key)
      .sort((a, b) => rank[a.quality] - rank[b.quality] || (a.position ?? 0) - (b.position ?? 0));
    const chosen: GraphChoice | undefined = here[0];
    if (!chosen) break;
    path.push(chosen);
    key = chosen.nextStep;
  }
  return path;
}
