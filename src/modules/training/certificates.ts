import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Kysely, Transaction } from 'kysely';
import PDFDocument from 'pdfkit';
import { type Actor, hasRole } from '../../platform/auth/roles.js';
import type { DB } from '../../platform/db/schema.js';
import { NotFoundError } from '../../platform/http/errors.js';
import type { TrainingDeps } from './deps.js';

const require = createRequire(import.meta.url);
const font = (file: string) => fs.readFileSync(require.resolve(`@expo-google-fonts/noto-sans/${file}`));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CertificateInput {
  userId: string;
  courseId: string;
  sessionId: string | null;
  kind: 'session' | 'distance';
  category: string;
  departementCode: string | null;
}

export interface CertificateTexts {
  title: string;
  certifies: string;
  course: string;
  kind: string;
  date: string;
  organiser: string;
  reference: string;
}

/**
 * Certificates: one per person and course (and session, for a session attended). They are the counts of people
 * trained per category and département that feed the plan's indicators. The PDF is the person's own.
 */
export function createCertificates(deps: Pick<TrainingDeps, 'db' | 'clock'>) {
  const { db, clock } = deps;
  return {
    /** Issues a certificate once (a second call returns the first). */
    async issue(trx: Kysely<DB> | Transaction<DB>, input: CertificateInput): Promise<string> {
      const existing = await trx
        .selectFrom('training_certificates')
        .select('id')
        .where('user_id', '=', input.userId)
        .where('course_id', '=', input.courseId)
        .$if(input.sessionId === null, (q) => q.where('session_id', 'is', null))
        .$if(input.sessionId !== null, (q) => q.where('session_id', '=', input.sessionId!))
        .executeTakeFirst();
      if (existing) return existing.id;
      const { id } = await trx
        .insertInto('training_certificates')
        .values({
          user_id: input.userId,
          course_id: input.courseId,
          session_id: input.sessionId,
          kind: input.kind,
          category: input.category,
          departement_code: input.departementCode,
          issued_at: clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    async forUser(userId: string) {
      return await db
        .selectFrom('training_certificates as c')
        .innerJoin('courses as k', 'k.id', 'c.course_id')
        .select(['c.id', 'c.kind', 'c.issued_at', 'k.title', 'k.slug'])
        .where('c.user_id', '=', userId)
        .orderBy('c.issued_at', 'desc')
        .execute();
    },

    /** A certificate, for its holder (or a trainer / the national administration). */
    async get(actor: Actor, id: string) {
      const row = UUID.test(id)
        ? await db
            .selectFrom('training_certificates as c')
            .innerJoin('courses as k', 'k.id', 'c.course_id')
            .innerJoin('users as u', 'u.id', 'c.user_id')
            .select(['c.id', 'c.user_id', 'c.kind', 'c.issued_at', 'k.title', 'k.organiser', 'k.duration_hours', 'u.display_name'])
            .where('c.id', '=', id)
            .executeTakeFirst()
        : undefined;
      if (!row || (row.user_id !== actor.userId && !hasRole(actor, 'trainer', 'national_admin'))) throw new NotFoundError();
      return row;
    },

    /** The certificate as an A4 PDF (fonts embedded). */
    async pdf(cert: { id: string; display_name: string; title: string; organiser: string; issued_at: Date }, texts: CertificateTexts): Promise<Buffer> {
      const doc = new PDFDocument({ size: 'A4', margin: 64, info: { Title: texts.title, Author: 'Relais', Subject: cert.title } });
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
      doc.registerFont('regular', font('400Regular/NotoSans_400Regular.ttf'));
      doc.registerFont('bold', font('700Bold/NotoSans_700Bold.ttf'));
      doc.font('bold').fontSize(24).fillColor('#000091').text(texts.title, { align: 'center' }).moveDown(2);
      doc.font('regular').fontSize(12).fillColor('#161616').text(texts.certifies, { align: 'center' }).moveDown(0.5);
      doc.font('bold').fontSize(18).text(cert.display_name, { align: 'center' }).moveDown(1);
      doc.font('regular').fontSize(12).text(texts.course, { align: 'center' }).moveDown(0.5);
      doc.font('bold').fontSize(16).text(cert.title, { align: 'center' }).moveDown(1.5);
      doc.font('regular').fontSize(11).text(texts.kind, { align: 'center' });
      doc.text(texts.date, { align: 'center' });
      if (cert.organiser) doc.text(texts.organiser, { align: 'center' });
      doc.moveDown(3).fontSize(9).fillColor('#666666').text(texts.reference, { align: 'center' });
      doc.end();
      await done;
      return Buffer.concat(chunks);
    },
  };
}

export type Certificates = ReturnType<typeof createCertificates>;
