import fs from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { NotFoundError } from '../../platform/http/errors.js';

export interface OutboxEntry {
  name: string;
  date: Date;
  to: string;
  subject: string;
}

const NAME = /^[\w-]+\.eml$/;

/** The embedded mail outbox (`<data>/outbox/*.eml`), newest first. */
export function createOutbox(dir: string) {
  async function names(): Promise<string[]> {
    try {
      return (await fs.readdir(dir)).filter((n) => NAME.test(n)).sort().reverse();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
  return {
    dir,
    async list(limit = 100): Promise<{ total: number; entries: OutboxEntry[] }> {
      const all = await names();
      const entries = await Promise.all(
        all.slice(0, limit).map(async (name) => {
          const mail = await simpleParser(await fs.readFile(path.join(dir, name)));
          const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
          return { name, date: mail.date ?? new Date(0), to, subject: mail.subject ?? '' };
        }),
      );
      return { total: all.length, entries };
    },
    async read(name: string): Promise<OutboxEntry & { text: string; headers: Array<[string, string]> }> {
      if (!NAME.test(name)) throw new NotFoundError();
      let raw: Buffer;
      try {
        raw = await fs.readFile(path.join(dir, name));
      } catch {
        throw new NotFoundError();
      }
      const mail = await simpleParser(raw);
      const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(', ') : (mail.to?.text ?? '');
      const headers: Array<[string, string]> = [];
      for (const [key, value] of mail.headers) {
        if (key.startsWith('list-') || key === 'from' || key === 'message-id') headers.push([key, typeof value === 'string' ? value : JSON.stringify(value)]);
      }
      return { name, date: mail.date ?? new Date(0), to, subject: mail.subject ?? '', text: mail.text ?? '', headers };
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
