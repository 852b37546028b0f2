import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTACT_METHODS } from '../../src/domain/profiles';
import {
  ATTEMPT_PHRASES,
  METHOD_PHRASES,
  nameWords,
  parseDateWord,
  parseQuickEntry,
  type NoteMethod,
  type QuickEntryCandidate,
  type QuickEntryParse,
} from '../../src/domain/quick-entry';

const person = (id: number, fullName: string, preferredName: string | null = null, misId: string | null = null) => ({
  id,
  fullName,
  preferredName,
  misId,
});

/** A realistic caseload: shared first names and surnames, accents, preferred names, MIS ids. */
const CASELOAD: readonly QuickEntryCandidate[] = [
  person(1, 'María González', null, 'WI-4471902'),
  person(2, 'Maria Lopez', null, 'WI-4471903'),
  person(3, 'Mariam Khan', null, 'WI-5102277'),
  person(4, 'José Ramírez', null, 'WI-3390415'),
  person(5, 'José Montoya'),
  person(6, 'María José Castillo', 'Majo', 'WI-6021348'),
  person(7, 'Nguyễn Thị Lan', null, 'WI-7781120'),
  person(8, 'Zoë Adeyemi', null, 'WI-2209931'),
  person(9, 'Juan De la Cruz', null, 'WI-4410076'),
  person(10, 'Ana García-López', null, 'WI-8812003'),
  person(11, 'Đặng Minh Tuấn', 'Tuan', 'WI-9930214'),
  person(12, 'Ahmad Rahimi'),
  person(13, 'Mohammad Rahimi'),
  person(14, 'Samuel Okafor', 'Sam'),
  person(15, 'Samantha Reed'),
  person(16, 'Callie Brooks'),
  person(17, 'Inés Moreno'),
  person(18, 'Noemí Torres'),
  person(19, "Liam O'Brien"),
];

/** Wednesday 2026-01-14, 11:30 in Chicago. */
const NOW = new Date('2026-01-14T17:30:00Z');
const TZ = 'America/Chicago';
const TODAY = '2026-01-14';

function parse(text: string, now: Date = NOW, timeZone: string = TZ, candidates = CASELOAD): QuickEntryParse {
  return parseQuickEntry({ text, candidates, now, timeZone });
}

interface Row {
  text: string;
  ids: number[];
  method: NoteMethod | null;
  attempt?: boolean;
  date?: string;
  body: string;
  problems?: QuickEntryParse['problems'];
  who?: string;
  methodText?: string | null;
  dateText?: string | null;
}

const ROWS: Row[] = [
  // The example.
  {
    text: 'maria g phone yesterday confirmed CASAS appt for 12/3, will bring ID',
    ids: [1], method: 'phone', date: '2026-01-13', body: 'confirmed CASAS appt for 12/3, will bring ID',
    who: 'maria g', methodText: 'phone', dateText: 'yesterday',
  },
  // Three Marias share a whole-word first name; Mariam is only a prefix match, so she is out.
  { text: 'maria phone left message about orientation', ids: [1, 2, 6], method: 'phone', body: 'left message about orientation', problems: ['ambiguous-participant'], who: 'maria' },
  { text: 'mari phone left message', ids: [1, 2, 3, 6], method: 'phone', body: 'left message', problems: ['ambiguous-participant'] },
  { text: 'Maria Lopez f2f reviewed IEP goals and signed ROI', ids: [2], method: 'face_to_face', body: 'reviewed IEP goals and signed ROI', who: 'Maria Lopez', methodText: 'f2f' },
  { text: 'mariam email sent resume template', ids: [3], method: 'email', body: 'sent resume template' },
  { text: 'maria  Lopez   in person  Completed intake;  brought SS card', ids: [2], method: 'face_to_face', body: 'Completed intake;  brought SS card', who: 'maria  Lopez', methodText: 'in person' },
  { text: 'Gonzalez maria phone verified selective service registration', ids: [1], method: 'phone', body: 'verified selective service registration', who: 'Gonzalez maria' },
  // Two Josés and María José.
  { text: 'jose phone discussed bus pass', ids: [4, 5, 6], method: 'phone', body: 'discussed bus pass', problems: ['ambiguous-participant'] },
  { text: 'jose r text reminded about Tuesday appointment', ids: [4], method: 'text', body: 'reminded about Tuesday appointment', who: 'jose r' },
  { text: 'jose m call yesterday asked about childcare', ids: [5, 6], method: 'phone', date: '2026-01-13', body: 'asked about childcare', problems: ['ambiguous-participant'] },
  { text: 'jose montoya f2f mon signed training agreement', ids: [5], method: 'face_to_face', date: '2026-01-12', body: 'signed training agreement', dateText: 'mon' },
  // "mon" starts a date word, so it cannot be read as the start of "Montoya".
  { text: 'jose mon signed agreement', ids: [4, 5, 6], method: null, date: '2026-01-12', body: 'signed agreement', problems: ['ambiguous-participant', 'no-method'], who: 'jose' },
  // Preferred names.
  { text: 'majo video follow-up on WorkKeys scores', ids: [6], method: 'video', body: 'follow-up on WorkKeys scores' },
  { text: 'Majo Castillo zoom today reviewed budget worksheet', ids: [6], method: 'video', date: TODAY, body: 'reviewed budget worksheet', dateText: 'today' },
  { text: 'sam text running 10 min late to appt', ids: [14], method: 'text', body: 'running 10 min late to appt' },
  { text: 'sama email sent FAFSA checklist', ids: [15], method: 'email', body: 'sent FAFSA checklist' },
  { text: 'samuel okafor f2f thursday picked up work boots voucher', ids: [14], method: 'face_to_face', date: '2026-01-08', body: 'picked up work boots voucher' },
  { text: 'tuan f2f completed CASAS reading pretest', ids: [11], method: 'face_to_face', body: 'completed CASAS reading pretest' },
  // Accents and letters NFD does not take apart.
  { text: 'nguyen email sent enrollment packet', ids: [7], method: 'email', body: 'sent enrollment packet' },
  { text: 'Nguyễn Thị Lan phone 1/9 verified address change', ids: [7], method: 'phone', date: '2026-01-09', body: 'verified address change', who: 'Nguyễn Thị Lan', dateText: '1/9' },
  { text: 'lan t sms confirmed interview time', ids: [7], method: 'text', body: 'confirmed interview time' },
  { text: 'dang text fri asked for updated availability', ids: [11], method: 'text', date: '2026-01-09', body: 'asked for updated availability' },
  { text: 'zoe f2f mock interview practice, strong answers on availability', ids: [8], method: 'face_to_face', body: 'mock interview practice, strong answers on availability' },
  { text: 'ZOË ADEYEMI e-mail 12/31 sent holiday office schedule', ids: [8], method: 'email', date: '2025-12-31', body: 'sent holiday office schedule', methodText: 'e-mail' },
  { text: 'zoe a. phone confirmed', ids: [8], method: 'phone', body: 'confirmed', who: 'zoe a' },
  // Two-word and hyphenated surnames, apostrophes.
  { text: 'juan de la cruz phone no answer', ids: [9], method: 'phone', attempt: true, body: '', problems: ['no-body'], methodText: 'phone no answer' },
  { text: 'juan de la cruz phone no answer left voicemail re: job fair', ids: [9], method: 'phone', attempt: true, body: 'left voicemail re: job fair' },
  { text: 'de la cruz attempt phone tried cell and home numbers', ids: [9], method: 'phone', attempt: true, body: 'tried cell and home numbers', methodText: 'attempt phone' },
  { text: 'ana garcia-lopez in-person wed brought pay stubs', ids: [10], method: 'face_to_face', date: '2026-01-07', body: 'brought pay stubs' },
  { text: 'Ana García López mail sent WIOA eligibility letter', ids: [10], method: 'mail', body: 'sent WIOA eligibility letter' },
  { text: 'lopez ana g face to face resume workshop', ids: [10], method: 'face_to_face', body: 'resume workshop', methodText: 'face to face' },
  { text: "O'Brien phone confirmed start date", ids: [19], method: 'phone', body: 'confirmed start date' },
  { text: 'obrien letter mailed W-4 and I-9 copies', ids: [19], method: 'mail', body: 'mailed W-4 and I-9 copies' },
  // Shared surnames.
  { text: 'rahimi phone discussed housing referral', ids: [12, 13], method: 'phone', body: 'discussed housing referral', problems: ['ambiguous-participant'] },
  { text: 'ahmad rahimi phone discussed housing referral', ids: [12], method: 'phone', body: 'discussed housing referral' },
  // Keywords that are prefixes of a name word do not join <who>.
  { text: 'callie call returned my call about OJT', ids: [16], method: 'phone', body: 'returned my call about OJT' },
  { text: 'brooks call confirmed OJT start', ids: [16], method: 'phone', body: 'confirmed OJT start' },
  { text: 'moreno in person signed IEP', ids: [17], method: 'face_to_face', body: 'signed IEP' },
  { text: 'ines in person today signed IEP', ids: [17], method: 'face_to_face', date: TODAY, body: 'signed IEP' },
  { text: 'torres no answer', ids: [18], method: 'phone', attempt: true, body: '', problems: ['no-body'], methodText: 'no answer' },
  { text: 'noemi text no answer sent two texts, no reply', ids: [18], method: 'text', attempt: true, body: 'sent two texts, no reply' },
  // vm / voicemail are body text, not keywords.
  { text: 'liam vm left message asking to call back', ids: [19], method: null, body: 'vm left message asking to call back', problems: ['no-method'] },
  // MIS ids.
  { text: 'WI-4471902 phone yesterday verified selective service', ids: [1], method: 'phone', date: '2026-01-13', body: 'verified selective service', who: 'WI-4471902' },
  { text: 'wi-4471903 f2f signed ROI', ids: [2], method: 'face_to_face', body: 'signed ROI' },
  { text: '#WI-6021348 email sent transcript request', ids: [6], method: 'email', body: 'sent transcript request' },
  // Unknown, missing parts.
  { text: 'bob phone called about training', ids: [], method: null, body: 'bob phone called about training', problems: ['no-participant', 'no-method'], who: '', methodText: null },
  { text: 'phone yesterday called about training', ids: [], method: 'phone', date: '2026-01-13', body: 'called about training', problems: ['no-participant'] },
  { text: 'maria g confirmed CASAS appt', ids: [1], method: null, body: 'confirmed CASAS appt', problems: ['no-method'] },
  { text: 'maria g yesterday confirmed appt', ids: [1], method: null, date: '2026-01-13', body: 'confirmed appt', problems: ['no-method'] },
  { text: 'maria g yesterday phone confirmed appt', ids: [1], method: null, date: '2026-01-13', body: 'phone confirmed appt', problems: ['no-method'] },
  { text: 'maria g phone', ids: [1], method: 'phone', body: '', problems: ['no-body'] },
  { text: '', ids: [], method: null, body: '', problems: ['no-participant', 'no-method', 'no-body'], who: '' },
  // Dates (today is Wednesday 2026-01-14).
  { text: 'maria g phone 2026-01-20 scheduled follow up', ids: [1], method: 'phone', date: '2026-01-20', body: 'scheduled follow up', problems: ['future-date'] },
  { text: 'maria g phone 1/20/2026 scheduled follow up', ids: [1], method: 'phone', date: '2026-01-20', body: 'scheduled follow up', problems: ['future-date'] },
  { text: 'maria g phone 1/10/26 verified employment', ids: [1], method: 'phone', date: '2026-01-10', body: 'verified employment' },
  { text: 'maria g phone 2026-01-14 verified employment', ids: [1], method: 'phone', date: TODAY, body: 'verified employment' },
  { text: 'maria g phone 1/15 reviewed pay stub', ids: [1], method: 'phone', date: '2025-01-15', body: 'reviewed pay stub' },
  { text: 'maria g phone 1/14 reviewed pay stub', ids: [1], method: 'phone', date: TODAY, body: 'reviewed pay stub' },
  { text: 'maria g phone 11/20 reviewed pay stub', ids: [1], method: 'phone', date: '2025-11-20', body: 'reviewed pay stub' },
  { text: 'maria g phone 2/30 reviewed pay stub', ids: [1], method: 'phone', date: TODAY, body: '2/30 reviewed pay stub', dateText: null },
  { text: 'maria g phone wednesday reviewed pay stub', ids: [1], method: 'phone', date: '2026-01-07', body: 'reviewed pay stub' },
  { text: 'maria g phone tues reviewed pay stub', ids: [1], method: 'phone', date: '2026-01-13', body: 'reviewed pay stub' },
  { text: 'maria g phone Sunday reviewed pay stub', ids: [1], method: 'phone', date: '2026-01-11', body: 'reviewed pay stub' },
  { text: 'maria g f2f sat down with her to complete the application', ids: [1], method: 'face_to_face', date: TODAY, body: 'sat down with her to complete the application' },
  { text: 'maria g phone no answer 12/3 left message', ids: [1], method: 'phone', attempt: true, date: '2025-12-03', body: 'left message' },
  // Separators and punctuation around the parts.
  { text: 'maria g - phone - yesterday - confirmed', ids: [1], method: 'phone', date: '2026-01-13', body: 'confirmed', who: 'maria g', methodText: 'phone', dateText: 'yesterday' },
  { text: 'maria g, phone, yesterday: Confirmed appt', ids: [1], method: 'phone', date: '2026-01-13', body: 'Confirmed appt', who: 'maria g', methodText: 'phone', dateText: 'yesterday' },
];

describe('parseQuickEntry: real-looking one-liners (Wednesday 2026-01-14, America/Chicago)', () => {
  it('has at least 40 rows', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(ROWS)('$text', (row) => {
    const result = parse(row.text);
    expect(result.participants.map((p) => p.id)).toEqual(row.ids);
    expect(result.method).toBe(row.method);
    expect(result.attempt).toBe(row.attempt ?? false);
    expect(result.interactionDate).toBe(row.date ?? TODAY);
    expect(result.body).toBe(row.body);
    expect(result.problems).toEqual(row.problems ?? []);
    if (row.who !== undefined) expect(result.whoText).toBe(row.who);
    if (row.methodText !== undefined) expect(result.methodText).toBe(row.methodText);
    if (row.dateText !== undefined) expect(result.dateText).toBe(row.dateText);
  });

  it('returns the candidate objects themselves, in the caseload order', () => {
    const result = parse('maria phone x');
    expect(result.participants[0]).toBe(CASELOAD[0]);
    expect(result.participants).toEqual([CASELOAD[0], CASELOAD[1], CASELOAD[5]]);
  });

  it('prefers whole-word matches only when that narrows: "maria" alone is Maria Lopez when she is the only whole-word Maria', () => {
    const two = [person(1, 'Maria Lopez'), person(2, 'Mariam Khan')];
    expect(parse('maria phone x', NOW, TZ, two).participants.map((p) => p.id)).toEqual([1]);
    expect(parse('mariam phone x', NOW, TZ, two).participants.map((p) => p.id)).toEqual([2]);
    expect(parse('mari phone x', NOW, TZ, two).participants.map((p) => p.id)).toEqual([1, 2]);
    // "maria g": María González has one whole word, Mariam Garcia none.
    const gs = [person(1, 'María González'), person(2, 'Mariam Garcia')];
    expect(parse('maria g phone x', NOW, TZ, gs).participants.map((p) => p.id)).toEqual([1]);
  });

  it('does not let a name word be used twice', () => {
    // "ana ana" needs two words starting with "ana"; only Ana Anaya has them.
    const caseload = [person(1, 'Ana Lopez'), person(2, 'Ana Anaya')];
    expect(parse('ana ana phone x', NOW, TZ, caseload).participants.map((p) => p.id)).toEqual([2]);
  });

  it('a keyword equal to a whole name word can still be part of <who>', () => {
    const caseload = [person(1, 'Grace Mon'), person(2, 'Grace Kim')];
    const result = parse('grace mon phone called', NOW, TZ, caseload);
    expect(result.participants.map((p) => p.id)).toEqual([1]);
    expect(result.dateText).toBeNull();
    expect(result.interactionDate).toBe(TODAY);
    expect(result.body).toBe('called');
  });

  it('an MIS id is the whole <who> and beats names', () => {
    const caseload = [person(1, 'Wi Chen', null, 'WI-1'), person(2, 'Lee Wi', null, 'wi')];
    const result = parse('wi phone called', NOW, TZ, caseload);
    expect(result.participants.map((p) => p.id)).toEqual([2]);
    expect(result.whoText).toBe('wi');
  });

  it('works against a caseload of 150', () => {
    const firsts = ['Aaliyah', 'Brandon', 'Chloe', 'Dmitri', 'Esther', 'Farid', 'Gloria', 'Hector', 'Imani', 'Kwame'];
    const lasts = ['Whitfield', 'Yusuf', 'Kowalski', 'Osei', 'Petrov', 'Haddad', 'Sandoval', 'Tembo', 'Vang', 'Bui', 'Ortiz', 'Abdi', 'Kaya'];
    const big: QuickEntryCandidate[] = [...CASELOAD];
    for (let i = 0; big.length < 150; i += 1) {
      big.push(person(1000 + i, `${firsts[i % firsts.length]} ${lasts[Math.floor(i / firsts.length) % lasts.length]}`, null, `WI-9${String(i).padStart(6, '0')}`));
    }
    expect(big).toHaveLength(150);
    for (const row of ROWS.slice(0, 20)) {
      expect(parse(row.text, NOW, TZ, big).participants.map((p) => p.id), row.text).toEqual(row.ids);
    }
    expect(parse('dmitri v phone x', NOW, TZ, big).participants.map((p) => p.fullName)).toEqual(['Dmitri Vang']);
    expect(parse('wi-9000007 phone x', NOW, TZ, big).participants.map((p) => p.id)).toEqual([1007]);
  });
});

describe('parseQuickEntry: time zones, DST, month and year ends', () => {
  const cases: Array<{ label: string; now: string; tz: string; word: string; date: string; future?: boolean }> = [
    // America/Chicago springs forward 2026-03-08 02:00 (a Sunday).
    { label: 'Chicago, 23:30 CDT on DST day', now: '2026-03-09T04:30:00Z', tz: 'America/Chicago', word: 'today', date: '2026-03-08' },
    { label: 'Chicago, yesterday on DST day', now: '2026-03-09T04:30:00Z', tz: 'America/Chicago', word: 'yesterday', date: '2026-03-07' },
    { label: 'Chicago, sunday on a Sunday is a week ago', now: '2026-03-09T04:30:00Z', tz: 'America/Chicago', word: 'sunday', date: '2026-03-01' },
    { label: 'Chicago, saturday on DST Sunday', now: '2026-03-09T04:30:00Z', tz: 'America/Chicago', word: 'saturday', date: '2026-03-07' },
    { label: 'Chicago, 23:30 CST the night before DST', now: '2026-03-08T05:30:00Z', tz: 'America/Chicago', word: 'today', date: '2026-03-07' },
    { label: 'Chicago, fri the night before DST', now: '2026-03-08T05:30:00Z', tz: 'America/Chicago', word: 'fri', date: '2026-03-06' },
    // America/Chicago falls back 2026-11-01 02:00 (a Sunday).
    { label: 'Chicago, 23:30 CST on fall-back day', now: '2026-11-02T05:30:00Z', tz: 'America/Chicago', word: 'today', date: '2026-11-01' },
    { label: 'Chicago, yesterday on fall-back day', now: '2026-11-02T05:30:00Z', tz: 'America/Chicago', word: 'yesterday', date: '2026-10-31' },
    { label: 'Chicago, sunday on fall-back Sunday', now: '2026-11-02T05:30:00Z', tz: 'America/Chicago', word: 'sunday', date: '2026-10-25' },
    { label: 'Chicago, monday on fall-back Sunday', now: '2026-11-02T05:30:00Z', tz: 'America/Chicago', word: 'monday', date: '2026-10-26' },
    { label: 'Chicago, first 01:30 (CDT)', now: '2026-11-01T06:30:00Z', tz: 'America/Chicago', word: 'today', date: '2026-11-01' },
    { label: 'Chicago, second 01:30 (CST)', now: '2026-11-01T07:30:00Z', tz: 'America/Chicago', word: 'today', date: '2026-11-01' },
    { label: 'Chicago, 23:59 CDT Oct 31', now: '2026-11-01T04:59:00Z', tz: 'America/Chicago', word: 'today', date: '2026-10-31' },
    { label: 'Chicago, 11/1 typed at 23:30 on Nov 1', now: '2026-11-02T05:30:00Z', tz: 'America/Chicago', word: '11/1', date: '2026-11-01' },
    // America/New_York, both sides of midnight around DST.
    { label: 'New York, 23:59 EST Mar 7', now: '2026-03-08T04:59:00Z', tz: 'America/New_York', word: 'today', date: '2026-03-07' },
    { label: 'New York, 00:00 EST Mar 8', now: '2026-03-08T05:00:00Z', tz: 'America/New_York', word: 'today', date: '2026-03-08' },
    { label: 'New York, 23:59 EDT Mar 8', now: '2026-03-09T03:59:00Z', tz: 'America/New_York', word: 'today', date: '2026-03-08' },
    { label: 'New York, 00:00 EDT Mar 9', now: '2026-03-09T04:00:00Z', tz: 'America/New_York', word: 'yesterday', date: '2026-03-08' },
    { label: 'New York, ISO tomorrow is future', now: '2026-03-09T03:59:00Z', tz: 'America/New_York', word: '2026-03-09', date: '2026-03-09', future: true },
    // Month ends and leap days.
    { label: 'Mar 1 2026, yesterday is Feb 28', now: '2026-03-01T15:00:00Z', tz: 'America/Chicago', word: 'yesterday', date: '2026-02-28' },
    { label: 'Mar 1 2028, yesterday is Feb 29', now: '2028-03-01T15:00:00Z', tz: 'America/Chicago', word: 'yesterday', date: '2028-02-29' },
    { label: 'Mar 1 2028, 2/29 is this year', now: '2028-03-01T15:00:00Z', tz: 'America/Chicago', word: '2/29', date: '2028-02-29' },
    { label: 'Mar 1 2027, 2/29 is the last leap day', now: '2027-03-01T15:00:00Z', tz: 'America/Chicago', word: '2/29', date: '2024-02-29' },
    { label: 'Mar 1 2028, ISO leap day', now: '2028-03-01T15:00:00Z', tz: 'America/Chicago', word: '2028-02-29', date: '2028-02-29' },
    { label: 'May 1, yesterday is Apr 30', now: '2026-05-01T15:00:00Z', tz: 'America/Chicago', word: 'yesterday', date: '2026-04-30' },
    { label: 'Apr 30, 4/30 is today', now: '2026-04-30T15:00:00Z', tz: 'America/Chicago', word: '4/30', date: '2026-04-30' },
    { label: 'Apr 30, 5/1 is last year', now: '2026-04-30T15:00:00Z', tz: 'America/Chicago', word: '5/1', date: '2025-05-01' },
    // Year boundary.
    { label: 'Jan 1, yesterday is Dec 31', now: '2026-01-01T15:00:00Z', tz: 'America/Chicago', word: 'yesterday', date: '2025-12-31' },
    { label: 'Jan 1, 12/31 is last year', now: '2026-01-01T15:00:00Z', tz: 'America/Chicago', word: '12/31', date: '2025-12-31' },
    { label: 'Jan 1 (Thursday), wed is Dec 31', now: '2026-01-01T15:00:00Z', tz: 'America/Chicago', word: 'wed', date: '2025-12-31' },
    { label: 'Jan 1 (Thursday), thursday is Christmas', now: '2026-01-01T15:00:00Z', tz: 'America/Chicago', word: 'thursday', date: '2025-12-25' },
    { label: 'Jan 1, 1/1 is today', now: '2026-01-01T15:00:00Z', tz: 'America/Chicago', word: '1/1', date: '2026-01-01' },
    { label: 'Jan 1, 1/2 is a year ago', now: '2026-01-01T15:00:00Z', tz: 'America/Chicago', word: '1/2', date: '2025-01-02' },
    { label: 'Jan 5, 12/31 is last year', now: '2026-01-05T15:00:00Z', tz: 'America/Chicago', word: '12/31', date: '2025-12-31' },
    { label: 'Dec 31 21:00 Chicago (UTC already Jan 1), today', now: '2026-01-01T03:00:00Z', tz: 'America/Chicago', word: 'today', date: '2025-12-31' },
    { label: 'Dec 31 21:00 Chicago, 1/1 is the last Jan 1', now: '2026-01-01T03:00:00Z', tz: 'America/Chicago', word: '1/1', date: '2025-01-01' },
    { label: 'Dec 31 21:00 Chicago, ISO Jan 1 is future', now: '2026-01-01T03:00:00Z', tz: 'America/Chicago', word: '2026-01-01', date: '2026-01-01', future: true },
    { label: 'Dec 31 21:00 Chicago, 1/1/26 is future', now: '2026-01-01T03:00:00Z', tz: 'America/Chicago', word: '1/1/26', date: '2026-01-01', future: true },
    // Honolulu: UTC is already tomorrow.
    { label: 'Honolulu 22:00, today', now: '2026-01-15T08:00:00Z', tz: 'Pacific/Honolulu', word: 'today', date: '2026-01-14' },
    { label: 'Honolulu 22:00, yesterday', now: '2026-01-15T08:00:00Z', tz: 'Pacific/Honolulu', word: 'yesterday', date: '2026-01-13' },
    { label: 'Honolulu 22:00, UTC date is future', now: '2026-01-15T08:00:00Z', tz: 'Pacific/Honolulu', word: '2026-01-15', date: '2026-01-15', future: true },
    { label: 'Honolulu 22:00, 1/15 is last year', now: '2026-01-15T08:00:00Z', tz: 'Pacific/Honolulu', word: '1/15', date: '2025-01-15' },
    // Kiritimati (UTC+14): local is already tomorrow.
    { label: 'Kiritimati 02:00 Jan 15, today', now: '2026-01-14T12:00:00Z', tz: 'Pacific/Kiritimati', word: 'today', date: '2026-01-15' },
    { label: 'Kiritimati, Jan 15 ISO is not future', now: '2026-01-14T12:00:00Z', tz: 'Pacific/Kiritimati', word: '2026-01-15', date: '2026-01-15' },
    { label: 'Kiritimati Thursday, thu is a week ago', now: '2026-01-14T12:00:00Z', tz: 'Pacific/Kiritimati', word: 'thu', date: '2026-01-08' },
  ];

  it.each(cases)('$label: "$word" → $date', ({ now, tz, word, date, future }) => {
    const result = parse(`maria g phone ${word} confirmed appt for 12/3`, new Date(now), tz);
    expect(result.participants.map((p) => p.id)).toEqual([1]);
    expect(result.interactionDate).toBe(date);
    expect(result.dateText).toBe(word);
    expect(result.body).toBe('confirmed appt for 12/3');
    expect(result.problems).toEqual(future ? ['future-date'] : []);
  });

  it('impossible dates are not date words: they stay in the body', () => {
    for (const word of ['2/30', '13/1', '0/5', '2/29/2027', '2027-02-29', '2026-13-01', '12/3/202']) {
      const result = parse(`maria g phone ${word} x`, new Date('2027-03-01T15:00:00Z'));
      expect(result.dateText, word).toBeNull();
      expect(result.interactionDate, word).toBe('2027-03-01');
      expect(result.body, word).toBe(`${word} x`);
    }
  });

  it('parseDateWord never gives a date after today unless a year was written', () => {
    const words = ['today', 'yesterday', 'mon', 'tues', 'wed', 'thurs', 'fri', 'saturday', 'sunday', '1/1', '12/31', '2/29', '6/15'];
    for (let day = 0; day < 800; day += 7) {
      const today = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      for (const word of words) {
        const result = parseDateWord(word, today);
        expect(result, `${word} on ${today}`).not.toBeNull();
        expect(result!.future).toBe(false);
        expect(result!.date <= today, `${word} on ${today} gave ${result!.date}`).toBe(true);
        if (!/\d/.test(word) && word !== 'today') expect(result!.date < today).toBe(true);
      }
    }
  });

  it('rejects a zone that is not IANA and an invalid clock', () => {
    expect(() => parseQuickEntry({ text: 'x', candidates: CASELOAD, now: NOW, timeZone: 'Central' })).toThrow(RangeError);
    expect(() => parseQuickEntry({ text: 'x', candidates: CASELOAD, now: new Date('nope'), timeZone: TZ })).toThrow(RangeError);
  });
});

describe('parseQuickEntry does not depend on the process time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('gives the same answers whatever TZ the process runs in', () => {
    const samples = [
      ['maria g phone today x', '2026-01-15T08:00:00Z', 'Pacific/Honolulu'],
      ['maria g phone yesterday x', '2026-03-09T04:30:00Z', 'America/Chicago'],
      ['maria g phone 12/31 x', '2026-01-01T03:00:00Z', 'America/Chicago'],
      ['maria g phone sunday x', '2026-11-02T05:30:00Z', 'America/Chicago'],
      ['maria g phone 2026-01-15 x', '2026-01-14T12:00:00Z', 'Pacific/Kiritimati'],
    ] as const;
    const run = () => samples.map(([text, now, tz]) => parse(text, new Date(now), tz));
    const answers = [];
    for (const zone of ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Chicago']) {
      process.env.TZ = zone; // Node re-reads TZ when it is assigned
      answers.push(run());
    }
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]!.map((a) => a.interactionDate)).toEqual(['2026-01-14', '2026-03-07', '2025-12-31', '2026-10-25', '2026-01-15']);
  });

  it('the source calls no API that reads the local zone', () => {
    const source = readFileSync(new URL('../../src/domain/quick-entry.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/new Date\(\s*\d|new Date\(\s*\w+\s*,/);
    expect(source).not.toMatch(/\.(get|set)(FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds)\(|getTimezoneOffset|toLocale|Date\.parse|new Date\(\)|Date\.now/);
  });
});

describe('parseQuickEntry: properties', () => {
  /** Deterministic pseudo-random numbers (LCG), so failures reproduce. */
  function rng(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
      return state / 2 ** 32;
    };
  }
  const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  const WHO: ReadonlyArray<[string, number]> = [
    ['maria g', 1], ['María González', 1], ['gonzalez', 1], ['WI-4471902', 1], ['maria lopez', 2], ['mariam', 3],
    ['jose r', 4], ['montoya', 5], ['majo', 6], ['NGUYEN', 7], ['zoe', 8], ['de la cruz', 9], ['ana g', 10],
    ['Đặng', 11], ['tuan', 11], ['ahmad', 12], ['mohammad rahimi', 13], ['sam', 14], ['samantha', 15],
    ['callie', 16], ['inés', 17], ['noemi t', 18], ["o'brien", 19],
  ];
  const METHODS: ReadonlyArray<[string, NoteMethod, boolean]> = [
    ['phone', 'phone', false], ['call', 'phone', false], ['F2F', 'face_to_face', false], ['in person', 'face_to_face', false],
    ['face to face', 'face_to_face', false], ['email', 'email', false], ['e-mail', 'email', false], ['text', 'text', false],
    ['sms', 'text', false], ['video', 'video', false], ['zoom', 'video', false], ['mail', 'mail', false], ['letter', 'mail', false],
    ['attempt', 'phone', true], ['no answer', 'phone', true], ['phone no answer', 'phone', true], ['attempt text', 'text', true],
  ];
  const DATES: ReadonlyArray<[string, string]> = [
    ['', TODAY], ['today', TODAY], ['yesterday', '2026-01-13'], ['mon', '2026-01-12'], ['Friday', '2026-01-09'],
    ['12/31', '2025-12-31'], ['1/2/2026', '2026-01-02'], ['2026-01-05', '2026-01-05'],
  ];
  const BODIES = [
    'confirmed CASAS appt for 12/3, will bring ID',
    'yesterday she said phone was off',
    'Text  from   employer: START DATE 1/20',
    'no answer at 2pm — will try again Monday',
    '  leading spaces kept',
    'sat in on the orientation',
    'mail returned, address 2026-01-05 invalid',
  ];

  const SAFE_BODIES = [BODIES[0]!, BODIES[4]!, BODIES[5]!, 'Completed intake; brought SS card and I-9 docs'];

  it('recovers who, method, date and an untouched body from generated one-liners', () => {
    const random = rng(20260114);
    for (let i = 0; i < 400; i += 1) {
      const [who, id] = pick(random, WHO);
      const [methodWord, method, attempt] = pick(random, METHODS);
      const [dateWord, date] = pick(random, DATES);
      // A body that starts with a keyword is only unambiguous once a date word ends the prefix.
      const body = dateWord === '' ? pick(random, SAFE_BODIES) : pick(random, BODIES);
      const gap = () => pick(random, [' ', '  ', '\t']);
      const head = [who, methodWord, dateWord].filter((part) => part !== '').join(gap());
      const text = `${head} ${body}`;
      const result = parse(text);
      const label = JSON.stringify(text);
      expect(result.participants.map((p) => p.id), label).toEqual([id]);
      expect(result.method, label).toBe(method);
      expect(result.attempt, label).toBe(attempt);
      expect(result.interactionDate, label).toBe(date);
      expect(result.body, label).toBe(body.trimStart());
      expect(result.problems, label).toEqual([]);
    }
  });

  it('the body is always a suffix of the text, after who, method and date in that order', () => {
    const random = rng(7);
    const words = ['maria', 'g', 'phone', 'no', 'answer', 'yesterday', '12/31', 'zoe', '-', 'de', 'la', 'x', 'Today', 'call', 'jose', 'mon', ',', 'WI-4471902'];
    const texts = ROWS.map((row) => row.text);
    for (let i = 0; i < 300; i += 1) {
      const count = Math.floor(random() * 8);
      texts.push(Array.from({ length: count }, () => pick(random, words)).join(pick(random, [' ', '  '])));
    }
    for (const text of texts) {
      const result = parse(text);
      expect(text.endsWith(result.body), text).toBe(true);
      let cursor = 0;
      for (const part of [result.whoText, result.methodText, result.dateText]) {
        if (!part) continue;
        const found = text.indexOf(part, cursor);
        expect(found, `${text}: ${part}`).toBeGreaterThanOrEqual(0);
        cursor = found + part.length;
      }
      expect(cursor).toBeLessThanOrEqual(text.length - result.body.length);
      expect(result.problems.includes('no-body')).toBe(result.body.trim() === '');
      expect(result.problems.includes('no-participant')).toBe(result.participants.length === 0);
      expect(result.problems.includes('ambiguous-participant')).toBe(result.participants.length > 1);
      expect(result.whoText === '').toBe(result.participants.length === 0);
    }
  });
});

describe('vocabulary', () => {
  it('methods are the contact methods of the profiles', () => {
    const methods = new Set(METHOD_PHRASES.map((p) => p.value));
    expect([...methods].sort()).toEqual([...CONTACT_METHODS].sort());
  });

  it('voicemail, office and past-tense verbs are not keywords', () => {
    const all = [...METHOD_PHRASES, ...ATTEMPT_PHRASES].map((p) => p.words.join(' '));
    for (const word of ['vm', 'voicemail', 'left vm', 'office', 'called', 'texted', 'emailed', 'sat', 'sun']) {
      expect(all).not.toContain(word);
    }
    expect(parseDateWord('sat', TODAY)).toBeNull();
    expect(parseDateWord('sun', TODAY)).toBeNull();
  });

  it('name words fold accents, special letters, apostrophes and hyphens', () => {
    expect(nameWords('Nguyễn Thị Lan')).toEqual(['nguyen', 'thi', 'lan']);
    expect(nameWords('Đặng Minh Tuấn')).toEqual(['dang', 'minh', 'tuan']);
    expect(nameWords('Zoë Adeyemi')).toEqual(['zoe', 'adeyemi']);
    expect(nameWords("Liam O'Brien")).toEqual(['liam', 'obrien']);
    expect(nameWords('Ana García-López')).toEqual(['ana', 'garcia', 'lopez']);
    expect(nameWords('Juan De la Cruz')).toEqual(['juan', 'de', 'la', 'cruz']);
    expect(nameWords('Søren Łukasz')).toEqual(['soren', 'lukasz']);
  });
});
