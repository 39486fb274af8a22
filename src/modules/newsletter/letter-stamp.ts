import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Logger } from 'pino';
import type { MailMessage } from '../../platform/mail/index.js';

/** A message ready for the wire: the raw MIME bytes and the SMTP envelope. */
export interface RawMessage {
  raw: Buffer;
  envelope: { from: string; to: string[] };
}

/**
 * One letter of a send, built by nodemailer once, into which each subscriber's address, link token and Message-ID are
 * written. Every message of a language differs from the others only there, and building the MIME tree again for each
 * of 100,000 subscribers was most of the sender's work. `stamp` gives undefined for an address nodemailer would encode
 * (non-ASCII, quoted, long): that message is built in full as before.
 */
export interface LetterStamp {
  stamp(to: string, token: string, messageId: string): RawMessage | undefined;
}

/** `<uuid>.<32 base64url>`: the subscriber's link token (tokens.ts). */
const TOKEN = /^[0-9a-f-]{36}\.[A-Za-z0-9_-]{32}$/;
const MESSAGE_ID = /^[0-9a-f]{32}$/;
/**
 * An address nodemailer writes as it is: a dot-atom local part and a lower-case ASCII domain (it lower-cases a domain,
 * quotes a local part with a leading, trailing or double dot, and encodes anything else).
 */
const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const PLAIN_ADDRESS = new RegExp(`^${ATEXT}(?:\\.${ATEXT})*@[a-z0-9-]+(?:\\.[a-z0-9-]+)*$`);
/** Header lines longer than this are folded by nodemailer. */
const HEADER_LINE = 76;

// Placeholders of the same length and the same characters' kinds as the real values: quoted-printable breaks lines
// at the same places (it prefers to break after [ .,!?], and the only such character is the token's one dot).
const TOKEN_SLOT = `bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb.${'Zq'.repeat(16)}`;
const ID_SLOT = 'ddddeeeeddddeeeeddddeeeeddddeeee';
const TO_SLOT = 'destinataire-relais@relais.invalid';
// A sample to check the stamp against nodemailer itself before the send relies on it.
const SAMPLE = {
  to: 'essai.verification@relais.invalid',
  token: `0f1e2d3c-4b5a-4697-8877-665544332211.${'-_Aa9zZ0'.repeat(4)}`,
  messageId: '0123456789abcdef0123456789abcdef',
};

/** What nodemailer builds for a message: its MIME bytes and envelope (a held session's full build uses it too). */
export function buildRaw(options: ConstructorParameters<typeof MailComposer>[0]): Promise<RawMessage> {
  const node = new MailComposer(options).compile();
  return new Promise((resolve, reject) =>
    node.build((error, raw) =>
      error ? reject(error) : resolve({ raw, envelope: node.getEnvelope() as never }),
    ),
  );
}

/**
 * Where a placeholder's characters are in the built message, soft line breaks of quoted-printable (`=\r\n`) allowed
 * between them: one list of byte offsets per occurrence.
 */
function slots(text: string, placeholder: string): number[][] {
  const found: number[][] = [];
  for (
    let start = text.indexOf(placeholder[0]!);
    start !== -1;
    start = text.indexOf(placeholder[0]!, start + 1)
  ) {
    const offsets: number[] = [];
    let at = start;
    for (const char of placeholder) {
      if (text.startsWith('=\r\n', at) && offsets.length > 0) at += 3;
      if (text[at] !== char) break;
      offsets.push(at++);
    }
    if (offsets.length === placeholder.length) {
      found.push(offsets);
      start = at - 1;
    }
  }
  return found;
}

/**
 * Builds the stamp of one letter. `compose` makes the message for an address, token and Message-ID (the same function
 * that makes a message in full). Undefined when the stamped sample is not byte for byte what nodemailer builds.
 */
export async function createLetterStamp(
  from: string,
  compose: (to: string, token: string, messageId: string) => MailMessage,
  date: Date,
): Promise<LetterStamp | undefined> {
  // One boundary and one date for the whole send; text parts always quoted-printable, so that the slots stay readable.
  const fixed = {
    from,
    date,
    baseBoundary: randomBytes(8).toString('hex'),
    textEncoding: 'quoted-printable' as const,
  };
  const template = await buildRaw({ ...fixed, ...compose(TO_SLOT, TOKEN_SLOT, ID_SLOT) });
  const text = template.raw.toString('latin1');
  const toLine = `\r\nTo: ${TO_SLOT}\r\n`;
  const at = text.indexOf(toLine);
  if (at === -1 || text.indexOf(toLine, at + 1) !== -1 || template.raw.some((byte) => byte > 0x7f))
    return undefined;
  const head = template.raw.subarray(0, at + 6); // up to "To: "
  const tail = template.raw.subarray(at + toLine.length - 2); // from the line's CRLF
  // Offsets in the head stay; offsets in the tail move with the address's length.
  const shift = head.length + TO_SLOT.length;
  const place = (offsets: number[][]) =>
    offsets.flat().map((o) => (o < head.length ? { o, tail: false } : { o: o - shift, tail: true }));
  const tokenAt = place(slots(text, TOKEN_SLOT));
  const idAt = place(slots(text, ID_SLOT));
  const inSlot = [...tokenAt, ...idAt].some((p) => p.tail && p.o < 0);
  if (tokenAt.length === 0 || idAt.length !== ID_SLOT.length || inSlot) return undefined;
  const envelopeFrom = template.envelope.from;

  const stamp: LetterStamp = {
    stamp(to, token, messageId) {
      if (!TOKEN.test(token) || !MESSAGE_ID.test(messageId)) return undefined;
      if (!PLAIN_ADDRESS.test(to) || 4 + to.length > HEADER_LINE) return undefined;
      const raw = Buffer.allocUnsafe(head.length + to.length + tail.length);
      head.copy(raw, 0);
      raw.write(to, head.length, 'latin1');
      const base = head.length + to.length;
      tail.copy(raw, base);
      tokenAt.forEach((p, i) => {
        raw[p.tail ? base + p.o : p.o] = token.charCodeAt(i % token.length);
      });
      idAt.forEach((p, i) => {
        raw[p.tail ? base + p.o : p.o] = messageId.charCodeAt(i);
      });
      return { raw, envelope: { from: envelopeFrom, to: [to] } };
    },
  };
  const reference = await buildRaw({ ...fixed, ...compose(SAMPLE.to, SAMPLE.token, SAMPLE.messageId) });
  const sample = stamp.stamp(SAMPLE.to, SAMPLE.token, SAMPLE.messageId);
  if (!sample?.raw.equals(reference.raw)) return undefined;
  const sameEnvelope = JSON.stringify(sample.envelope) === JSON.stringify(reference.envelope);
  return sameEnvelope ? stamp : undefined;
}

/**
 * The stamps of a send, one per language. A letter whose stamp fails its check is built in full for each message,
 * which is slower: said in the log, so that a slow send has its reason.
 */
export async function stampLetters<L>(
  letters: ReadonlyMap<string, L>,
  from: string,
  compose: (letter: L, to: string, token: string, messageId: string) => MailMessage,
  date: Date,
  logger: Logger,
): Promise<Map<string, LetterStamp>> {
  const stamps = new Map<string, LetterStamp>();
  for (const [language, letter] of letters) {
    const stamp = await createLetterStamp(from, (to, token, id) => compose(letter, to, token, id), date);
    if (stamp) stamps.set(language, stamp);
    else logger.warn({ language }, 'newsletter letter not stamped: each message is built in full');
  }
  return stamps;
}
