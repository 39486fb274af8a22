
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { type Insertable, type Kysely, sql } from 'kysely';
import { Pool } from 'undici';
import { loadConfig } from '../src/config.js';
import { type Core, openCore } from '../src/core.js';
import { eventNoteContext, identityContext } from '../src/modules/cases/deps.js';
import { createCaseIndicators } from '../src/modules/cases/indicators.js';
import { EVENT_KINDS, PILOT_TAGS, REMINDERS } from '../src/modules/cases/reference.js';
import type { Actor } from '../src/platform/auth/roles.js';
import type { FieldCipher } from '../src/platform/crypto/fields.js';
import type { DB, OrganisationsTable } from '../src/platform/db/schema.js';
import type { CaseConsentsTable, CaseEventsTable, CaseLinksTable, CaseOrganisationsTable, CasesTable } from '../src/platform/db/schema-cases.js';
import { addDays, parisDate } from '../src/platform/time/paris.js';
import { prng } from './lib/random.js';
import { benchTargets, cli, runStats, type RunStats, seedDemo, type Target } from './lib/targets.js';
import { startServer } from './lib/server.js';

/**
 * Issue 5: protected case files. 10,000 generated files (identity encrypted per field with the core's field cipher,
 * a lead row and a consent covering identity each, ~8 journal entries, some with encrypted notes, pilot tags on a
 * share) over ~200 organisations. Measured on PGlite and on PostgreSQL: a file read by a case worker of the lead
 * (`files.read` from this process, and `GET /api/v1/cases/:id` over HTTP), the organisation's list, a journal
 * entry, the pilot indicators over the year, and the retention job anonymising 500 files.
 */


const DAY = 24 * 3_600_000;
const WORKER = 'suivi@demo.relais.test';
const LEAD = 'Hors la Rue';
const COORDINATOR = 'coordination@demo.relais.test';
const PERIOD = { from: '2026-01-01', to: '2026-12-31' } as const;
const LANGUAGES = ['ro', 'bg', 'en', 'fr', 'ar', 'es', 'pt', 'zh', 'vi', 'ti', 'fa', 'uk', 'sq', 'ha', 'yo'];
const NATIONALITIES = ['RO', 'BG', 'NG', 'CN', 'VN', 'MA', 'DZ', 'AL', 'UA', 'BR', 'ER', 'CI', 'GN', 'FR', 'PH'];
const FORMS = ['sexuelle', 'travail_force', 'servitude_domestique', 'delits', 'mendicite', 'mariage_force'] as const;
const FIRST = ['Ana', 'Ioana', 'Blessing', 'Mei', 'Thi', 'Fatima', 'Elira', 'Olena', 'Joy', 'Mihai', 'Florin', 'Amine'];
const LAST = ['Popescu', 'Ionescu', 'Okafor', 'Wang', 'Nguyen', 'Benali', 'Hoxha', 'Kovalenko', 'Eze', 'Dumitru'];
const NOTES = [
  'Entretien avec l’interprète ; la personne dit avoir été hébergée par le réseau jusqu’en mars.',
  'Accompagnée aux urgences médicales, revoir la semaine prochaine avec l’assistante sociale.',
  'Rendez-vous avec l’avocate pour préparer l’audition ; inquiète pour sa famille restée au pays.',
  'Ne souhaite pas que l’adresse de l’hébergement soit communiquée à l’ancien employeur.',
  'Inscription à la formation linguistique, premier cours lundi ; a besoin d’un titre de transport.',
];



interface Tokens {
  /** Case worker of Hors la Rue, cases:read. */
  read: string;
  /** Same account, cases:write (journal entries). */
  write: string;
  /** National coordinator, cases:read (indicators). */
  coordinator: string;
}

/** A fresh database with the demo accounts, and the API tokens. */
async function prepare(target: Target): Promise<Tokens> {
  await seedDemo(target);
  return {
    read: cli(target.env, 'token:create', '--email', WORKER, '--name', 'bench cases read', '--scopes', 'cases:read'),
    write: cli(target.env, 'token:create', '--email', WORKER, '--name', 'bench cases write', '--scopes', 'cases:write'),
    coordinator: cli(target.env, 'token:create', '--email', COORDINATOR, '--name', 'bench cases indicators', '--scopes', 'cases:read'),
  };
}

async function insertChunks<T extends keyof DB>(db: Kysely<DB>, table: T, rows: ReadonlyArray<Insertable<DB[T]>>) {
  for (let i = 0; i < rows.length; i += 1000) {
    // biome-ignore lint/suspicious/noExplicitAny: Kysely cannot narrow a generic table's insert type
    await db.insertInto(table).values(rows.slice(i, i + 1000) as any).execute();
  }
}

interface Generated {
  files: number;
  organisations: number;
  open: number;
  closed: number;
  events: number;
  notes: number;
  tagged: number;
  partners: number;
  links: number;
  leadFiles: string[];
  leadOpen: string[];
  /** Closed files whose closure is pushed back past the retention period just before the retention measure. */
  retention: string[];
}

/**
 * The generated files, inserted in bulk: `files` in all, `leadFiles` of them (half open) led by Hors la Rue, the
 * others spread over `organisations - 1` generated associations; 40 % of those open, the rest closed within the
 * retention period. Identity (5 fields) and notes are field-cipher values bound to their row, as the service writes
 * them.
 */
async function generateFiles(
  db: Kysely<DB>,
  cipher: FieldCipher,
  options: { files: number; organisations: number; leadFiles: number; retention: number },
  now: Date,
): Promise<Generated> {
  const random = prng(5);
  const today = parisDate(now);
  const lead = await db.selectFrom('organisations').select('id').where('name', '=', LEAD).executeTakeFirstOrThrow();
  const worker = await db.selectFrom('users').select('id').where('email', '=', WORKER).executeTakeFirstOrThrow();
  const departements = (await db.selectFrom('departements').select('code').orderBy('code').execute()).map((d) => d.code);
  // References follow those already given (the demo has a few files).
  const { rows: first } = await sql<{ n: number }>`SELECT nextval('case_reference_seq')::int AS n`.execute(db);
  const base = first[0]!.n;
  const placements = (await db.selectFrom('placements').select('id').orderBy('reference').execute()).map((p) => p.id);

  const organisations: Array<Insertable<OrganisationsTable> & { id: string }> = [];
  for (let i = 1; i < options.organisations; i++) {
    organisations.push({
      id: randomUUID(),
      name: `Association de suivi de banc d’essai n° ${i}`,
      type: random.weighted([['association', 80], ['ase', 10], ['structure_accueil', 10]] as const),
      departement_code: random.pick(departements),
      is_demo: true,
    });
  }
  const cases: Array<Insertable<CasesTable>> = [];
  const members: Array<Insertable<CaseOrganisationsTable>> = [];
  const consents: Array<Insertable<CaseConsentsTable>> = [];
  const links: Array<Insertable<CaseLinksTable>> = [];
  const events: Array<Insertable<CaseEventsTable>> = [];
  const out: Generated = { files: 0, organisations: options.organisations, open: 0, closed: 0, events: 0, notes: 0, tagged: 0, partners: 0, links: 0, leadFiles: [], leadOpen: [], retention: [] };
  const dateOf = (d: Date) => parisDate(d);

  for (let i = 0; i < options.files; i++) {
    const id = randomUUID();
    const isLead = i < options.leadFiles;
    const organisationId = isLead ? lead.id : random.pick(organisations).id;
    const recorder = isLead ? worker.id : null;
    const due = !isLead && i < options.leadFiles + options.retention;
    const open = isLead ? i < options.leadFiles / 2 : !due && random.chance(0.4);
    const openedDaysAgo = open ? random.int(5, 700) : random.int(60, 900);
    const openedAt = new Date(now.getTime() - openedDaysAgo * DAY - random.int(0, 86_399) * 1000);
    const closedAt = open ? null : new Date(now.getTime() - random.int(1, Math.min(openedDaysAgo - 30, 690)) * DAY);
    const minor = random.chance(0.35);
    const age = minor ? random.int(12, 17) : random.chance(0.9) ? random.int(18, 55) : null;
    const tags: string[] = [];
    if (random.chance(0.3)) {
      tags.push(random.weighted([[PILOT_TAGS[0], 35], [PILOT_TAGS[1], 25], [PILOT_TAGS[2], 20], [PILOT_TAGS[3], 20]] as const));
      if (random.chance(0.1)) tags.push(random.pick(PILOT_TAGS.filter((t) => t !== tags[0])));
    }
    const outcome = open ? null : random.weighted([['autonomy', 30], ['lasting_housing', 20], ['employment', 15], ['voluntary_return', 10], ['contact_lost', 15], ['transferred', 10]] as const);
    const identity = {
      identity_names: `${random.pick(FIRST)} ${random.pick(LAST).toUpperCase()}`,
      identity_aliases: `« ${random.pick(FIRST)} », ${random.pick(FIRST).toLowerCase()}${random.int(1, 99)}`,
      identity_birth_date: `${now.getUTCFullYear() - (age ?? 30)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
      identity_contact: `+33 6 ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)} (via l’éducatrice)`,
      identity_documents: `Passeport ${random.pick(NATIONALITIES)} n° ${random.int(10_000_000, 99_999_999)}, récépissé ${random.int(1_000_000, 9_999_999)}`,
    };
    const form = random.pick(FORMS);
    cases.push({
      id,
      reference: `TEH-${openedAt.getUTCFullYear()}-${String(base + i).padStart(6, '0')}`,
      status: open ? 'open' : 'closed',
      lead_organisation_id: organisationId,
      opened_by: recorder,
      opened_at: openedAt,
      minor,
      age,
      gender: random.weighted([['female', 60], ['male', 35], ['other', 2], ['unknown', 3]] as const),
      nationality: random.chance(0.9) ? random.pick(NATIONALITIES) : null,
      languages: [random.pick(LANGUAGES), ...(random.chance(0.4) ? ['fr'] : [])].filter((l, k, all) => all.indexOf(l) === k),
      exploitation: JSON.stringify([{ form, from: dateOf(new Date(openedAt.getTime() - random.int(30, 900) * DAY)), departement: random.pick(departements), country: 'FR' }]),
      pilot_tags: tags,
      identity_names: cipher.encrypt(identity.identity_names, identityContext('identity_names')(id)),
      identity_aliases: cipher.encrypt(identity.identity_aliases, identityContext('identity_aliases')(id)),
      identity_birth_date: cipher.encrypt(identity.identity_birth_date, identityContext('identity_birth_date')(id)),
      identity_contact: cipher.encrypt(identity.identity_contact, identityContext('identity_contact')(id)),
      identity_documents: cipher.encrypt(identity.identity_documents, identityContext('identity_documents')(id)),
      closed_at: closedAt,
      outcome,
      is_demo: true,
      created_at: openedAt,
      updated_at: closedAt ?? openedAt,
    });
    members.push({ case_id: id, organisation_id: organisationId, role: 'lead', parts: [], since: openedAt });
    consents.push({ case_id: id, organisation_id: organisationId, scopes: ['identity', 'journal'], given_at: openedAt, recorded_by: recorder });
    if (!isLead && random.chance(0.08)) {
      const partner = random.pick(organisations).id;
      if (partner !== organisationId) {
        members.push({ case_id: id, organisation_id: partner, role: 'partner', parts: ['profile', 'support'], since: new Date(openedAt.getTime() + 7 * DAY) });
        consents.push({ case_id: id, organisation_id: partner, scopes: ['journal'], given_at: new Date(openedAt.getTime() + 7 * DAY), recorded_by: null });
        out.partners++;
      }
    }
    if (placements.length > 0 && random.chance(0.12)) {
      links.push({ case_id: id, kind: 'placement', target_id: random.pick(placements), linked_at: new Date(openedAt.getTime() + random.int(0, 10) * DAY) });
      out.links++;
    }

    // The journal: ~8 entries between the opening and the closure (or today), the closure last.
    const end = closedAt ?? now;
    const span = Math.max(1, end.getTime() - openedAt.getTime());
    let complained = false;
    const count = random.int(4, 11);
    for (let k = 0; k < count; k++) {
      let category = random.weighted([['support', 50], ['proceedings', 22], ['residence', 12], ['minor', minor ? 10 : 0], ['runaway', 6]] as const);
      if (k === 0) category = 'support';
      let kind: string;
      if (category === 'proceedings') {
        kind = complained ? random.pick(['hearing', 'investigation', 'trial', 'judgment'] as const) : 'complaint';
        complained = true;
      } else {
        kind = random.pick(EVENT_KINDS[category]);
      }
      let occurred = k === 0 ? openedAt : new Date(openedAt.getTime() + random.next() * span);
      // Hearings and trials to come on some open files (the list shows the next date).
      if (open && (kind === 'hearing' || kind === 'trial') && random.chance(0.4)) occurred = new Date(now.getTime() + random.int(1, 180) * DAY);
      const occurredOn = dateOf(occurred);
      const endsOn = kind === 'reflection_period' ? addDays(occurredOn, 30) : kind === 'opp' ? addDays(occurredOn, 180) : null;
      const details: Record<string, unknown> = {};
      if (category === 'support' && random.chance(0.5)) details.service = 'Permanence de l’association';
      if (kind === 'trial') {
        details.present = random.chance(0.6);
        details.accompanied = random.chance(0.7);
      }
      if (kind === 'runaway') details.departement = random.pick(departements);
      const rule = REMINDERS[kind];
      const remindOn = rule ? (rule.on === 'ends_on' ? endsOn : occurredOn) : null;
      const eventId = randomUUID();
      const note = random.chance(0.3) ? cipher.encrypt(random.pick(NOTES), eventNoteContext(eventId)) : null;
      if (note) out.notes++;
      events.push({
        id: eventId,
        case_id: id,
        category,
        kind,
        occurred_on: occurredOn,
        ends_on: endsOn,
        details: JSON.stringify(details),
        note,
        organisation_id: organisationId,
        recorded_by: recorder,
        // Dates to come are marked reminded: the hourly reminder job must not mail a burst during the measures.
        reminded_at: remindOn && remindOn >= today ? now : null,
        created_at: occurred > now ? now : occurred,
      });
    }
    if (closedAt) {
      const eventId = randomUUID();
      events.push({
        id: eventId,
        case_id: id,
        category: 'closure',
        kind: 'closure',
        occurred_on: dateOf(closedAt),
        details: JSON.stringify({ outcome }),
        note: cipher.encrypt('Clôture du suivi, la personne garde le contact de l’association.', eventNoteContext(eventId)),
        organisation_id: organisationId,
        recorded_by: recorder,
        created_at: closedAt,
      });
      out.notes++;
    }

    out.files++;
    if (open) out.open++;
    else out.closed++;
    if (tags.length > 0) out.tagged++;
    if (isLead) out.leadFiles.push(id);
    if (isLead && open) out.leadOpen.push(id);
    if (due) out.retention.push(id);
  }
  await insertChunks(db, 'organisations', organisations);
  await insertChunks(db, 'cases', cases);
  await insertChunks(db, 'case_organisations', members);
  await insertChunks(db, 'case_consents', consents);
  await insertChunks(db, 'case_links', links);
  await insertChunks(db, 'case_events', events);
  await sql`SELECT setval('case_reference_seq', ${base + options.files - 1})`.execute(db);
  // Statistics as autovacuum would have them (the local server runs without autovacuum; PGlite has none).
  await sql`ANALYZE`.execute(db);
  out.events = events.length;
  return out;
}

interface Measure extends RunStats {
  /** Mean of a per-run figure (events in the file, files in the list, indicator rows, bytes). */
  mean: number;
}

function summarise(times: number[], sizes: number[], errors: number): Measure {
  return { ...runStats(times, errors), mean: sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length) };
}

/** A service call, one at a time from this process; `size` says what the result held. */
async function measureService<T>(runs: number, warmup: number, call: (i: number) => Promise<T>, size: (result: T) => number): Promise<Measure> {
  const times: number[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const t0 = performance.now();
    const result = await call(i);
    const elapsed = performance.now() - t0;
    if (i < warmup) continue;
    times.push(elapsed);
    sizes.push(size(result));
  }
  return summarise(times, sizes, 0);
}

/** The API, one request at a time over one keep-alive connection, latency until the JSON body is read. */
async function measureHttp(
  origin: string,
  runs: number,
  warmup: number,
  request: (i: number) => { method: 'GET' | 'POST'; path: string; token: string; body?: unknown },
  expect: number,
  size: (body: unknown) => number,
): Promise<Measure> {
  const pool = new Pool(origin, { connections: 1, pipelining: 1 });
  const times: number[] = [];
  const sizes: number[] = [];
  let errors = 0;
  for (let i = 0; i < warmup + runs; i++) {
    const r = request(i);
    const t0 = performance.now();
    const response = await pool.request({
      method: r.method,
      path: r.path,
      headers: { authorization: `Bearer ${r.token}`, accept: 'application/json', ...(r.body ? { 'content-type': 'application/json' } : {}) },
      body: r.body ? JSON.stringify(r.body) : undefined,
    });
    const text = await response.body.text();
    const elapsed = performance.now() - t0;
    if (i < warmup) continue;
    if (response.statusCode !== expect) {
      errors++;
      if (errors <= 3) process.stderr.write(`[bench cases] ${r.method} ${r.path}: ${response.statusCode} ${text.slice(0, 300)}\n`);
    } else {
      times.push(elapsed);
      sizes.push(size(JSON.parse(text)));
    }
  }
  await pool.close();
  return summarise(times, sizes, errors);
}

async function openBenchCore(target: Target): Promise<Core> {
  return openCore(loadConfig({ ...process.env, ...target.env, LOG_LEVEL: 'warn' }));
}

async function actorOf(core: Core, email: string): Promise<Actor> {
  const user = await core.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return (await core.sessions.loadActor(user.id, 'token', { mfaVerified: true, sessionId: null, tokenScopes: ['cases:read', 'cases:write'] }))!;
}

export async function casesBench(options: {
  files: number;
  organisations: number;
  leadFiles: number;
  reads: number;
  lists: number;
  entries: number;
  indicators: number;
  databaseUrl: string | undefined;
}): Promise<string> {
  const targets = await benchTargets('cases', options.databaseUrl);
  const rows: string[] = [];
  const retentionRows: string[] = [];
  let generated: Generated | undefined;
  const generationLines: string[] = [];
  const warm = (n: number) => Math.max(5, Math.round(n / 10));
  for (const target of targets) {
    const step = (what: string) => process.stderr.write(`[bench cases] ${target.label}: ${what}\n`);
    step('preparing the database and the tokens');
    const tokens = await prepare(target);

    step(`generating ${options.files} case files`);
    let core = await openBenchCore(target);
    const t0 = performance.now();
    generated = await generateFiles(core.db, core.cipher, { files: options.files, organisations: options.organisations, leadFiles: options.leadFiles, retention: 500 }, new Date());
    const generationSeconds = (performance.now() - t0) / 1000;
    step(`generated ${generated.files} files, ${generated.events} journal entries in ${generationSeconds.toFixed(1)} s`);
    generationLines.push(`${target.label}: ${generationSeconds.toFixed(1)} s`);
    const lead = generated.leadFiles;
    const leadOpen = generated.leadOpen;
    const reads = (seed: number) => {
      const random = prng(seed);
      return Array.from({ length: options.reads + warm(options.reads) }, () => random.pick(lead));
    };
    const readIds = reads(55);
    const entryIds = (() => {
      const random = prng(56);
      return Array.from({ length: options.entries + warm(options.entries) }, () => random.pick(leadOpen));
    })();
    const today = parisDate(new Date());
    const entry = { kind: 'legal', occurredOn: today, service: 'Permanence juridique', note: 'Rendez-vous avec l’avocate pour préparer l’audition, interprète réservé.' };

    const worker = await actorOf(core, WORKER);
    const coordinator = await actorOf(core, COORDINATOR);
    const { files, indicators } = core.services.cases;
    step(`files.read × ${options.reads}`);
    const readService = await measureService(options.reads, warm(options.reads), (i) => files.read(worker, readIds[i]!, 'api'), (f) => f.events.length);
    step(`files.list × ${options.lists}`);
    const listService = await measureService(options.lists, warm(options.lists), () => files.list(worker), (l) => l.length);
    step(`indicators.compute × ${options.indicators}`);
    const indicatorsService = await measureService(options.indicators, warm(options.indicators), () => indicators.compute(coordinator, PERIOD), (r) => r.rows.length);
    // PostgreSQL plans JIT compilation for this statement (see RESULTS.md): the same call on one connection with
    // `SET jit = off`, to show what the compilation costs.
    const indicatorsNoJit = target.databaseUrl
      ? await core.db.connection().execute(async (connection) => {
          await sql`SET jit = off`.execute(connection);
          const alone = createCaseIndicators({ db: connection });
          step(`indicators.compute × ${options.indicators}, jit = off`);
          const measure = await measureService(options.indicators, warm(options.indicators), () => alone.compute(coordinator, PERIOD), (r) => r.rows.length);
          await sql`RESET jit`.execute(connection);
          return measure;
        })
      : undefined;
    await core.close();

    const server = await startServer(target.env);
    step(`GET /api/v1/cases/:id × ${options.reads}`);
    const readHttp = await measureHttp(server.origin, options.reads, warm(options.reads), (i) => ({ method: 'GET', path: `/api/v1/cases/${readIds[i]}`, token: tokens.read }), 200, (b) => (b as { events: unknown[] }).events.length);
    step(`GET /api/v1/cases × ${options.lists}`);
    const listHttp = await measureHttp(server.origin, options.lists, warm(options.lists), () => ({ method: 'GET', path: '/api/v1/cases', token: tokens.read }), 200, (b) => (b as { cases: unknown[] }).cases.length);
    step(`POST /api/v1/cases/:id/events × ${options.entries}`);
    const entryHttp = await measureHttp(server.origin, options.entries, warm(options.entries), (i) => ({ method: 'POST', path: `/api/v1/cases/${entryIds[i]}/events`, token: tokens.write, body: entry }), 201, () => 1);
    step(`GET /api/v1/cases/indicators × ${options.indicators}`);
    const indicatorsHttp = await measureHttp(
      server.origin,
      options.indicators,
      warm(options.indicators),
      () => ({ method: 'GET', path: `/api/v1/cases/indicators?from=${PERIOD.from}&to=${PERIOD.to}`, token: tokens.coordinator }),
      200,
      (b) => (b as { rows: unknown[] }).rows.length,
    );
    await server.stop();

    step('retention: anonymiseExpired() on 500 files closed 3 years earlier');
    core = await openBenchCore(target);
    const ids = generated.retention;
    for (let i = 0; i < ids.length; i += 500) {
      await core.db
        .updateTable('cases')
        .set({ opened_at: sql`opened_at - interval '36 months'`, closed_at: sql`closed_at - interval '36 months'` })
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();
    }
    const r0 = performance.now();
    const anonymised = await core.services.cases.retention.anonymiseExpired();
    const retentionMs = performance.now() - r0;
    const check = await core.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'anonymised').where('identity_names', 'is', null).executeTakeFirstOrThrow();
    const notesLeft = await core.db.selectFrom('case_events').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', 'in', ids).where('note', 'is not', null).executeTakeFirstOrThrow();
    await core.close();
    fs.rmSync(target.dataDir, { recursive: true, force: true });

    const row = (what: string, m: Measure, unit: string) =>
      `| ${target.label} | ${what} | ${m.runs} | ${m.errors} | ${m.p50.toFixed(2)} | ${m.p95.toFixed(2)} | ${m.p99.toFixed(2)} | ${m.max.toFixed(2)} | ${unit.replace('%', m.mean.toFixed(1))} |`;
    rows.push(
      row('`files.read` (service alone)', readService, '% entries'),
      row('GET /api/v1/cases/:id (HTTP)', readHttp, '% entries'),
      row('`files.list` (service alone)', listService, '% files'),
      row('GET /api/v1/cases (HTTP)', listHttp, '% files'),
      row('POST /api/v1/cases/:id/events (HTTP)', entryHttp, 'support entry with a note'),
      row('`indicators.compute` (service alone)', indicatorsService, '% tags'),
      ...(indicatorsNoJit ? [row('`indicators.compute`, `SET jit = off` (service alone)', indicatorsNoJit, '% tags')] : []),
      row('GET /api/v1/cases/indicators (HTTP)', indicatorsHttp, '% tags'),
    );
    retentionRows.push(
      `| ${target.label} | ${anonymised} | ${(retentionMs / 1000).toFixed(2)} | ${(retentionMs / Math.max(1, anonymised)).toFixed(2)} | ${Number(check.n)} | ${Number(notesLeft.n)} |`,
    );
  }
  const g = generated!;
  const out: string[] = [];
  out.push(
    `### ${g.files.toLocaleString('en')} generated files over ${g.organisations} organisations (${g.open.toLocaleString('en')} open, ${g.closed.toLocaleString('en')} closed; ${g.events.toLocaleString('en')} journal entries of which ${g.notes.toLocaleString('en')} with an encrypted note; ${g.tagged.toLocaleString('en')} with a pilot tag; ${g.partners} with a partner, ${g.links} linked to a placement); Hors la Rue leads ${g.leadFiles.length} (${g.leadOpen.length} open)`,
    '',
    `Generation (encryption + bulk insert + ANALYZE): ${generationLines.join(', ')}. One request at a time, after ${warm(options.reads)}/${warm(options.lists)}/${warm(options.entries)}/${warm(options.indicators)} of warm-up.`,
    '',
  );
  out.push('| database | measure | runs | errors | p50 ms | p95 ms | p99 ms | max ms | mean result |', '|---|---|---:|---:|---:|---:|---:|---:|---|', ...rows, '');
  out.push(
    '| database | `anonymiseExpired()` files | total s | ms per file | anonymised files after | notes left on them |',
    '|---|---:|---:|---:|---:|---:|',
    ...retentionRows,
    '',
  );
  return out.join('\n');
}
