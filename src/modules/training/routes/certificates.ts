import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Training } from '../index.js';

/** A certificate as PDF, for its holder (any signed-in account; the service checks it is theirs). */
export function certificateRoutes(base: FastifyInstance, training: Training): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/formations/attestations/:id/pdf',
    { schema: { hide: true, params: Type.Object({ id: Type.String({ maxLength: 40 }) }) }, config: { access: 'authenticated' } },
    async (request, reply) => {
      const cert = await training.certificates.get(request.requireActor(), request.params.id);
      const t = request.t;
      const date = new Intl.DateTimeFormat(request.locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(cert.issued_at);
      const pdf = await training.certificates.pdf(cert, {
        title: t('training.certificate.title'),
        certifies: t('training.certificate.certifies'),
        course: t('training.certificate.course'),
        kind: t(`training.certificate.kind.${cert.kind}`, { hours: cert.duration_hours ?? '' }),
        date: t('training.certificate.date', { date }),
        organiser: t('training.certificate.organiser', { organiser: cert.organiser }),
        reference: t('training.certificate.reference', { id: cert.id }),
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="attestation-${cert.id.slice(0, 8)}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}
