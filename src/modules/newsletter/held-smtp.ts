import type { Socket } from 'node:net';
import { Readable, type Transform } from 'node:stream';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { type MailMessage, PermanentMailError } from '../../platform/mail/index.js';
import { buildRaw, type RawMessage } from './letter-stamp.js';

/**
 * One SMTP session that hands the caller the instant before the end of a message. A server accepts a message when
 * it reads the final `.` of DATA; `hold` runs once the whole body has left the process and the dot has not, and the
 * dot goes when the caller releases it, in the caller's own turn of the event loop. The sender records the message
 * there, so that a worker killed at any moment has either recorded a message the server will accept, or sent
 * nothing the server could accept: the window of a message sent twice after a crash shrinks from the round trip of
 * the server's reply to the distance between two writes.
 */
export interface HeldSession {
  /**
   * Sends one message. Throws PermanentMailError when the server refuses the recipient (5xx), the error given to
   * `refuse`, or an AfterDotError for an error that came after the dot (the server's verdict on the message, or a
   * connection lost while it was deciding).
   */
  send(from: string, message: MailMessage, hold: Hold): Promise<void>;
  /** The same, for a message already built (a stamped letter, `letter-stamp.ts`). */
  sendRaw(message: RawMessage, hold: Hold): Promise<void>;
  close(): void;
}

/** Called with the message's gate once its body has left the process; throwing (or rejecting) refuses it. */
export type Hold = (gate: DotGate) => void | Promise<void>;

/** The end of a held message: one of the two, once (later calls do nothing). */
export interface DotGate {
  /**
   * Writes the final dot to the socket before it returns: the server may accept the message from now on. `left` is
   * called once the dot has left the process for the kernel, which sends it even if the process dies then (or once
   * it never will: the write failed, the gate was already settled).
   */
  release(left?: () => void): void;
  /** The dot never goes: the session is dropped, so the server discards the message, and `send` throws `error`. */
  refuse(error: unknown): void;
}

export class AfterDotError extends Error {
  override name = 'AfterDotError';
}

/** The parts of nodemailer's connection that carry a message's bytes (not in its types; held-smtp.test.ts checks them). */
interface Carriers {
  _socket?: Socket | false | null;
  _currentDataStream?: (Transform & { lastByte?: number | false }) | false;
}

const NOTHING = Buffer.alloc(0);

/**
 * Resolves once every byte of the body has left this process for the kernel. Bytes still queued in the process die
 * with it, while the kernel sends what it holds after a SIGKILL: a record written before the body has left would
 * count a message the server never reads. The body goes from its stream through nodemailer's data stream (dot
 * escaping) to the socket in later ticks; Node calls a socket write's callback once it and every write before it are
 * in the kernel, and an empty write is that barrier.
 */
async function bodyLeft(
  body: Readable,
  { _socket: socket, _currentDataStream: data }: Carriers,
): Promise<void> {
  if (!socket || !data) throw new Error('SMTP connection without its socket or data stream');
  for (let turns = 0; ; turns++) {
    if (socket.destroyed) throw new Error('SMTP connection closed during the message');
    const upstream = body.readableLength + data.writableLength + data.readableLength;
    if (upstream === 0 && socket.writableLength === 0) return;
    if (socket.writableLength > 0)
      await new Promise<void>((resolve, reject) =>
        socket.write(NOTHING, (error) => (error ? reject(error) : resolve())),
      );
    // The streams' own ticks first; past a few, a turn of the event loop (never a loop that keeps I/O out).
    else await new Promise((resolve) => (turns < 8 ? process.nextTick : setImmediate)(resolve));
  }
}

/**
 * Writes the end of DATA straight to the socket, in the caller's turn: the data stream is empty (`bodyLeft`) and
 * would only write its own end ticks later, through its pipe. Its end then adds nothing.
 */
function writeDot({ _socket: socket, _currentDataStream: data }: Carriers, left?: () => void): void {
  if (!socket || !data) throw new Error('SMTP connection without its socket or data stream');
  // nodemailer's DataStream turns every line end into CRLF and ends with the dot on a line of its own.
  const dot = data.lastByte === 0x0a ? '.\r\n' : data.lastByte === 0x0d ? '\n.\r\n' : '\r\n.\r\n';
  data._flush = (done) => done();
  // Called once the dot is in the kernel, or when the write failed (the session then fails with an AfterDotError).
  socket.write(dot, () => left?.());
}

/** The body, then, once it has left the process, the gate: the stream's end follows the dot. */
function heldBody(raw: Buffer, connection: SMTPConnection, hold: Hold, onDot: () => void): Readable {
  const carriers = connection as unknown as Carriers;
  let pushed = false;
  let settled = false;
  return new Readable({
    read() {
      if (!pushed) {
        pushed = true;
        this.push(raw);
        return;
      }
      // Asked for more (once: Node asks again only after a push): the body has gone on to the data stream.
      const gate: DotGate = {
        release: (left) => {
          if (settled) return void left?.();
          settled = true;
          try {
            writeDot(carriers, left);
          } catch (error) {
            left?.(); // no dot will leave: the session fails with the error
            this.destroy(error as Error);
            return;
          }
          onDot();
          this.push(null);
        },
        refuse: (error) => {
          if (settled) return;
          settled = true;
          this.destroy(error as Error);
        },
      };
      bodyLeft(this, carriers)
        .then(() => hold(gate))
        .catch(gate.refuse);
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
    async send(from, message, hold) {
      await held.sendRaw(await buildRaw({ from, ...message }), hold);
    },
    async sendRaw({ raw, envelope }, hold) {
      const session = await open();
      let dotSent = false;
      try {
        await new Promise<void>((resolve, reject) =>
          session.send(
            envelope,
            heldBody(raw, session, hold, () => {
              dotSent = true;
            }),
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
