import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import MailComposer from 'nodemailer/lib/mail-composer';
import pino from 'pino';
import { createLetterStamp, stampLetters } from '../../../src/modules/newsletter/letter-stamp.js';
import { LINK_TOKEN, renderLetter } from '../../../src/modules/newsletter/render.js';
import { createNewsletterTokens } from '../../../src/modules/newsletter/tokens.js';
import type { MailMessage } from '../../../src/platform/mail/index.js';

const FROM = 'Relais <lettre@relais.test>';
const DATE = new Date('2026-11-27T10:00:00Z');
const tokens = createNewsletterTokens('secret-de-test-assez-long-pour-hmac-0123456789');

/** A letter as the sender renders it: the token in both parts' footers and in the RFC 8058 header. */
function composer(language: string, markdown: string) {
  const letter = renderLetter(
    { subject: `Relais — lettre du semestre (${language})`, blocks: [{ kind: 'text', markdown }], language },
    {
      footer: 'Vous recevez cette lettre.',
      archive: 'Lire en ligne',
      preferences: 'Mes préférences',
      unsubscribe: 'Me désabonner',
    },
    {
      archive: 'https://relais.test/lettre/archives/x',
      preferences: `https://relais.test/lettre/preferences/${LINK_TOKEN}`,
      unsubscribe: `https://relais.test/lettre/desabonnement/${LINK_TOKEN}`,
    },
  );
  return (to: string, token: string, messageId: string): MailMessage => ({
    to,
    subject: letter.subject,
    text: letter.text.replaceAll(LINK_TOKEN, token),
    html: letter.html.replaceAll(LINK_TOKEN, token),
    headers: {
      'List-Unsubscribe': `<https://relais.test/lettre/desabonnement/${token}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Message-ID': `<${messageId}@relais.test>`,
    },
  });
}

/** What nodemailer builds for the same message, with the stamp's boundary and date. */
function built(message: MailMessage, boundary: string): Promise<Buffer> {
  const node = new MailComposer({
    from: FROM,
    date: DATE,
    baseBoundary: boundary,
    textEncoding: 'quoted-printable',
    ...message,
  } as never).compile();
  return new Promise((resolve, reject) => node.build((error, raw) => (error ? reject(error) : resolve(raw))));
}

const LETTERS = {
  fr: 'Bonjour,\n\nVoici la lettre du semestre : les **nouveaux outils**, les textes parus, les formations à venir. Une phrase assez longue pour que les lignes soient coupées plusieurs fois, avec des virgules, des points. Et encore !',
  ar: 'مرحبا، هذه رسالة الفصل: الأدوات الجديدة والنصوص والدورات التدريبية القادمة. جملة طويلة بما يكفي لتقطيع الأسطر عدة مرات.',
  zh: '您好，这是本学期的通讯：新的工具、新的文本和即将举行的培训。这句话足够长，可以多次换行。',
};

describe('newsletter: a letter built once and stamped for each subscriber', () => {
  for (const [language, markdown] of Object.entries(LETTERS)) {
    test(`${language}: each stamped message is, byte for byte, what nodemailer builds for that subscriber`, async () => {
      const compose = composer(language, markdown);
      const stamp = await createLetterStamp(FROM, compose, DATE);
      assert.ok(stamp, 'the stamp passed its own check');
      for (let i = 0; i < 300; i++) {
        const subscriberId = randomUUID();
        const token = tokens.manage(subscriberId); // random macs: some with '-' and '_', never a '.'
        const messageId = createHash('sha256').update(subscriberId).digest('hex').slice(0, 32);
        const to = `abonne.${i}+lettre@exemple-${i % 7}.test`;
        const stamped = stamp.stamp(to, token, messageId);
        assert.ok(stamped, to);
        const boundary = stamped.raw.toString('latin1').match(/boundary="--_NmP-([0-9a-f]+)-Part_1"/)![1]!;
        assert.ok(
          stamped.raw.equals(await built(compose(to, token, messageId), boundary)),
          `${language} ${i} ${token}`,
        );
        assert.deepEqual(stamped.envelope, { from: 'lettre@relais.test', to: [to] });
      }
    });
  }

  test('an address nodemailer would encode or fold is left to nodemailer, and so is a malformed token', async () => {
    const stamp = await createLetterStamp(FROM, composer('fr', LETTERS.fr), DATE);
    assert.ok(stamp);
    const token = tokens.manage(randomUUID());
    const id = 'a'.repeat(32);
    for (const to of [
      'zoé@exemple.test',
      '"a b"@exemple.test',
      'Nom <a@exemple.test>',
      'Abonne@Exemple.TEST',
      'a..b@exemple.test',
      '.a@exemple.test',
      'x@[192.0.2.1]',
      `${'x'.repeat(70)}@exemple.test`,
    ]) {
      assert.equal(stamp.stamp(to, token, id), undefined, to);
    }
    assert.equal(stamp.stamp('a@exemple.test', 'pas-un-jeton', id), undefined);
    assert.equal(stamp.stamp('a@exemple.test', token, 'court'), undefined);
    assert.ok(stamp.stamp('a@exemple.test', token, id));
  });
  test('a letter whose stamp fails its check is left out of the send’s stamps, and the log says so', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const letters = new Map([
      ['fr', composer('fr', LETTERS.fr)],
      // A letter without the subscriber's token anywhere: nothing to stamp it with.
      ['en', (to: string) => ({ to, subject: 'Letter', text: 'No link here' })],
    ]);
    const stamps = await stampLetters(
      letters,
      FROM,
      (compose, to, token, id) => compose(to, token, id),
      DATE,
      logger,
    );
    assert.deepEqual([...stamps.keys()], ['fr']);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /"language":"en".*not stamped/);
  });
});
