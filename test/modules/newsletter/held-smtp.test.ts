import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';
import { AfterDotError, createHeldSession } from '../../../src/modules/newsletter/held-smtp.js';
import { createBulkSmtpTransport } from '../../../src/modules/newsletter/sending.js';
import { PermanentMailError } from '../../../src/platform/mail/index.js';
import { startSmtpServer } from '../../support/smtp.js';

const FROM = 'Relais <lettre@relais.test>';
const letter = (to: string) => ({
  to,
  subject: 'Lettre d’information',
  text: 'Bonjour',
  html: '<p>Bonjour</p>',
  headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('newsletter: an SMTP session that holds the final dot', () => {
  test('the record runs after the body and before the server accepts; the server gets the message once', async () => {
    const sink = await startSmtpServer();
    const session = createHeldSession(sink.url);
    try {
      const seen: number[] = [];
      for (const to of ['un@exemple.test', 'deux@exemple.test']) {
        await session.send(FROM, letter(to), async (gate) => {
          await sleep(30); // the server has the body and waits for the dot: nothing accepted yet
          seen.push(sink.messages.length);
          gate.release();
        });
      }
      assert.deepEqual(seen, [0, 1], 'each message was still unaccepted when its record ran');
      assert.deepEqual(
        sink.messages.map((m) => m.to[0]),
        ['un@exemple.test', 'deux@exemple.test'],
      );
      assert.equal(sink.messages[0]!.subject, 'Lettre d’information');
      assert.ok(
        sink.messages[0]!.headerLines.some(
          (h) => h.line === 'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
        ),
        'the headers go as given',
      );
    } finally {
      session.close();
      await sink.close();
    }
  });

  test('the record waits until the whole body has left the process: a server that stops reading holds it back', async () => {
    // A worker killed with bytes still queued in the process loses them, while the kernel still sends what it holds.
    // The body here is larger than what the kernel takes from a socket whose reader has stopped.
    let startReading!: () => void;
    const readAfter = new Promise<void>((resolve) => {
      startReading = resolve;
    });
    const sink = await startSmtpServer({ readAfter });
    const session = createHeldSession(sink.url);
    let reading = false;
    try {
      const text = 'Une ligne de la lettre, assez longue pour remplir les tampons du noyau.\n'.repeat(
        200_000,
      );
      let recordedWhileReading: boolean | undefined;
      const sent = session.send(FROM, { ...letter('lent@exemple.test'), text }, (gate) => {
        recordedWhileReading = reading;
        gate.release();
      });
      await sleep(500);
      assert.equal(
        recordedWhileReading,
        undefined,
        'no record while most of the body is still in this process',
      );
      reading = true;
      startReading();
      await sent;
      assert.equal(recordedWhileReading, true, 'the record ran once the server read');
      assert.equal(sink.messages[0]?.text, text, 'the whole body arrived');
    } finally {
      startReading(); // lets the server finish when an assertion failed first
      session.close();
      await sink.close();
    }
  });

  test('a worker killed as soon as it releases the dot has sent the message; killed before, it has sent nothing', async () => {
    // The record is written just before the release: the dot must be in the kernel when `release` returns, for the
    // kernel sends it after the process is gone, while whatever the process still holds dies with it.
    const sink = await startSmtpServer();
    const script = `
      import { createHeldSession } from ${JSON.stringify(path.resolve('src/modules/newsletter/held-smtp.ts'))};
      const session = createHeldSession(process.env.SMTP_URL);
      await session.send('Relais <lettre@relais.test>', { to: process.env.TO, subject: 'Lettre', text: 'Bonjour' }, (gate) => {
        if (process.env.RELEASE === 'oui') gate.release();
        process.kill(process.pid, 'SIGKILL');
      });`;
    try {
      for (const [to, release] of [
        ['retenu@exemple.test', 'non'],
        ['libere@exemple.test', 'oui'],
      ] as const) {
        const sender = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
          env: { ...process.env, SMTP_URL: sink.url, TO: to, RELEASE: release },
          stdio: ['ignore', 'ignore', 'inherit'],
        });
        const [, signal] = await new Promise<[number | null, string | null]>((resolve) =>
          sender.once('exit', (code, signal) => resolve([code, signal])),
        );
        assert.equal(signal, 'SIGKILL', `the sender for ${to} was killed in its hold`);
      }
      for (let i = 0; i < 40 && sink.messages.length === 0; i++) await sleep(50);
      await sleep(200); // time for a message that should not be there to arrive
      assert.deepEqual(
        sink.messages.map((m) => m.to[0]),
        ['libere@exemple.test'],
      );
    } finally {
      await sink.close();
    }
  });

  test('a record that fails holds the dot: the server never accepts the message, and the next one goes through', async () => {
    const sink = await startSmtpServer();
    const session = createHeldSession(sink.url);
    try {
      await assert.rejects(
        session.send(FROM, letter('jamais@exemple.test'), (gate) => {
          gate.refuse(new Error('base indisponible'));
        }),
        (error: Error) => !(error instanceof AfterDotError),
      );
      await sleep(100);
      assert.equal(sink.messages.length, 0, 'nothing accepted without its record');
      let recorded = false;
      await session.send(FROM, letter('ensuite@exemple.test'), (gate) => {
        recorded = true;
        gate.release();
      });
      assert.ok(recorded);
      assert.deepEqual(
        sink.messages.map((m) => m.to[0]),
        ['ensuite@exemple.test'],
      );
    } finally {
      session.close();
      await sink.close();
    }
  });

  test('a recipient refused with 5xx is a permanent error, and no record runs', async () => {
    const sink = await startSmtpServer({
      rejectWith: (address) => (address.startsWith('refus') ? 550 : undefined),
    });
    const session = createHeldSession(sink.url);
    try {
      let recorded = false;
      await assert.rejects(
        session.send(FROM, letter('refus@exemple.test'), (gate) => {
          recorded = true;
          gate.release();
        }),
        PermanentMailError,
      );
      assert.equal(recorded, false);
      // `left` says when the dot is in the kernel: once, before the server's reply to it can be read.
      const events: string[] = [];
      await session.send(FROM, letter('accepte@exemple.test'), (gate) =>
        gate.release(() => events.push('left')),
      );
      events.push('accepted');
      assert.deepEqual(events, ['left', 'accepted']);
      assert.equal(sink.messages.length, 1);
    } finally {
      session.close();
      await sink.close();
    }
  });
});

describe('newsletter: the bulk transport', () => {
  test('messages sent at once through `send` go one after the other over one session, all delivered', async () => {
    const sink = await startSmtpServer();
    const transport = createBulkSmtpTransport(sink.url, FROM);
    try {
      await Promise.all(['a', 'b', 'c', 'd'].map((name) => transport.send(letter(`${name}@exemple.test`))));
      assert.deepEqual(sink.messages.map((m) => m.to[0]).sort(), [
        'a@exemple.test',
        'b@exemple.test',
        'c@exemple.test',
        'd@exemple.test',
      ]);
    } finally {
      transport.close();
      await sink.close();
    }
  });
});
