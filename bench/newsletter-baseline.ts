// The limit the newsletter is measured against: a bare nodemailer pool sending the same kind of message to the same
// sink, in its own process as the Relais worker is. Prints `{ sent, seconds }` as JSON.
// Usage: node --import tsx bench/newsletter-baseline.ts <smtp url> <count> <connections>
import nodemailer from 'nodemailer';
import { sampleLetter } from './newsletter-letter.js';

const [url, countText, connectionsText] = process.argv.slice(2);
const count = Number(countText);
const connections = Number(connectionsText);
const transporter = nodemailer.createTransport({
  url,
  pool: true,
  maxConnections: connections,
  maxMessages: Number.POSITIVE_INFINITY,
} as never);
const letter = sampleLetter();
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: connections }, async () => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      await transporter.sendMail({
        from: 'Relais <lettre@relais.test>',
        to: `base-${i}@sink.test`,
        subject: letter.subject,
        text: letter.text.replaceAll(
          '{{lien}}',
          `00000000-0000-4000-8000-${String(i).padStart(12, '0')}.sig`,
        ),
        html: letter.html.replaceAll(
          '{{lien}}',
          `00000000-0000-4000-8000-${String(i).padStart(12, '0')}.sig`,
        ),
        headers: {
          'List-Unsubscribe': '<https://relais.test/lettre/desabonnement/x>',
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      });
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
transporter.close();
console.log(JSON.stringify({ sent: count, seconds }));
