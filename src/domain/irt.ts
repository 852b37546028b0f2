// IRT meeting rules that need no database: how the participant is named to partners, how a
// slot reads in someone's own zone, the modal's choices, the availability tally and when
// reminders go out. Whether a partner may hear the name at all is the release gate's call.
import { instantAt } from './dates';
import { foldForSearch } from './text';

export const IRT_REASONS = ['needs', 'celebrate', 'other'] as const;
export type IrtReason = (typeof IRT_REASONS)[number];
export const IRT_REASON_LABELS: Record<IrtReason, string> = {
  needs: 'New needs have come up',
  celebrate: 'Celebrate a completed goal',
  other: 'Something else',
};

export const IRT_CALLERS = ['participant', 'case_manager', 'partner', 'natural_support'] as const;
export type IrtCaller = (typeof IRT_CALLERS)[number];
export const IRT_CALLER_LABELS: Record<IrtCaller, string> = {
  participant: 'The participant',
  case_manager: 'The case manager',
  partner: 'A partner',
  natural_support: 'A natural support',
};

export const IRT_LOCATION_KINDS = ['in_person', 'phone', 'video'] as const;
export type IrtLocationKind = (typeof IRT_LOCATION_KINDS)[number];
export const IRT_LOCATION_KIND_LABELS: Record<IrtLocationKind, string> = {
  in_person: 'In person',
  phone: 'Phone',
  video: 'Video',
};

// --- How the participant is named to partners ------------------------------------------------
//
// First name and the initial of the family name: "Amina Kone" → "Amina K.". Decisions:
// - The first word is the first name, whole, hyphen and all ("Jean-Luc Picard" → "Jean-Luc P.").
//   A compound first name written with a space ("María José de la Cruz") only shows its first
//   word ("María C."); the preferred name is how staff say otherwise ("María José" → "María José C.").
// - The initial is that of the last word that does not start with a lower-case letter, so
//   particles are skipped: "de la Cruz" → C, "van Gogh" → G. When every later word starts
//   lower-case ("Ali al-Hassan"), the last word gives it ("A."). The initial is the first
//   letter (a whole grapheme, accents kept, upper-cased): "Kone-Diallo" → K, "Ōtsuka" → Ō.
// - Scripts without letter case (Arabic, Devanagari, CJK) never count as particles, so the
//   last word gives the initial: "अमित शर्मा" → "अमित श.".
// - "Kone, Amina" (family name first with a comma) is read as "Amina Kone"; a trailing
//   "Jr.", "Sr.", "II", "III" or "IV" is not a family name.
// - One word (a mononym, or a name written without spaces such as "王小明") is shown as it is;
//   staff can set a preferred name to show instead.
// - The preferred name replaces the first name. If it ends with the family name ("Bob Smith"
//   for "Robert Smith"), that ending is dropped so the partner still sees only the initial.
// - Extra spaces are ignored; nothing else is changed (no re-casing of "AMINA").

const SUFFIX = /,?\s+(jr|sr|ii|iii|iv)\.?$/iu;

function wordsOf(text: string): string[] {
  return text.normalize('NFC').split(/\s+/u).filter(Boolean);
}

function nameWords(fullName: string): string[] {
  let text = fullName.normalize('NFC').replace(/\s+/gu, ' ').trim();
  while (SUFFIX.test(text) && wordsOf(text).length > 2) text = text.replace(SUFFIX, '');
  const parts = text.split(',');
  if (parts.length === 2 && parts[0]!.trim() && parts[1]!.trim()) text = `${parts[1]} ${parts[0]}`;
  return wordsOf(text.replaceAll(',', ' '));
}

/** A particle starts with a lower-case letter ("de", "van", "al-"); caseless scripts never do. */
function isParticle(word: string): boolean {
  return /^\P{L}*\p{Ll}/u.test(word);
}

function initialOf(word: string): string {
  const from = Math.max(0, word.search(/\p{L}/u));
  const first = new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(word.slice(from))[Symbol.iterator]().next();
  return first.done ? word : first.value.segment.toUpperCase();
}

/** How the participant appears to partners by default: first name and last initial ("Amina K."); preferred first name if set. */
export function nameForPartners(fullName: string, preferredName?: string | null): string {
  const names = nameWords(fullName);
  const family = names.slice(1);
  let at = family.length - 1;
  while (at >= 0 && isParticle(family[at]!)) at--;
  const familyWord = family[at < 0 ? family.length - 1 : at];

  let first = wordsOf(preferredName ?? '');
  if (familyWord && first.length > 1 && foldForSearch(first.at(-1)!) === foldForSearch(familyWord)) {
    first.pop();
    while (first.length > 1 && isParticle(first.at(-1)!)) first.pop();
  }
  if (first.length === 0) first = names.slice(0, 1);
  if (first.length === 0) return 'Participant';
  return familyWord ? `${first.join(' ')} ${initialOf(familyWord)}.` : first.join(' ');
}

// --- A slot in the reader's own zone ---------------------------------------------------------

const slotFormats = new Map<string, Intl.DateTimeFormat>();

function partsIn(instant: Date, timeZone: string) {
  let f = slotFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      hour12: true,
      timeZoneName: 'short',
    });
    slotFormats.set(timeZone, f);
  }
  const parts = f.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('weekday')} ${part('month')} ${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
    period: part('dayPeriod').toUpperCase(),
    zone: part('timeZoneName'),
  };
}

/** A slot in a reader's own zone, e.g. "Wed Dec 9, 10:00–11:00 AM CST" (use Intl with the given zone). */
export function formatSlotFor(startsAt: Date, endsAt: Date, timeZone: string): string {
  const a = partsIn(startsAt, timeZone);
  const b = partsIn(endsAt, timeZone);
  if (a.date !== b.date) return `${a.date}, ${a.time} ${a.period} – ${b.date}, ${b.time} ${b.period} ${b.zone}`;
  if (a.zone !== b.zone) return `${a.date}, ${a.time} ${a.period} ${a.zone}–${b.time} ${b.period} ${b.zone}`;
  if (a.period !== b.period) return `${a.date}, ${a.time} ${a.period}–${b.time} ${b.period} ${a.zone}`;
  return `${a.date}, ${a.time}–${b.time} ${a.period} ${a.zone}`;
}

// --- Availability ----------------------------------------------------------------------------

export interface SlotTally {
  slotId: number;
  available: number;
  unavailable: number;
  noAnswer: number;
}

/**
 * Per slot (in the order given), how many attendees answered available / unavailable and how
 * many have not answered. Answers for other slots or from people who are not attendees are
 * ignored; a repeated answer counts once (the last one wins).
 */
export function tallyAvailability(
  slotIds: readonly number[],
  attendeeIds: readonly number[],
  answers: ReadonlyArray<{ slotId: number; attendeeId: number; answer: 'available' | 'unavailable' }>,
): SlotTally[] {
  const attendees = new Set(attendeeIds);
  const bySlot = new Map<number, Map<number, 'available' | 'unavailable'>>(slotIds.map((id) => [id, new Map()]));
  for (const a of answers) {
    if (attendees.has(a.attendeeId)) bySlot.get(a.slotId)?.set(a.attendeeId, a.answer);
  }
  return [...new Set(slotIds)].map((slotId) => {
    const given = [...bySlot.get(slotId)!.values()];
    const available = given.filter((g) => g === 'available').length;
    const unavailable = given.length - available;
    return { slotId, available, unavailable, noAnswer: attendees.size - given.length };
  });
}

/**
 * The slot to suggest confirming: most attendees available, then the earliest (the tally is
 * in time order, as `irt_slots` are listed). Null while nobody is available for any slot.
 */
export function bestSlot(tally: readonly SlotTally[]): SlotTally | null {
  let best: SlotTally | null = null;
  for (const t of tally) if (t.available > 0 && (!best || t.available > best.available)) best = t;
  return best;
}

// --- Reminders -------------------------------------------------------------------------------

export const ACTION_ITEM_REMINDER_TIME = '09:00';
export const MEETING_REMINDER_HOURS = 24;

/** Action item reminder: 09:00 on its due date in the responsible person's (or the organizer's) zone. */
export function actionItemReminderAt(dueDate: string, timeZone: string): Date {
  return instantAt(dueDate, ACTION_ITEM_REMINDER_TIME, timeZone);
}

/** The meeting reminder: 24 hours before it starts. */
export function meetingReminderAt(startsAt: Date): Date {
  return new Date(startsAt.getTime() - MEETING_REMINDER_HOURS * 3_600_000);
}
