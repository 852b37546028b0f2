// Contact due: the last contact by a method the program counts, plus the program's interval
// (30 days by default; seeds 002 and 004). Attempts and collateral contacts never count, but
// the last attempt is shown. A participant never contacted counts from enrollment.
import { and, inArray, sql } from 'drizzle-orm';
import { caseNotes } from '../../db/schema';
import { addCalendarDays, itemKey, severityOf, type DueItem } from '../../domain/due';
import { displayDate } from '../../domain/dates';
import { chunks, type DueRule } from '../rule';

interface LastContacts {
  /** participant → method → latest local date of a direct contact by that method */
  byMethod: Map<number, Map<string, string>>;
  lastAttempt: Map<number, string>;
}

export const contactDue: DueRule<LastContacts> = {
  id: 'contact-due',
  policy: 'Contact every participant at least every 30 days (the program’s interval); attempts and contacts with others do not count (seeds 002, 004).',
  appliesTo: (rules) => rules.contactIntervalDays !== null,
  load(db, participantIds) {
    const byMethod = new Map<number, Map<string, string>>();
    const lastAttempt = new Map<number, string>();
    for (const ids of chunks(participantIds)) {
      const rows = db
        .select({ participantId: caseNotes.participantId, contactKind: caseNotes.contactKind, method: caseNotes.method, last: sql<string>`max(${caseNotes.interactionDate})` })
        .from(caseNotes)
        .where(and(inArray(caseNotes.participantId, ids), inArray(caseNotes.contactKind, ['participant', 'attempt'])))
        .groupBy(caseNotes.participantId, caseNotes.contactKind, caseNotes.method)
        .all();
      for (const r of rows) {
        if (r.contactKind === 'attempt') {
          if ((lastAttempt.get(r.participantId) ?? '') < r.last) lastAttempt.set(r.participantId, r.last);
        } else {
          const methods = byMethod.get(r.participantId) ?? new Map<string, string>();
          methods.set(r.method, r.last);
          byMethod.set(r.participantId, methods);
        }
      }
    }
    return { byMethod, lastAttempt };
  },
  evaluate(loaded, participants, ctx) {
    const items: DueItem[] = [];
    for (const p of participants) {
      const interval = p.rules.contactIntervalDays;
      if (interval === null) continue;
      const methods = loaded.byMethod.get(p.id);
      let last: { date: string; method: string } | null = null;
      for (const method of p.rules.contactMethodsThatCount) {
        const date = methods?.get(method);
        if (date && (!last || date > last.date)) last = { date, method };
      }
      const from = last?.date ?? p.enrolledOn;
      const dueDate = addCalendarDays(from, interval);
      const severity = severityOf(dueDate, ctx);
      if (!severity) continue;
      const attempt = loaded.lastAttempt.get(p.id);
      const facts = [
        last ? `Last contact ${displayDate(last.date)} (${last.method.replace(/_/g, ' ')})` : `No contact since enrollment on ${displayDate(p.enrolledOn)}`,
        attempt && (!last || attempt > last.date) ? `last attempt ${displayDate(attempt)}` : null,
      ].filter(Boolean);
      items.push({
        key: itemKey(this.id, p.id, null, dueDate),
        ruleId: this.id,
        participantId: p.id,
        dueDate,
        severity,
        title: severity === 'overdue' ? `Contact overdue since ${displayDate(dueDate)}` : severity === 'due_today' ? 'Contact due today' : `Contact due ${displayDate(dueDate)}`,
        detail: facts.join(' · '),
        policy: `Contact at least every ${interval} days; attempts and contacts with others do not count.`,
        clearingAction: 'log_note',
        compliance: true,
      });
    }
    return items;
  },
};
