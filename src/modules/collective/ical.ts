import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { AgendaItem } from '../../platform/db/schema-steering.js';
import { parisDate } from '../../platform/time/paris.js';

export interface CalendarMeeting {
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  all_day: boolean;
  place: string;
  agenda: AgendaItem[];
  status: 'planned' | 'held' | 'cancelled';
  sequence: number;
  updated_at: Date;
}

/** Noon UTC of the Paris date: written as that date whatever the machine's zone. */
const parisDay = (date: Date) => new Date(`${parisDate(date)}T12:00:00Z`);

const agendaLines = (items: readonly AgendaItem[], depth = 0): string[] =>
  items.flatMap((i) => [`${'  '.repeat(depth)}- ${i.title}`, ...agendaLines(i.items ?? [], depth + 1)]);

/**
 * Meetings as an iCalendar (RFC 5545) document: one event per meeting with a stable UID and a SEQUENCE bumped on
 * every change, so that a calendar replaces what it holds; a cancelled meeting stays with STATUS:CANCELLED.
 */
export function meetingsCalendar(options: {
  name: string;
  meetings: readonly CalendarMeeting[];
  publicUrl: string;
  host: string;
  method?: 'REQUEST' | 'PUBLISH';
}): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Relais', product: 'collectif', language: 'FR' },
    method: options.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.PUBLISH,
  });
  for (const m of options.meetings) {
    const url = `${options.publicUrl}/collectif/reunions/${m.id}`;
    calendar.createEvent({
      id: `${m.id}@${options.host}`,
      sequence: m.sequence,
      // A day without hours is a DATE event of its Paris dates (DTEND exclusive), never shifted by the time zone.
      ...(m.all_day
        ? { allDay: true, start: parisDay(m.starts_at), end: parisDay(m.ends_at) }
        : { start: m.starts_at, end: m.ends_at }),
      stamp: m.updated_at,
      summary: m.title,
      location: m.place || null,
      description: [...agendaLines(m.agenda), '', url].join('\n').trim(),
      url,
      status: m.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
