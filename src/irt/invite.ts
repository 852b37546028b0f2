// The calendar invite (.ics) for a confirmed IRT meeting, built with ical-generator. It takes
// the summary, description and location as given: the caller (the release gate) decides
// whether the participant may be named in them. Times are written in UTC (`…Z`), so every
// calendar shows the meeting in its reader's own zone without a VTIMEZONE block.
//
// METHOD:PUBLISH by default — a file the organizer forwards and attendees add to their
// calendars. With the organizer's email it is a METHOD:REQUEST with an ORGANIZER line, which
// mail clients show as an invitation. The UID is stable per meeting and SEQUENCE goes up on
// each reschedule, so a calendar that imported an earlier file updates that event instead of
// adding a second one.
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export interface MeetingInvite {
  /** Stable per meeting, e.g. `irt-<id>@tickler` (see `inviteUid`). */
  uid: string;
  /** 0 for the first invite; bump on every reschedule. */
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description: string;
  location: string | null;
  organizer: { name: string; email?: string };
  /** DTSTAMP: when this version of the invite was made. */
  now: Date;
}

export const INVITE_PRODUCT = { company: 'Tickler', product: 'IRT meetings', language: 'EN' } as const;

/** The UID of a meeting's invite: the same for every version of it. */
export function inviteUid(meetingId: number): string {
  return `irt-${meetingId}@tickler`;
}

/** The VCALENDAR text of one meeting (CRLF line ends, lines folded at 75 octets). */
export function buildInvite(invite: MeetingInvite): string {
  if (!invite.uid.trim() || /\s/.test(invite.uid)) throw new Error('buildInvite: the uid must be a non-empty word');
  if (!Number.isInteger(invite.sequence) || invite.sequence < 0) throw new Error('buildInvite: sequence must be a whole number, 0 or more');
  if (!(invite.endsAt.getTime() > invite.startsAt.getTime())) throw new Error('buildInvite: the meeting must end after it starts');

  const email = invite.organizer.email?.trim() || null;
  const calendar = ical({ prodId: INVITE_PRODUCT, method: email ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.PUBLISH });
  calendar.createEvent({
    id: invite.uid,
    sequence: invite.sequence,
    stamp: invite.now,
    start: invite.startsAt,
    end: invite.endsAt,
    summary: invite.summary,
    description: invite.description || null,
    location: invite.location?.trim() || null,
    organizer: email ? { name: invite.organizer.name, email } : null,
    status: ICalEventStatus.CONFIRMED,
  });
  return `${calendar.toString()}\r\n`; // RFC 5545: every content line ends with CRLF, the last one too
}
