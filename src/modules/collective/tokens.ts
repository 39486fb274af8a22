import { createHmac, timingSafeEqual } from 'node:crypto';

/** A personal calendar-feed address: the account id signed with a key of its own (calendar apps send no cookie). */
export function calendarTokens(secret: string) {
  const sign = (userId: string) =>
    createHmac('sha256', `${secret}:collective-calendar`).update(userId).digest('base64url').slice(0, 32);
  return {
    tokenFor: (userId: string) => `${userId}.${sign(userId)}`,
    userOf(token: string): string | null {
      const [userId, mac] = token.split('.');
      if (!userId || !mac || !/^[0-9a-f-]{36}$/.test(userId)) return null;
      const expected = Buffer.from(sign(userId));
      const given = Buffer.from(mac);
      return expected.length === given.length && timingSafeEqual(expected, given) ? userId : null;
    },
  };
}

export type CalendarTokens = ReturnType<typeof calendarTokens>;
