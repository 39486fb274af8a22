import type { Socket } from 'node:net';
import { Readable, type Transform } from 'node:stream';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { type MailMessage, PermanentMailError } from '../../platform/mail/index.js';
import { buildRaw, type RawMessage } from './letter-stamp.js';

/**
 * One SMTP session that hands the caller the instant before the end of a message. A server accepts a message when
 * it reads the final `.` of DATA; `beforeDot` runs once the whole body has left the process and the dot has not.
 * The sender records the message there, so that a worker killed at any moment has either recorded a message the
 * server will accept, or sent nothing the server could accept: the window of a message sent twice after a crash
 * shrinks from the round trip of the server's reply to the distance between two writes.
 */
export interface HeldSession {
  /**
   * Sends one message. `beforeDot` may return a promise (an embedded database commits in this thread): the dot waits
   * for it. Throws PermanentMailError when the server refuses the recipient (5xx), and marks with `dotSent` an error
   * that came after the dot (the server's verdict on the message, or a connection lost while it was deciding).
   */
  send(from: string, message: MailMessage, beforeDot: () => Promise<void> | void): Promise<void>;
  /** The same, for a message already built (a stamped letter, `letter-stamp.ts`). */
  sendRaw(message: RawMessage, beforeDot: () => Promise<void> | void): Promise<void>;
  close(): void;
}

export class AfterDotError extends Error {
  override name = 'AfterDotError';
}

/** The parts of nodemailer's connection that carry a message's bytes (not in its types; held-smtp.test.ts checks them). */
interface Carriers {
  _socket?: Socket | false | null;
  _currentDataStream?: Transform | false;
}

const NOTHING = Buffer.alloc(0);

/**
 * Resolves once every byte of the message written so far has left this process for the kernel. Bytes still queued in
 * the process die with it, while the kernel sends what it holds after a SIGKILL (bench/RESULTS.md, "How a letter that
 * has left can still be lost"): a record written before the body has left would count a message the server never
 * reads. Node calls a write's callback once it and every write before it are in the kernel; an empty write is that
 * barrier. It is queued behind what the socket holds, and the loop comes back for what the data stream (nodemailer's
 * dot escaping) had not passed on yet.
 */
async function bodyLeft(connection: SMTPConnection): Promise<void> {
  const { _socket: socket, _currentDataStream: data } = connection as unknown as Carriers;
  if (!socket) throw new Error('SMTP connection without a socket');
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve)); // the data stream's pipe runs in later ticks
    if (socket.destroyed) throw new Error('SMTP connection closed during the message');
    const queued = data ? data.writableLength + data.readableLength : 0;
    if (socket.writableLength === 0 && queued === 0) return;
    if (socket.writableLength > 0)
      await new Promise<void>((resolve, reject) =>
        socket.write(NOTHING, (error) => (error ? reject(error) : resolve())),
      );
  }
}

/**
 * The body, then nothing until it has left the process and `beforeDot` has run: the stream's end is what makes the
 * data stream write the dot.
 */
function heldBody(
  raw: Buffer,
  left: () => Promise<void>,
  beforeDot: () => Promise<void> | void,
  onDot: () => void,
): Readable {
  let pushed = false;
  return new Readable({
    read() {
      if (!pushed) {
        pushed = true;
        this.push(raw);
        return;
      }
      left()
        .then(beforeDot)
        .then(
          () => {
            onDot();
            this.push(null);
          },
          (error) => this.destroy(error),
        );
    },
  });
}

export function createHeldSession(smtpUrl: string): HeldSession {
  const options = parseConnectionUrl(smtpUrl) as SMTPConnection.Options & {
    auth?: SMTPConnection.Credentials;
  };
  let connection: SMTPConnection | null = null;
  let closed = false;

  async function open(): Promise<SMTPConnection> {
    if (connection) return connection;
    const fresh = new SMTPConnection(options);
    try {
      await new Promise<void>((resolve, reject) => {
        fresh.once('error', reject);
        fresh.connect(() => {
          fresh.removeListener('error', reject);
          resolve();
        });
      });
      // Later errors (a server closing an idle session) end this connection; the next message opens another.
      fresh.on('error', () => {
        if (connection === fresh) connection = null;
      });
      fresh.once('end', () => {
        if (connection === fresh) connection = null;
      });
      if (options.auth) {
        await new Promise<void>((resolve, reject) =>
          fresh.login(options.auth!, (error) => (error ? reject(error) : resolve())),
        );
      }
    } catch (error) {
      fresh.close();
      throw error;
    }
    if (closed) fresh.close();
    else connection = fresh;
    return fresh;
  }

  const held: HeldSession = {
    async send(from, message, beforeDot) {
      await held.sendRaw(await buildRaw({ from, ...message }), beforeDot);
    },
    async sendRaw({ raw, envelope }, beforeDot) {
      const session = await open();
      let dotSent = false;
      try {
        await new Promise<void>((resolve, reject) =>
          session.send(
            envelope,
            heldBody(
              raw,
              () => bodyLeft(session),
              beforeDot,
              () => {
                dotSent = true;
              },
            ),
            (error) => (error ? reject(error) : resolve()),
          ),
        );
      } catch (error) {
        const e = error as Error & { responseCode?: number; code?: string };
        // Whatever went wrong, the next message starts on a new session (refusals are rare in a send).
        if (connection === session) connection = null;
        session.close();
        // Only a refusal of the recipient itself (RCPT TO answered 5xx) blocks an address for good.
        if (e.code === 'EENVELOPE' && e.responseCode !== undefined && e.responseCode >= 500)
          throw new PermanentMailError(e.message);
        if (dotSent) throw Object.assign(new AfterDotError(e.message), { cause: error });
        throw error;
      }
    },
    close() {
      closed = true;
      connection?.close();
      connection = null;
    },
  };
  return held;
}
