import assert from 'node:assert/strict';
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
        await session.send(FROM, letter(to), async () => {
          await sleep(30); // the server has the body and waits for the dot: nothing accepted yet
          seen.push(sink.messages.length);
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

  test('a record that fails holds the dot: the server never accepts the message, and the next one goes through', async () => {
    const sink = await startSmtpServer();
    const session = createHeldSession(sink.url);
    try {
      await assert.rejects(
        session.send(FROM, letter('jamais@exemple.test'), async () => {
          throw new Error('base indisponible');
        }),
        (error: Error) => !(error instanceof AfterDotError),
      );
      await sleep(100);
      assert.equal(sink.messages.length, 0, 'nothing accepted without its record');
      let recorded = false;
      await session.send(FROM, letter('ensuite@exemple.test'), () => {
        recorded = true;
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
        session.send(FROM, letter('refus@exemple.test'), () => {
          recorded = true;
        }),
        PermanentMailError,
      );
      assert.equal(recorded, false);
      await session.send(FROM, letter('accepte@exemple.test'), () => undefined);
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
