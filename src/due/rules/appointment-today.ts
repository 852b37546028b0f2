// Appointment today: a next appointment recorded in a case note (or added to one as details)
// falls on the case manager's today. A note about a contact that day clears it.
import { and, eq, inArray } from 'drizzle-orm';
import { caseNoteAmendments, caseNotes } from '../../db/schema';
import { itemKey, type DueItem } from '../../domain/due';
import { localTime } from '../../domain/dates';
import { chunks, type DueRule } from '../rule';

interface Appointments {
  /** participant → the appointment instants (null when only the date is known) for today */
  today: Map<number, Array<string | null>>;
  seenToday: Set<number>;
}

export const appointmentToday: DueRule<Appointments> = {
  id: 'appointment-today',
  policy: 'Review today’s appointments and make reminder calls (seed 003); a note documents each contact (seed 000).',
  appliesTo: () => true,
  load(db, participantIds, ctx) {
    const today = new Map<number, Array<string | null>>();
    const seenToday = new Set<number>();
    const add = (participantId: number, at: string | null) => today.set(participantId, [...(today.get(participantId) ?? []), at]);
    for (const ids of chunks(participantIds)) {
      for (const r of db
        .select({ participantId: caseNotes.participantId, at: caseNotes.nextAppointmentAt })
        .from(caseNotes)
        .where(and(eq(caseNotes.nextAppointmentDate, ctx.today), inArray(caseNotes.participantId, ids)))
        .all()) {
        add(r.participantId, r.at);
      }
      for (const r of db
        .select({ participantId: caseNoteAmendments.participantId, at: caseNoteAmendments.nextAppointmentAt })
        .from(caseNoteAmendments)
        .where(and(eq(caseNoteAmendments.nextAppointmentDate, ctx.today), inArray(caseNoteAmendments.participantId, ids)))
        .all()) {
        add(r.participantId, r.at);
      }
      for (const r of db
        .select({ participantId: caseNotes.participantId })
        .from(caseNotes)
        .where(and(eq(caseNotes.interactionDate, ctx.today), inArray(caseNotes.participantId, ids), inArray(caseNotes.contactKind, ['participant', 'attempt'])))
        .all()) {
        seenToday.add(r.participantId);
      }
    }
    return { today, seenToday };
  },
  evaluate(loaded, participants, ctx) {
    const items: DueItem[] = [];
    for (const p of participants) {
      const appointments = loaded.today.get(p.id);
      if (!appointments || loaded.seenToday.has(p.id)) continue;
      const times = [...new Set(appointments.filter((at): at is string => !!at).map((at) => localTime(new Date(at), ctx.timeZone)))].sort();
      items.push({
        key: itemKey(this.id, p.id, null, ctx.today),
        ruleId: this.id,
        participantId: p.id,
        dueDate: ctx.today,
        severity: 'due_today',
        title: times.length ? `Appointment today at ${times.join(', ')}` : 'Appointment today',
        detail: 'Set as the next appointment in a case note. Log a note after the meeting.',
        policy: this.policy,
        clearingAction: 'log_note',
        compliance: false,
      });
    }
    return items;
  },
};
