// Defaults a case note takes when the writer did not give them (seed 002's minimum content:
// date, method, location, subject). Pure; the Slack layer only supplies the words.
import { instantAt, localDate } from './dates';
import { truncate } from './text';

/** Remote for phone, email, text, video and mail; the worker's office for face to face. */
export function defaultLocation(method: string, office: string | null | undefined): string {
  return method === 'face_to_face' ? office || 'Office' : 'Remote';
}

/** With no service entered, the subject is a summary: the method, then the first sentence. */
export function summarySubject(methodLabel: string, body: string): string {
  const firstSentence = body.split(/(?<=[.!?])\s|\n/)[0] ?? body;
  return truncate(`${methodLabel}: ${firstSentence}`, 150);
}

/**
 * The instant of a contact known by its local date and maybe its time. Without a time the
 * note counts as "time unknown" (lateness then counts from the end of that day): today means
 * now, an earlier day means its noon.
 */
export function interactionInstant(date: string, time: string | null, timeZone: string, now: Date): { at: Date; timeKnown: boolean } {
  if (time) return { at: instantAt(date, time, timeZone), timeKnown: true };
  if (date === localDate(now, timeZone)) return { at: now, timeKnown: false };
  return { at: instantAt(date, '12:00', timeZone), timeKnown: false };
}
