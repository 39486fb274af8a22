import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  bestPath,
  type GraphChoice,
  type GraphStep,
  validateScenarioGraph,
} from '../../../src/modules/training/scenario-graph.js';

const step = (key: string, isEnd = false): GraphStep => ({ key, isEnd });
const choice = (
  stepKey: string,
  nextStep: string,
  quality: GraphChoice['quality'] = 'good',
  minutes = 10,
): GraphChoice => ({
  stepKey,
  nextStep,
  quality,
  minutes,
});
const codes = (problems: ReturnType<typeof validateScenarioGraph>) =>
  problems.map((p) => `${p.code}:${p.step ?? ''}`).sort();

describe('scenario validation', () => {
  test('a scenario where every path reaches an end step is valid', () => {
    const steps = [step('debut'), step('alerte'), step('fin-bonne', true), step('fin-perdue', true)];
    const choices = [
      choice('debut', 'alerte'),
      choice('debut', 'fin-perdue', 'poor'),
      choice('alerte', 'fin-bonne'),
    ];
    assert.deepEqual(validateScenarioGraph('debut', steps, choices), []);
  });

  test('a missing or unknown start step is refused', () => {
    const steps = [step('fin', true)];
    assert.deepEqual(codes(validateScenarioGraph(null, steps, [])), ['no_start:']);
    assert.deepEqual(codes(validateScenarioGraph('ailleurs', steps, [])), ['unknown_start:ailleurs']);
  });

  test('a non-end step without any choice is refused as « étape sans sortie », naming the step', () => {
    const problems = validateScenarioGraph(
      'debut',
      [step('debut'), step('impasse'), step('fin', true)],
      [choice('debut', 'impasse'), choice('debut', 'fin')],
    );
    assert.deepEqual(codes(problems), ['no_exit:impasse']);
    assert.match(problems[0]?.message ?? '', /Étape sans sortie : « impasse »/);
  });

  test('a choice leading to an unknown step is refused, naming the step and the target', () => {
    const problems = validateScenarioGraph(
      'debut',
      [step('debut'), step('fin', true)],
      [choice('debut', 'fin'), choice('debut', 'nulle-part')],
    );
    assert.deepEqual(codes(problems), ['unknown_next:debut']);
    assert.equal(problems[0]?.target, 'nulle-part');
  });

  test('an end step with choices is refused', () => {
    const problems = validateScenarioGraph(
      'debut',
      [step('debut'), step('fin', true), step('fin2', true)],
      [choice('debut', 'fin'), choice('fin', 'fin2')],
    );
    assert.deepEqual(codes(problems), ['end_with_choices:fin']);
  });

  test('a loop without exit is refused for each step caught in it', () => {
    const problems = validateScenarioGraph(
      'debut',
      [step('debut'), step('a'), step('b'), step('fin', true)],
      [choice('debut', 'a'), choice('debut', 'fin'), choice('a', 'b'), choice('b', 'a')],
    );
    assert.deepEqual(codes(problems), ['no_end_reachable:a', 'no_end_reachable:b']);
  });

  test('steps unreachable from the start are refused, with the list', () => {
    const problems = validateScenarioGraph(
      'debut',
      [step('debut'), step('orpheline'), step('fin', true), step('fin2', true)],
      [choice('debut', 'fin'), choice('orpheline', 'fin2')],
    );
    assert.deepEqual(codes(problems), ['unreachable:fin2', 'unreachable:orpheline']);
  });
});

describe('best path', () => {
  test('follows the good choices to an end step, summing nothing but the choices taken', () => {
    const steps = [step('debut'), step('alerte'), step('fin-bonne', true), step('fin-perdue', true)];
    const choices = [
      choice('debut', 'fin-perdue', 'poor', 5),
      choice('debut', 'alerte', 'good', 30),
      choice('alerte', 'fin-perdue', 'acceptable', 60),
      choice('alerte', 'fin-bonne', 'good', 120),
    ];
    const path = bestPath('debut', steps, choices);
    assert.deepEqual(
      path.map((c) => c.nextStep),
      ['alerte', 'fin-bonne'],
    );
    assert.equal(
      path.reduce((sum, c) => sum + c.minutes, 0),
      150,
    );
  });
});
