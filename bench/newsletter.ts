import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/config.js';
import { openCore } from '../src/core.js';
import { LETTER_MARKDOWN } from './newsletter-letter.js';
import { benchTargets, seedDemo, type Target } from './lib/targets.js';

/**
 * Issue 7's sending benchmark: 100,000 confirmed subscribers, one edition, sent by `relais worker` (its own process)
 * through its SMTP pool to a local smtp-server sink that counts what each address receives. The worker is stopped
 * (SIGTERM) at 30 %, then workers are killed (SIGKILL) at 60 %, 63 %… (`RELAIS_BENCH_KILLS`, 5), a new one started
 * each time; at the end the sink says who got the letter twice and who never got it. Next to it, a bare nodemailer pool sends the same number of the same messages to the
 * same sink (its own process too): the limit of the machine.
 */

interface Sink {
  url: string;
  received: Map<string, number>;
  total(): number;
  close(): Promise<void>;
}

async function startSink(): Promise<Sink> {
  const received = new Map<string, number>();
  let total = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    maxClients: 100,
    onData(stream, session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo) received.set(r.address, (received.get(r.address) ?? 0) + 1);
        total++;
        callback();
      });
    },
  });
  // A killed worker resets its connections: the sink notes nothing and goes on.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    total: () => total,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Peak resident memory of a process (VmHWM), in MB. */
function peakRssMb(pid: number | undefined): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(status.match(/VmHWM:\s+(\d+) kB/)?.[1] ?? 0) / 1024;
  } catch {
    return Number.NaN;
  }
}

function startWorker(env: Record<string, string>): ChildProcess {
  // The heap limit a sending worker is deployed with (README, "Several instances"): V8 collects sooner instead of
  // growing its heap with the garbage of 100,000 messages. 240 MB on PostgreSQL; 128 MB on PGlite, where the
  // database lives in the same process.
  const embedded = !env.DATABASE_URL;
  const lean = embedded && PGLITE_WORKER_LEAN;
  const heapMb = embedded ? (lean ? PGLITE_WORKER_HEAP_MB : 0) : WORKER_HEAP_MB;
  const heap = heapMb > 0 ? [`--max-old-space-size=${heapMb}`] : [];
  // A young generation of 8 MB semi-spaces (README): the letters' garbage dies young and is collected in small
  // scavenges instead of filling V8's default 16-32 MB semi-spaces (bench/RESULTS.md: 325 MB without it, 211 MB with
  // it, same code and machine; the kept sender: 985 messages/s at 210 MB). On both databases.
  const young = WORKER_SEMI_SPACE_MB > 0 ? [`--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`] : [];
  // On PGlite, V8's optimising compiler spends 604 MB compiling one of PostgreSQL's WebAssembly functions, and
  // PostgreSQL's 128 MB of shared buffers are resident from the start (bench/RESULTS.md, "The embedded worker under
  // 300 MB"): the lean worker runs PostgreSQL on V8's baseline compiler with 16 MB of shared buffers.
  const baseline = lean ? ['--liftoff-only'] : [];
  const buffers: Record<string, string> = lean ? { PGLITE_SHARED_BUFFERS_MB: '16' } : {};
  const extra = process.env.RELAIS_BENCH_WORKER_ARGS ? process.env.RELAIS_BENCH_WORKER_ARGS.split(' ') : [];
  return spawn(
    process.execPath,
    [...heap, ...young, ...baseline, ...extra, '--import', 'tsx', 'src/cli.ts', 'worker'],
    {
      env: { ...process.env, LOG_LEVEL: 'warn', ...buffers, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

function runBaseline(
  url: string,
  count: number,
  connections: number,
): Promise<{ sent: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/newsletter-baseline.ts', url, String(count), String(connections)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout!.on('data', (c) => {
      out += c;
    });
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`baseline exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as { sent: number; seconds: number });
    });
  });
}

/** `RELAIS_BENCH_WORKER_HEAP_MB=0` measures the worker on PostgreSQL without the cap. */
export const WORKER_HEAP_MB = Number(process.env.RELAIS_BENCH_WORKER_HEAP_MB ?? 240);
/** The PGlite worker's heap cap (`RELAIS_BENCH_PGLITE_WORKER_HEAP_MB`, 128 by default, 0 for none). */
export const PGLITE_WORKER_HEAP_MB = Number(process.env.RELAIS_BENCH_PGLITE_WORKER_HEAP_MB ?? 128);
/** `RELAIS_BENCH_PGLITE_WORKER=plain` measures the PGlite worker without the lean settings (README). */
export const PGLITE_WORKER_LEAN = process.env.RELAIS_BENCH_PGLITE_WORKER !== 'plain';
/** `RELAIS_BENCH_WORKER_SEMI_SPACE_MB=0` measures the worker with V8's default young generation. */
export const WORKER_SEMI_SPACE_MB = Number(process.env.RELAIS_BENCH_WORKER_SEMI_SPACE_MB ?? 8);

/** `RELAIS_BENCH_KILLS=n`: workers killed with SIGKILL one after another (5 by default: one kill is a throw of the dice). */
export const KILLS = Math.max(1, Number(process.env.RELAIS_BENCH_KILLS ?? 5));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fills the target with confirmed subscribers and starts an edition to all of them (the real `editions.start`). */
async function prepare(target: Target, subscribers: number): Promise<{ editionId: string; total: number }> {
  const core = await openCore(
    loadConfig({ ...process.env, ...target.env, LOG_LEVEL: 'warn', RELAIS_WORKERS: 'false' }),
  );
  try {
    const departements = ['75', '93', '13', '69', '59', '33', '31', '67', '44', '06'];
    const professions = ['travail_social', 'association', 'police_gendarmerie', 'magistrature', 'sante'];
    for (let i = 0; i < subscribers; i += 5000) {
      await core.db
        .insertInto('newsletter_subscribers')
        .values(
          Array.from({ length: Math.min(5000, subscribers - i) }, (_, k) => ({
            email: `abonne-${i + k}@sink.test`,
            profession: professions[(i + k) % professions.length]!,
            departement_code: departements[(i + k) % departements.length]!,
            language: (i + k) % 5 === 0 ? 'en' : 'fr',
            status: 'confirmed' as const,
            confirmed_at: new Date(),
            is_synthetic: true,
          })),
        )
        .execute();
    }
    const editor = await core.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'redaction@demo.relais.test')
      .executeTakeFirstOrThrow();
    const actor = (await core.sessions.loadActor(editor.id, 'token', {
      mfaVerified: true,
      sessionId: null,
      tokenScopes: null,
    }))!;
    const audit = {
      actorUserId: editor.id,
      actorOrganisationId: actor.organisation.id,
      requestId: 'bench:newsletter',
    };
    const { editions } = core.services.newsletter;
    const editionId = await editions.create(actor, audit, {
      title: 'Banc d’essai',
      subject: 'Relais — lettre du semestre (banc d’essai)',
      markdown: LETTER_MARKDOWN,
    });
    await editions.saveVariant(actor, editionId, 'en', {
      subject: 'Relais — half-year letter (benchmark)',
      markdown: LETTER_MARKDOWN,
    });
    const audience = await editions.audience({});
    const total = await editions.start(actor, audit, editionId);
    if (audience !== total) throw new Error(`previewed ${audience}, started ${total}`);
    return { editionId, total };
  } finally {
    await core.close();
  }
}

/** Once every worker is gone: the edition's progress, and the addresses of the letters its page shows as uncertain. */
async function outcomeOf(target: Target, editionId: string) {
  const core = await openCore(
    loadConfig({ ...process.env, ...target.env, LOG_LEVEL: 'warn', RELAIS_WORKERS: 'false' }),
  );
  try {
    const { newsletter } = core.services;
    const ids = await newsletter.uncertain.list(editionId);
    const emails =
      ids.length === 0
        ? []
        : await core.db.selectFrom('newsletter_subscribers').select('email').where('id', 'in', ids).execute();
    return {
      progress: await newsletter.editions.progress(editionId),
      uncertain: new Set(emails.map((r) => r.email)),
    };
  } finally {
    await core.close();
  }
}

export async function newsletterBench(options: {
  subscribers: number;
  connections: number;
  databaseUrl: string | undefined;
}): Promise<string> {
  const rows: string[] = [];
  const notes: string[] = [];
  for (const target of await benchTargets('newsletter', options.databaseUrl)) {
    const step = (what: string) => process.stderr.write(`[bench newsletter] ${target.label}: ${what}\n`);
    step('preparing the database');
    await seedDemo(target);
    const sink = await startSink();
    try {
      step(`bare nodemailer pool × ${options.subscribers}`);
      // Asynchronously: the sink lives in this process and must answer while the baseline sends.
      const base = await runBaseline(sink.url, options.subscribers, options.connections);
      const baseRate = base.sent / base.seconds;
      sink.received.clear();
      const sinkBefore = sink.total();

      step(`${options.subscribers} subscribers and an edition`);
      const t0 = performance.now();
      const { editionId, total } = await prepare(target, options.subscribers);
      const prepareSeconds = (performance.now() - t0) / 1000;

      const env = {
        ...target.env,
        SMTP_URL: sink.url,
        NEWSLETTER_RATE: '0',
        NEWSLETTER_SMTP_CONNECTIONS: String(options.connections),
      };
      const received = () => sink.total() - sinkBefore;
      let peak = 0;
      const runUntil = async (worker: ChildProcess, until: () => boolean) => {
        while (!until() && worker.exitCode === null) {
          peak = Math.max(peak, peakRssMb(worker.pid));
          await sleep(50);
        }
        peak = Math.max(peak, peakRssMb(worker.pid));
      };

      step('worker 1 (stopped with SIGTERM at 30 %)');
      let worker = startWorker(env);
      await runUntil(worker, () => received() >= 0.05 * total);
      const steadyFrom = { at: performance.now(), n: received() };
      await runUntil(worker, () => received() >= 0.3 * total);
      const steadyRate = (received() - steadyFrom.n) / ((performance.now() - steadyFrom.at) / 1000);
      step(
        `steady rate ${steadyRate.toFixed(0)} messages/s (baseline ${baseRate.toFixed(0)}), peak RSS so far ${peak.toFixed(0)} MB`,
      );
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker.once('exit', resolve));
      const afterStop = received();

      // RELAIS_BENCH_KILLS workers killed in a row (SIGKILL), at 60 %, 63 %, 66 %…, each
      // at full speed, so that the duplicates counted are the sum over n kills, not one throw of the dice.
      const kills: number[] = [];
      for (let k = 0; k < KILLS; k++) {
        const at = 0.6 + 0.03 * k;
        step(`worker ${2 + k} (killed with SIGKILL at ${Math.round(at * 100)} %)`);
        worker = startWorker(env);
        await runUntil(worker, () => received() >= at * total);
        worker.kill('SIGKILL');
        await new Promise((resolve) => worker.once('exit', resolve));
        kills.push(received());
      }
      const afterKill = kills.map((n) => n.toLocaleString('en')).join(', ');
      const killedAt = performance.now();

      step(
        `worker ${2 + KILLS} (until the edition is sent; claims of the killed workers come back after their lease)`,
      );
      worker = startWorker(env);
      // Until every letter is in, or (a killed worker may have lost a few) the claims of the killed workers have come
      // back (lease, then the resume job's minute) and the sink has been quiet for 10 s.
      const deadline = performance.now() + 15 * 60_000;
      let last = { n: received(), at: performance.now() };
      await runUntil(worker, () => {
        const now = performance.now();
        if (received() !== last.n) last = { n: received(), at: now };
        const quiet = now - killedAt > 190_000 && now - last.at > 10_000;
        return received() >= total || quiet || now > deadline;
      });
      // Let the worker mark its last messages, then stop it as a deployment would.
      await sleep(1500);
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker.once('exit', resolve));
      const resumedAfter = (performance.now() - killedAt) / 1000;

      const { progress, uncertain } = await outcomeOf(target, editionId);
      let duplicates = 0;
      let missing = 0;
      let unseen = 0;
      for (let i = 0; i < options.subscribers; i++) {
        const address = `abonne-${i}@sink.test`;
        const n = sink.received.get(address) ?? 0;
        if (n === 0) missing++;
        if (n === 0 && !uncertain.has(address)) unseen++;
        if (n > 1) duplicates += n - 1;
      }
      const mark = (ok: boolean) => (ok ? 'pass' : '**FAIL**');
      rows.push(
        `| ${target.label} | ${total.toLocaleString('en')} | ${steadyRate.toFixed(0)}: ${mark(steadyRate >= 300)} | ${baseRate.toFixed(0)} | ${((100 * steadyRate) / baseRate).toFixed(0)} %: ${mark(steadyRate >= 0.7 * baseRate)} | ${peak.toFixed(0)}: ${mark(peak < 300)} | ${duplicates}: ${mark(duplicates === 0)} | ${missing}: ${mark(missing === 0)} | ${uncertain.size} | ${unseen}: ${mark(unseen === 0)} | ${progress.sent.toLocaleString('en')} |`,
      );
      notes.push(
        `${target.label}: ${options.subscribers.toLocaleString('en')} subscribers and the edition prepared in ${prepareSeconds.toFixed(1)} s; ${afterStop.toLocaleString('en')} received when SIGTERM stopped worker 1, ${afterKill} when SIGKILL killed ${KILLS === 1 ? 'worker 2' : `workers 2 to ${1 + KILLS}`}; the rest received ${resumedAfter.toFixed(0)} s after the last kill (the killed workers' claims wait for their ${120} s lease).`,
      );
    } finally {
      await sink.close();
      fs.rmSync(target.dataDir, { recursive: true, force: true });
    }
  }
  return [
    `${options.subscribers.toLocaleString('en')} confirmed subscribers, one edition (French, English for 20 %), \`relais worker\` with \`NEWSLETTER_RATE=0\` (no limit) and ${options.connections} SMTP connections, to a local smtp-server sink in the bench process. Messages/s: steady rate between 5 % and 30 % received. Peak RSS: the worker processes' VmHWM, highest of them all. Duplicates: summed over ${KILLS} workers killed with SIGKILL mid-send. Uncertain: the letters of each killed worker's last statement, which the edition's page shows and offers to send again (each one either missing or received once). Limit: a bare nodemailer pool with the same connections, same message, same sink, in its own process.`,
    '',
    '| database | deliveries | messages/s (≥ 300) | bare nodemailer pool, messages/s | ratio (≥ 70 %) | worker peak RSS MB (< 300) | duplicates over all kills (0) | missing (0) | uncertain, shown to the editor | missing and not shown (0) | marked sent |',
    '|---|---:|---|---:|---|---|---|---|---:|---|---:|',
    ...rows,
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}
