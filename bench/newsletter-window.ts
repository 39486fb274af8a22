import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { openCore } from '../src/core.js';
import { sentRecorder } from '../src/modules/newsletter/delivery-feed.js';
import { createHeldSession, type DotGate } from '../src/modules/newsletter/held-smtp.js';
import { buildRaw } from '../src/modules/newsletter/letter-stamp.js';
import { percentile } from './lib/load.js';
import { benchTargets } from './lib/targets.js';
import { sampleLetter } from './newsletter-letter.js';

/**
 * How long a letter is exposed to a SIGKILL on PostgreSQL. The sender records a message, then writes its final dot: a
 * worker killed between the two has recorded a letter the server never gets. This suite sends through held sessions
 * and the recorder as the sender does (8 lanes, a sink in its own process) and notes, from the socket writes, when
 * each record becomes whole (its Sync message: PostgreSQL then runs and commits it) and when each dot is written.
 * "Time inside a window" is the share of the run during which some recorded letter had not had its dot written yet:
 * the chance that a SIGKILL at a random instant loses one. PGlite commits in this thread, through its files: not
 * measured here.
 */
const SINK = `
  import { SMTPServer } from 'smtp-server';
  const server = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false, maxClients: 100,
    onData(stream, _session, callback) { stream.resume(); stream.on('end', () => callback()); } });
  server.on('error', () => {});
  server.listen(0, '127.0.0.1', () => console.log(server.server.address().port));`;

const SYNC = Buffer.from([0x53, 0, 0, 0, 4]); // PostgreSQL's Sync message: the statement is complete

export async function newsletterWindowBench(options: {
  messages: number;
  connections: number;
  databaseUrl: string | undefined;
}): Promise<string> {
  if (!options.databaseUrl) return 'PostgreSQL only: set DATABASE_URL.';
  const target = (await benchTargets('newsletter_window', options.databaseUrl)).find((t) => t.databaseUrl)!;
  const core = await openCore(
    loadConfig({ ...process.env, ...target.env, LOG_LEVEL: 'warn', RELAIS_WORKERS: 'false' }),
  );
  const sink = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SINK], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const records: number[] = [];
  const dots: number[] = [];
  const write = net.Socket.prototype.write;
  try {
    const port = await new Promise<number>((resolve) =>
      sink.stdout.once('data', (d) => resolve(Number(String(d)))),
    );
    const recorder = sentRecorder({
      db: core.db,
      clock: core.clock,
      logger: pino({ level: 'silent' }),
      editionId: randomUUID(),
    });
    await recorder.open();
    const letter = sampleLetter();
    const built = await buildRaw({
      from: 'lettre@relais.test',
      to: 'abonne@sink.test',
      subject: letter.subject,
      text: letter.text,
      html: letter.html,
    });
    const pending = new WeakSet<net.Socket>();
    net.Socket.prototype.write = function (this: net.Socket, chunk: unknown, ...rest: unknown[]) {
      const now = performance.now();
      if (this.remotePort === port) {
        if (String(chunk).endsWith('.\r\n') && String(chunk).length <= 5) dots.push(now);
      } else if (Buffer.isBuffer(chunk)) {
        if (chunk.includes('update "newsletter_deliveries"')) pending.add(this);
        else if (pending.has(this) && chunk.equals(SYNC)) {
          pending.delete(this);
          records.push(now);
        }
      }
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof write;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        const session = createHeldSession(`smtp://127.0.0.1:${port}`);
        try {
          for (let i = 0; i < options.messages / options.connections; i++) {
            let written: Promise<void> | undefined;
            const envelope = { ...built.envelope, to: [...built.envelope.to] };
            await session.sendRaw({ raw: built.raw, envelope }, (gate: DotGate) => {
              written = recorder.withDot(randomUUID(), gate);
            });
            await written;
          }
        } finally {
          session.close();
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    net.Socket.prototype.write = write;
    await recorder.close();

    // Each record and the dots written after it, before the next record.
    const gaps: number[] = [];
    const firsts: number[] = [];
    let exposed = 0;
    let d = 0;
    for (let r = 0; r < records.length; r++) {
      const next = records[r + 1] ?? Number.POSITIVE_INFINITY;
      while (d < dots.length && dots[d]! < records[r]!) d++;
      let last = records[r]!;
      for (let n = 0; d < dots.length && dots[d]! < next; n++, d++) {
        if (n === 0) firsts.push(dots[d]! - records[r]!);
        gaps.push(dots[d]! - records[r]!);
        last = dots[d]!;
      }
      exposed += last - records[r]!;
    }
    gaps.sort((a, b) => a - b);
    firsts.sort((a, b) => a - b);
    const us = (values: number[], p: number) => (percentile(values, p) * 1000).toFixed(0);
    return [
      '| messages | messages/s | records | dots | record → first dot, µs p50 / p99 | record → each dot, µs p50 / p99 | time inside a window |',
      '|---:|---:|---:|---:|---|---|---:|',
      `| ${options.messages.toLocaleString('en')} | ${(options.messages / seconds).toFixed(0)} | ${records.length.toLocaleString('en')} | ${dots.length.toLocaleString('en')} | ${us(firsts, 50)} / ${us(firsts, 99)} | ${us(gaps, 50)} / ${us(gaps, 99)} | ${((100 * exposed) / 1000 / seconds).toFixed(1)} % |`,
    ].join('\n');
  } finally {
    net.Socket.prototype.write = write;
    sink.kill();
    await core.close();
  }
}
