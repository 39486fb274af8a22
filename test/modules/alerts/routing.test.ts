import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type DeskDef,
  NoCoordinationDeskError,
  type RuleDef,
  route,
} from '../../../src/modules/alerts/routing.js';

const now = new Date('2026-11-26T10:00:00Z');
const desk = (
  id: string,
  organisationType: string,
  departements: string[] = [],
  airports: string[] = [],
  extra: Partial<DeskDef> = {},
): DeskDef => ({
  id,
  organisationType,
  departements,
  airports,
  isCoordination: false,
  active: true,
  ...extra,
});
const rule = (id: string, r: Partial<RuleDef>): RuleDef => ({
  id,
  departements: [],
  airports: [],
  minorsOnly: false,
  forms: [],
  contexts: [],
  deskIds: [],
  competence: null,
  ackMinutes: 30,
  escalationDeskIds: [],
  ...r,
});

const desks = [
  desk('coordination', 'coordination', [], [], { isCoordination: true }),
  desk('parquet-mineurs', 'parquet', ['75']),
  desk('ase', 'ase', ['75']),
  desk('paf-cdg', 'paf', ['95'], ['CDG']),
  desk('inspection-95', 'inspection_travail', ['95'], ['CDG']),
  desk('inspection-13', 'inspection_travail', ['13']),
  desk('closed', 'paf', ['95'], ['CDG'], { active: false }),
];
const rules = [
  rule('mineurs-paris', {
    departements: ['75'],
    airports: ['CDG', 'ORY'],
    minorsOnly: true,
    deskIds: ['parquet-mineurs', 'ase'],
    ackMinutes: 15,
  }),
  rule('cdg', { airports: ['CDG'], deskIds: ['paf-cdg', 'closed'], ackMinutes: 20 }),
  rule('travail', { forms: ['travail_force'], competence: 'inspection_travail', ackMinutes: 60 }),
];

describe('routing an alert to duty desks', () => {
  test('a minor at CDG reaches the PAF CDG desk and the parquet des mineurs desk; coordination sees it', () => {
    const result = route(
      { departement: '95', airport: 'CDG', context: 'aeroport', hasMinor: true, forms: ['sexuelle'] },
      rules,
      desks,
      now,
    );
    const byDesk = new Map(result.recipients.map((r) => [r.deskId, r]));
    assert.deepEqual([...byDesk.keys()].sort(), ['ase', 'coordination', 'paf-cdg', 'parquet-mineurs']);
    assert.equal(byDesk.get('parquet-mineurs')!.deadline!.toISOString(), '2026-11-26T10:15:00.000Z');
    assert.equal(byDesk.get('paf-cdg')!.deadline!.toISOString(), '2026-11-26T10:20:00.000Z');
    assert.equal(byDesk.get('coordination')!.role, 'observer');
    assert.ok(!byDesk.has('closed'), 'an inactive desk is skipped');
  });

  test('an adult at CDG does not reach the minors’ desks', () => {
    const result = route(
      { departement: '95', airport: 'CDG', context: 'aeroport', hasMinor: false, forms: [] },
      rules,
      desks,
      now,
    );
    assert.deepEqual(result.recipients.map((r) => r.deskId).sort(), ['coordination', 'paf-cdg']);
  });

  test('labour exploitation goes to the labour inspection of the place’s département', () => {
    const marseille = route(
      {
        departement: '13',
        airport: null,
        context: 'lieu_travail',
        hasMinor: false,
        forms: ['travail_force'],
      },
      rules,
      desks,
      now,
    );
    assert.deepEqual(
      marseille.recipients.filter((r) => r.role === 'responder').map((r) => r.deskId),
      ['inspection-13'],
    );
    const lyon = route(
      {
        departement: '69',
        airport: null,
        context: 'lieu_travail',
        hasMinor: false,
        forms: ['travail_force'],
      },
      rules,
      desks,
      now,
    );
    assert.deepEqual(
      lyon.gaps,
      [{ ruleId: 'travail', competence: 'inspection_travail' }],
      'no labour inspection desk in the Rhône: said so',
    );
    assert.deepEqual(
      lyon.recipients.map((r) => [r.deskId, r.role]),
      [['coordination', 'responder']],
      'and coordination answers for it',
    );
  });

  test('nothing matches: the national coordination desk must acknowledge, within 30 minutes', () => {
    const result = route(
      { departement: '29', airport: null, context: 'voie_publique', hasMinor: false, forms: [] },
      rules,
      desks,
      now,
    );
    assert.deepEqual(result.recipients, [
      {
        deskId: 'coordination',
        role: 'responder',
        level: 0,
        ruleId: null,
        deadline: new Date('2026-11-26T10:30:00Z'),
      },
    ]);
  });

  test('without an active coordination desk routing refuses rather than lose an alert', () => {
    assert.throws(
      () =>
        route(
          { departement: '29', airport: null, context: 'autre', hasMinor: false, forms: [] },
          rules,
          desks.filter((d) => !d.isCoordination),
          now,
        ),
      NoCoordinationDeskError,
    );
  });
});
