import { translator } from '../../platform/i18n/index.js';
import type { MailMessage } from '../../platform/mail/index.js';

type Locale = 'fr' | 'en';

/** E-mails carry a link and nothing about anyone's case. */
export function invitationMail(to: string, locale: Locale, link: string, organisation: string, days: number): MailMessage {
  const t = translator(locale);
  return {
    to,
    subject: t('mails.invitation.subject'),
    text: t('mails.invitation.text', { link, organisation, days }),
  };
}

export function passwordResetMail(to: string, locale: Locale, link: string, minutes: number): MailMessage {
  const t = translator(locale);
  return { to, subject: t('mails.reset.subject'), text: t('mails.reset.text', { link, minutes }) };
}

export function lockedMail(to: string, locale: Locale, minutes: number, publicUrl: string): MailMessage {
  const t = translator(locale);
  return { to, subject: t('mails.locked.subject'), text: t('mails.locked.text', { minutes, link: `${publicUrl}/mot-de-passe-oublie` }) };
}
