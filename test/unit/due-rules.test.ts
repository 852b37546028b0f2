import { describe, expect, it } from 'vitest';
import type { DueItem, DueParticipant } from '../../src/domain/due';
import { DEFAULT_PROFILES, loadProfiles, strictestProfile, type ProgramProfile } from '../../src/domain/profiles';
import { countItems, dueContext } from '../../src/due/engine';
import { appointmentToday } from '../../src/due/rules/appointment-today';
import { contactDue } from '../../src/due/rules/contact-due';

type ContactLoaded = Parameters<typeof contactDue.evaluate>[0];
type AppointmentLoaded = Parameters<typeof appointmentToday.evaluate>[0];

const CHICAGO = 'America/Chicago';
const NEW_YORK = 'America/New_York';
const HONOLULU = 'Pacific/Honolulu';

const WIOA_ADULT = strictestProfile([DEFAULT_PROFILES['wioa-adult']]);
const CONTACT_POLICY = 'Contact at least every 30 days; attempts and contacts with others do not count.';

function participant(id: number, enrolledOn = '2026-01-05', profiles: ProgramProfile[] = [DEFAULT_PROFILES['wioa-adult']]): DueParticipant {
  return { id, enrolledOn, rules: strictestProfile(profiles) };
}

/** Loaded contact data: participant → { method: last date }, plus last attempts. */
function contacts(byParticipant: Record<number, Record<string, string>>, attempts: Record<number, string> = {}): ContactLoaded {
  return {
    byMethod: new Map(Object.entries(byParticipant).map(([id, methods]) => [Number(id), new Map(Object.entries(methods))])),
    lastAttempt: new Map(Object.entries(attempts).map(([id, date]) => [Number(id), date])),
  };
}

function contactItems(loaded: ContactLoaded, people: DueParticipant[], at: string, zone = CHICAGO): DueItem[] {
  return contactDue.evaluate(loaded, people, dueContext(new Date(at), zone));
}

/** The severity of participant 1's contact item at an instant in a zone (null = nothing due). */
function severityAt(lastContact: string, at: string, zone: string): string | null {
  return contactItems(contacts({ 1: { phone: lastContact } }), [participant(1)], at, zone)[0]?.severity ?? null;
}

describe('contact due', () => {
  const oct24 = contacts({ 1: { phone: '2026-10-24' } });

  it('last contact Oct 24 + 30 days is due Nov 23: due today on Nov 23 in Chicago, exactly', () => {
    expect(contactItems(oct24, [participant(1)], '2026-11-23T16:00:00Z')).toEqual([
      {
        key: 'contact-due:1:-:2026-11-23',
        ruleId: 'contact-due',
        participantId: 1,
        dueDate: '2026-11-23',
        severity: 'due_today',
        title: 'Contact due today',
        detail: 'Last contact Oct 24, 2026 (phone)',
        policy: CONTACT_POLICY,
        clearingAction: 'log_note',
        compliance: true,
      },
    ]);
  });

  it('is overdue on Nov 24, with the same key (the due date does not move)', () => {
    const [item] = contactItems(oct24, [participant(1)], '2026-11-24T16:00:00Z');
    expect(item).toMatchObject({ key: 'contact-due:1:-:2026-11-23', severity: 'overdue', dueDate: '2026-11-23', title: 'Contact overdue since Nov 23, 2026' });
    expect(contactItems(oct24, [participant(1)], '2027-01-15T16:00:00Z')[0]).toMatchObject({ severity: 'overdue', dueDate: '2026-11-23' });
  });

  it('is "due soon" within 7 days, and nothing before that', () => {
    expect(contactItems(oct24, [participant(1)], '2026-11-22T16:00:00Z')[0]).toMatchObject({ severity: 'due_soon', title: 'Contact due Nov 23, 2026' });
    expect(contactItems(oct24, [participant(1)], '2026-11-16T16:00:00Z')[0]).toMatchObject({ severity: 'due_soon', key: 'contact-due:1:-:2026-11-23' });
    expect(contactItems(oct24, [participant(1)], '2026-11-15T16:00:00Z')).toEqual([]);
    expect(contactItems(oct24, [participant(1)], '2026-10-25T16:00:00Z')).toEqual([]);
  });

  it('month ends: Jan 31 + 30 days is Mar 2 in a common year and Mar 1 in a leap year', () => {
    const jan31 = (year: number) => contacts({ 1: { email: `${year}-01-31` } });
    expect(contactItems(jan31(2027), [participant(1)], '2027-03-02T16:00:00Z')[0]).toMatchObject({ dueDate: '2027-03-02', severity: 'due_today' });
    expect(contactItems(jan31(2027), [participant(1)], '2027-03-01T16:00:00Z')[0]).toMatchObject({ dueDate: '2027-03-02', severity: 'due_soon' });
    expect(contactItems(jan31(2028), [participant(1)], '2028-03-01T16:00:00Z')[0]).toMatchObject({ dueDate: '2028-03-01', severity: 'due_today' });
    expect(contactItems(jan31(2028), [participant(1)], '2028-03-02T16:00:00Z')[0]).toMatchObject({ dueDate: '2028-03-01', severity: 'overdue' });
    // Dec 31 + 30 crosses the year; Feb 28 + 30 in a common year lands on Mar 30.
    expect(contactItems(contacts({ 1: { phone: '2026-12-31' } }), [participant(1)], '2027-01-30T16:00:00Z')[0]).toMatchObject({ dueDate: '2027-01-30', severity: 'due_today' });
    expect(contactItems(contacts({ 1: { phone: '2027-02-28' } }), [participant(1)], '2027-03-30T16:00:00Z')[0]).toMatchObject({ dueDate: '2027-03-30', severity: 'due_today' });
  });

  it('leap day: a contact on 2028-02-29 is due 2028-03-30; one due on the leap day itself is overdue on Mar 1', () => {
    expect(contactItems(contacts({ 1: { phone: '2028-02-29' } }), [participant(1)], '2028-03-30T16:00:00Z')[0]).toMatchObject({
      key: 'contact-due:1:-:2028-03-30',
      detail: 'Last contact Feb 29, 2028 (phone)',
      severity: 'due_today',
    });
    const jan30 = contacts({ 1: { phone: '2028-01-30' } });
    expect(contactItems(jan30, [participant(1)], '2028-02-29T16:00:00Z')[0]).toMatchObject({ dueDate: '2028-02-29', severity: 'due_today', title: 'Contact due today' });
    expect(contactItems(jan30, [participant(1)], '2028-03-01T16:00:00Z')[0]).toMatchObject({ dueDate: '2028-02-29', severity: 'overdue', title: 'Contact overdue since Feb 29, 2028' });
  });

  describe('"today" flips at the viewer’s local midnight, not UTC, in DST change weeks', () => {
    // Due 2026-03-08 (the spring-forward Sunday) and 2026-11-01 (the fall-back Sunday).
    const springDue = '2026-02-06';
    const fallDue = '2026-10-02';

    it('America/Chicago, spring forward on 2026-03-08 (CST −6 → CDT −5)', () => {
      expect(severityAt(springDue, '2026-03-08T05:59:59Z', CHICAGO)).toBe('due_soon'); // Mar 7, 23:59:59 CST
      expect(severityAt(springDue, '2026-03-08T06:00:00Z', CHICAGO)).toBe('due_today'); // Mar 8, 00:00 CST
      expect(severityAt(springDue, '2026-03-09T04:59:59Z', CHICAGO)).toBe('due_today'); // Mar 8, 23:59:59 CDT; Mar 9 in UTC
      expect(severityAt(springDue, '2026-03-09T05:00:00Z', CHICAGO)).toBe('overdue'); // Mar 9, 00:00 CDT
    });

    it('America/Chicago, fall back on 2026-11-01 (CDT −5 → CST −6)', () => {
      expect(severityAt(fallDue, '2026-11-01T04:59:59Z', CHICAGO)).toBe('due_soon'); // Oct 31, 23:59:59 CDT; Nov 1 in UTC
      expect(severityAt(fallDue, '2026-11-01T05:00:00Z', CHICAGO)).toBe('due_today'); // Nov 1, 00:00 CDT
      expect(severityAt(fallDue, '2026-11-02T05:59:59Z', CHICAGO)).toBe('due_today'); // Nov 1, 23:59:59 CST (a 25-hour day)
      expect(severityAt(fallDue, '2026-11-02T06:00:00Z', CHICAGO)).toBe('overdue'); // Nov 2, 00:00 CST
    });

    it('America/New_York, spring forward on 2026-03-08 (EST −5 → EDT −4)', () => {
      expect(severityAt(springDue, '2026-03-08T04:59:59Z', NEW_YORK)).toBe('due_soon');
      expect(severityAt(springDue, '2026-03-08T05:00:00Z', NEW_YORK)).toBe('due_today');
      expect(severityAt(springDue, '2026-03-09T03:59:59Z', NEW_YORK)).toBe('due_today'); // a 23-hour day
      expect(severityAt(springDue, '2026-03-09T04:00:00Z', NEW_YORK)).toBe('overdue');
    });

    it('America/New_York, fall back on 2026-11-01 (EDT −4 → EST −5)', () => {
      expect(severityAt(fallDue, '2026-11-01T03:59:59Z', NEW_YORK)).toBe('due_soon');
      expect(severityAt(fallDue, '2026-11-01T04:00:00Z', NEW_YORK)).toBe('due_today');
      expect(severityAt(fallDue, '2026-11-02T04:59:59Z', NEW_YORK)).toBe('due_today');
      expect(severityAt(fallDue, '2026-11-02T05:00:00Z', NEW_YORK)).toBe('overdue');
    });

    it('a due date counted across the change is still exactly 30 calendar days', () => {
      // Feb 20 + 30 = Mar 22 (spans spring forward); Oct 20 + 30 = Nov 19 (spans fall back).
      expect(contactItems(contacts({ 1: { phone: '2026-02-20' } }), [participant(1)], '2026-03-22T12:00:00Z', NEW_YORK)[0]).toMatchObject({ dueDate: '2026-03-22', severity: 'due_today' });
      expect(contactItems(contacts({ 1: { phone: '2026-10-20' } }), [participant(1)], '2026-11-19T12:00:00Z', CHICAGO)[0]).toMatchObject({ dueDate: '2026-11-19', severity: 'due_today' });
    });
  });

  it('a user in Pacific/Honolulu, for whom UTC is already tomorrow, still sees it due today', () => {
    const at = '2026-11-24T05:00:00Z'; // Nov 24 in UTC; Nov 23, 19:00 in Honolulu
    expect(contactItems(oct24, [participant(1)], at, HONOLULU)).toMatchObject([{ severity: 'due_today', title: 'Contact due today', key: 'contact-due:1:-:2026-11-23' }]);
    expect(severityAt('2026-10-24', at, CHICAGO)).toBe('due_today'); // 23:00 on Nov 23
    expect(severityAt('2026-10-24', at, NEW_YORK)).toBe('overdue'); // 00:00 on Nov 24
    // Honolulu's midnight is 10:00 UTC.
    expect(severityAt('2026-10-24', '2026-11-24T09:59:59Z', HONOLULU)).toBe('due_today');
    expect(severityAt('2026-10-24', '2026-11-24T10:00:00Z', HONOLULU)).toBe('overdue');
  });

  it('a never-contacted participant counts from enrollment', () => {
    expect(contactItems(contacts({}), [participant(7, '2026-10-24')], '2026-11-24T16:00:00Z')).toEqual([
      {
        key: 'contact-due:7:-:2026-11-23',
        ruleId: 'contact-due',
        participantId: 7,
        dueDate: '2026-11-23',
        severity: 'overdue',
        title: 'Contact overdue since Nov 23, 2026',
        detail: 'No contact since enrollment on Oct 24, 2026',
        policy: CONTACT_POLICY,
        clearingAction: 'log_note',
        compliance: true,
      },
    ]);
    expect(contactItems(contacts({}), [participant(7, '2026-11-20')], '2026-11-24T16:00:00Z')).toEqual([]);
  });

  it('attempts never count, but the last attempt after the last contact shows in the detail', () => {
    const loaded = contacts({ 1: { phone: '2026-10-24' } }, { 1: '2026-11-20' });
    expect(contactItems(loaded, [participant(1)], '2026-11-24T16:00:00Z')).toMatchObject([
      { dueDate: '2026-11-23', severity: 'overdue', detail: 'Last contact Oct 24, 2026 (phone) · last attempt Nov 20, 2026' },
    ]);
    // An attempt before the last contact says nothing new.
    const older = contacts({ 1: { phone: '2026-10-24' } }, { 1: '2026-10-20' });
    expect(contactItems(older, [participant(1)], '2026-11-24T16:00:00Z')[0]?.detail).toBe('Last contact Oct 24, 2026 (phone)');
    // Only attempts since enrollment: still counted from enrollment.
    const onlyAttempts = contacts({}, { 2: '2026-11-22' });
    expect(contactItems(onlyAttempts, [participant(2, '2026-10-01')], '2026-11-24T16:00:00Z')).toMatchObject([
      { key: 'contact-due:2:-:2026-10-31', severity: 'overdue', detail: 'No contact since enrollment on Oct 1, 2026 · last attempt Nov 22, 2026' },
    ]);
  });

  it('collateral contacts are not methods: a "collateral" entry never resets the clock', () => {
    // The load keeps only participant contacts and attempts; even if another kind slipped in
    // under a non-method name, no profile counts it.
    const loaded = contacts({ 1: { phone: '2026-10-24', collateral: '2026-11-22', other: '2026-11-22' } });
    expect(contactItems(loaded, [participant(1)], '2026-11-24T16:00:00Z')[0]).toMatchObject({ dueDate: '2026-11-23', severity: 'overdue' });
  });

  it('the latest of the counted methods wins', () => {
    const loaded = contacts({ 1: { phone: '2026-10-01', face_to_face: '2026-10-24', email: '2026-10-10' } });
    expect(contactItems(loaded, [participant(1)], '2026-11-23T16:00:00Z')[0]).toMatchObject({ dueDate: '2026-11-23', detail: 'Last contact Oct 24, 2026 (face to face)' });
  });

  it('a co-enrolled participant is held to the strictest profile: an agency 14-day interval beats 30', () => {
    const agency = loadProfiles({ profiles: { 'refugee-ss': { contactIntervalDays: 14 } } });
    const coEnrolled = participant(3, '2026-09-01', [agency['wioa-adult'], agency['refugee-ss']]);
    expect(coEnrolled.rules.contactIntervalDays).toBe(14);
    const loaded = contacts({ 3: { phone: '2026-11-09' } });
    expect(contactItems(loaded, [coEnrolled], '2026-11-23T16:00:00Z')).toEqual([
      {
        key: 'contact-due:3:-:2026-11-23',
        ruleId: 'contact-due',
        participantId: 3,
        dueDate: '2026-11-23',
        severity: 'due_today',
        title: 'Contact due today',
        detail: 'Last contact Nov 9, 2026 (phone)',
        policy: 'Contact at least every 14 days; attempts and contacts with others do not count.',
        clearingAction: 'log_note',
        compliance: true,
      },
    ]);
    // The same contact under WIOA Adult alone is due Dec 9: nothing yet.
    expect(contactItems(loaded, [participant(3, '2026-09-01', [agency['wioa-adult']])], '2026-11-23T16:00:00Z')).toEqual([]);
  });

  it('a profile narrowed to face_to_face ignores phone contacts', () => {
    const agency = loadProfiles({ profiles: { 'wioa-adult': { contactMethodsThatCount: ['face_to_face'] } } });
    const narrowed = participant(4, '2026-09-01', [agency['wioa-adult']]);
    expect(narrowed.rules.contactMethodsThatCount).toEqual(['face_to_face']);
    const loaded = contacts({ 4: { face_to_face: '2026-10-24', phone: '2026-11-20', video: '2026-11-21' } });
    expect(contactItems(loaded, [narrowed], '2026-11-23T16:00:00Z')).toMatchObject([
      { key: 'contact-due:4:-:2026-11-23', severity: 'due_today', detail: 'Last contact Oct 24, 2026 (face to face)' },
    ]);
    // The default profile counts the phone call: due Dec 20, nothing yet.
    expect(contactItems(loaded, [participant(4, '2026-09-01')], '2026-11-23T16:00:00Z')).toEqual([]);
    // Only phone calls since enrollment: counted from enrollment.
    expect(contactItems(contacts({ 4: { phone: '2026-11-20' } }), [narrowed], '2026-11-23T16:00:00Z')).toMatchObject([
      { key: 'contact-due:4:-:2026-10-01', severity: 'overdue', detail: 'No contact since enrollment on Sep 1, 2026' },
    ]);
  });

  it('Wagner-Peyser only (no contact rule): the rule does not apply and yields no item', () => {
    const wp = participant(5, '2026-01-05', [DEFAULT_PROFILES['wagner-peyser']]);
    expect(wp.rules.contactIntervalDays).toBeNull();
    expect(contactDue.appliesTo(wp.rules)).toBe(false);
    expect(contactItems(contacts({}), [wp], '2026-11-23T16:00:00Z')).toEqual([]);
    // Co-enrolled with WIOA Adult: WIOA's 30 days and all of its methods apply.
    const both = participant(6, '2026-01-05', [DEFAULT_PROFILES['wagner-peyser'], DEFAULT_PROFILES['wioa-adult']]);
    expect(contactDue.appliesTo(both.rules)).toBe(true);
    expect(both.rules.contactMethodsThatCount).toEqual(WIOA_ADULT.contactMethodsThatCount);
    expect(contactItems(contacts({ 6: { text: '2026-10-24' } }), [both], '2026-11-23T16:00:00Z')).toMatchObject([{ key: 'contact-due:6:-:2026-11-23', severity: 'due_today' }]);
  });

  it('evaluates many participants at once, one item each at most', () => {
    const people = [participant(1, '2026-01-05'), participant(2, '2026-01-05'), participant(3, '2026-11-20')];
    const loaded = contacts({ 1: { phone: '2026-10-01' }, 2: { phone: '2026-11-20' } });
    expect(contactItems(loaded, people, '2026-11-23T16:00:00Z').map((i) => [i.participantId, i.severity, i.dueDate])).toEqual([[1, 'overdue', '2026-10-31']]);
  });
});

describe('appointment today', () => {
  const appointments = (today: Record<number, Array<string | null>>, seen: number[] = []): AppointmentLoaded => ({
    today: new Map(Object.entries(today).map(([id, at]) => [Number(id), at])),
    seenToday: new Set(seen),
  });
  const evaluate = (loaded: AppointmentLoaded, at: string, zone: string, people = [participant(1)]) =>
    appointmentToday.evaluate(loaded, people, dueContext(new Date(at), zone));

  it('shows the time in the viewer’s zone, due today, not a compliance item', () => {
    const loaded = appointments({ 1: ['2026-11-23T20:30:00.000Z'] });
    expect(evaluate(loaded, '2026-11-23T14:00:00Z', CHICAGO)).toEqual([
      {
        key: 'appointment-today:1:-:2026-11-23',
        ruleId: 'appointment-today',
        participantId: 1,
        dueDate: '2026-11-23',
        severity: 'due_today',
        title: 'Appointment today at 14:30',
        detail: 'Set as the next appointment in a case note. Log a note after the meeting.',
        policy: appointmentToday.policy,
        clearingAction: 'log_note',
        compliance: false,
      },
    ]);
    expect(evaluate(loaded, '2026-11-23T14:00:00Z', NEW_YORK)[0]?.title).toBe('Appointment today at 15:30');
    expect(evaluate(loaded, '2026-11-23T14:00:00Z', HONOLULU)[0]?.title).toBe('Appointment today at 10:30');
  });

  it('times shown in the viewer’s zone across the DST change (Chicago, 2026-03-08)', () => {
    // 09:00 CDT on the first day of daylight time is 14:00 UTC (15:00 UTC the day before).
    expect(evaluate(appointments({ 1: ['2026-03-08T14:00:00.000Z'] }), '2026-03-08T12:00:00Z', CHICAGO)[0]?.title).toBe('Appointment today at 09:00');
    expect(evaluate(appointments({ 1: ['2026-11-01T15:00:00.000Z'] }), '2026-11-01T12:00:00Z', CHICAGO)[0]?.title).toBe('Appointment today at 09:00');
  });

  it('several times are listed once each, in order; a date-only appointment has no time', () => {
    const loaded = appointments({ 1: ['2026-11-23T21:00:00.000Z', null, '2026-11-23T15:00:00.000Z', '2026-11-23T21:00:00.000Z'], 2: [null] });
    const items = evaluate(loaded, '2026-11-23T14:00:00Z', CHICAGO, [participant(1), participant(2)]);
    expect(items.map((i) => [i.key, i.title])).toEqual([
      ['appointment-today:1:-:2026-11-23', 'Appointment today at 09:00, 15:00'],
      ['appointment-today:2:-:2026-11-23', 'Appointment today'],
    ]);
  });

  it('a contact note the same day clears it', () => {
    const loaded = appointments({ 1: ['2026-11-23T20:30:00.000Z'], 2: [null] }, [1]);
    expect(evaluate(loaded, '2026-11-23T22:00:00Z', CHICAGO, [participant(1), participant(2)]).map((i) => i.participantId)).toEqual([2]);
  });

  it('no appointment, no item; applies to every program, Wagner-Peyser too', () => {
    expect(evaluate(appointments({}), '2026-11-23T14:00:00Z', CHICAGO)).toEqual([]);
    expect(appointmentToday.appliesTo(strictestProfile([DEFAULT_PROFILES['wagner-peyser']]))).toBe(true);
  });
});

describe('caseload figures', () => {
  const item = (severity: DueItem['severity'], dueDate: string, participantId = 1): DueItem => ({
    key: `k:${participantId}:${dueDate}:${severity}`,
    ruleId: 'test',
    participantId,
    dueDate,
    severity,
    title: 't',
    detail: '',
    policy: 'p',
    clearingAction: 'open_card',
    compliance: false,
  });

  it('counts as "this week" only what is due within seven days, though some rules list items further out', () => {
    const counts = countItems(
      [item('overdue', '2026-11-20', 1), item('overdue', '2026-11-21', 1), item('due_today', '2026-11-23', 2), item('due_soon', '2026-11-30', 2), item('due_soon', '2026-12-01', 3), item('due_soon', '2026-12-20', 3)],
      '2026-11-23',
    );
    expect(counts).toEqual({ overdue: 2, dueToday: 1, dueThisWeek: 1, participantsOverdue: 1 });
  });
});
