import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  /** The HTML part, '' when there is none. */
  html: string;
  headers: ParsedMail['headers'];
  /** The raw header lines (mailparser folds List-* headers into one object). */
  headerLines: ParsedMail['headerLines'];
  /** Parts other than the text: a calendar invitation (text/calendar) among them. */
  attachments: ParsedMail['attachments'];
}

/**
 * A real SMTP server on a random local port that keeps what it receives. `readAfter`: the server reads no message
 * data before this promise settles (a server that has stopped reading).
 */
export async function startSmtpServer(
  options: {
    rejectWith?: (address: string) => number | undefined;
    port?: number;
    readAfter?: Promise<void>;
  } = {},
) {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = options.rejectWith?.(address.address);
      if (code) {
        const error = new Error(`Refusé pour ${address.address}`) as Error & { responseCode: number };
        error.responseCode = code;
        return callback(error);
      }
      callback();
    },
    async onData(stream, session, callback) {
      await options.readAfter;
      simpleParser(stream).then(
        (mail) => {
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: mail.html || '',
            headers: mail.headers,
            headerLines: mail.headerLines,
            attachments: mail.attachments,
          });
          callback();
        },
        (error) => callback(error),
      );
    },
  });
  // A client killed mid-session resets its connection; what a test checks is what arrived.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpTestServer = Awaited<ReturnType<typeof startSmtpServer>>;
