import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/db/connection';
import {
  changeParticipantStatus,
  enrollParticipant,
  MisIdTakenError,
  readParticipantCard,
  reassignCaseload,
  reassignParticipant,
  searchParticipants,
  type NewParticipant,
} from '../../src/db/participants';
import { auditLog } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import type { Actor } from '../../src/domain/access';
import { addStaff, tempDatabase } from '../harness/db';
import { caseloadDue, dueContext } from '../../src/due/engine';
import { DEFAULT_PROFILES } from '../../src/domain/profiles';

const NOW = new Date('2026-11-23T15:00:00Z');
const NO_ADMINS = new Set<string>();

function person(overrides: Partial<NewParticipant> = {}): NewParticipant {
  return {
    fullName: 'María González',
    preferredName: 'Mari',
    preferredLanguage: 'Spanish',
    interpreterNeeded: true,
    programs: [{ profileId: 'wioa-adult', enrollmentDate: '2026-11-02' }],
    misId: null,
    phone: null,
    email: null,
    preferredContactMethod: 'phone',
    primaryCaseManagerId: 'W1',
    otherStaffIds: [],
    ...overrides,
  };
}

/** A worker's active caseload, in the order /caseload lists it. */
function caseload(db: Parameters<typeof caseloadDue>[0], workerId: string) {
  return caseloadDue(db, workerId, DEFAULT_PROFILES, dueContext(NOW, 'America/Chicago')).entries;
}

describe('participants on a real SQLite file', () => {
  let t: ReturnType<typeof tempDatabase>;
  let w1: Actor, w2: Actor, sa: Actor, sb: Actor, admin: Actor;

  beforeEach(() => {
    t = tempDatabase();
    addStaff(t.db, 'SA', { role: 'supervisor' });
    addStaff(t.db, 'SB', { role: 'supervisor' });
    addStaff(t.db, 'W1', { supervisorId: 'SA' });
    addStaff(t.db, 'W2', { supervisorId: 'SA' });
    addStaff(t.db, 'W3', { supervisorId: 'SB' });
    addStaff(t.db, 'AD', { role: 'admin' });
    const a = (id: string) => actorFor(getStaff(t.db, id)!, NO_ADMINS);
    [w1, w2, sa, sb, admin] = [a('W1'), a('W2'), a('SA'), a('SB'), a('AD')];
  });
  afterEach(() => t.cleanup());

  it('enrolls with programs, a primary case manager and other assigned staff', () => {
    const id = enrollParticipant(t.db, w1, person({ otherStaffIds: ['W3'], programs: [
      { profileId: 'wioa-adult', enrollmentDate: '2026-11-02' },
      { profileId: 'wagner-peyser', enrollmentDate: '2026-10-15' },
    ] }), NOW);
    const card = readParticipantCard(t.db, w1, id, NOW)!;
    expect(card.participant.statusDate).toBe('2026-10-15');
    expect(card.enrollments.map((e) => e.profileId)).toEqual(['wagner-peyser', 'wioa-adult']);
    expect(card.staff).toEqual([
      { staffId: 'W1', displayName: 'W1', role: 'primary' },
      { staffId: 'W3', displayName: 'W3', role: 'secondary' },
    ]);
    expect(card.may).toEqual({ write: true, reassign: false });
  });

  it('refuses a state MIS id that is already enrolled, and writes nothing', () => {
    enrollParticipant(t.db, w1, person({ misId: 'WI-123' }), NOW);
    expect(() => enrollParticipant(t.db, w2, person({ fullName: 'Someone Else', misId: 'WI-123' }), NOW)).toThrow(MisIdTakenError);
    expect(t.db.$client.prepare('select count(*) n from participants').get()).toEqual({ n: 1 });
  });

  it('finds participants by substring of name, preferred name or MIS id, ignoring case and accents', () => {
    enrollParticipant(t.db, w1, person({ misId: 'WI-778812' }), NOW);
    enrollParticipant(t.db, w1, person({ fullName: 'José Martínez', preferredName: null }), NOW);
    const names = (q: string) => searchParticipants(t.db, w1, q, 10).map((p) => p.fullName);
    expect(names('maria')).toEqual(['María González']);
    expect(names('MARÍ')).toEqual(['María González']);
    expect(names('gonz')).toEqual(['María González']);
    expect(names('778812')).toEqual(['María González']);
    expect(names('jose')).toEqual(['José Martínez']);
    expect(names('tinez')).toEqual(['José Martínez']);
    expect(names('50%')).toEqual([]);
    expect(names('')).toHaveLength(2);
  });

  it('search only ever returns what the person may read', () => {
    enrollParticipant(t.db, w1, person(), NOW);
    enrollParticipant(t.db, w2, person({ fullName: 'Maria Lopez', preferredName: null, primaryCaseManagerId: 'W2' }), NOW);
    enrollParticipant(t.db, admin, person({ fullName: 'Maria Chen', preferredName: null, primaryCaseManagerId: 'W3' }), NOW);
    const seen = (a: Actor) => searchParticipants(t.db, a, 'maria', 10).map((p) => p.fullName).sort();
    expect(seen(w1)).toEqual(['María González']);
    expect(seen(w2)).toEqual(['Maria Lopez']);
    expect(seen(sa)).toEqual(['Maria Lopez', 'María González']);
    expect(seen(sb)).toEqual(['Maria Chen']);
    expect(seen(admin)).toHaveLength(3);
    // The list scope agrees with the per-record rule for every person.
    const all = searchParticipants(t.db, admin, '', 100);
    for (const a of [w1, w2, sa, sb, admin]) {
      const listed = new Set(searchParticipants(t.db, a, '', 100).map((p) => p.id));
      for (const p of all) expect(readParticipantCard(t.db, a, p.id, NOW) !== null).toBe(listed.has(p.id));
    }
  });

  it('a card read by someone not assigned is written to the audit log; the worker’s own reads are not', () => {
    const id = enrollParticipant(t.db, w1, person(), NOW);
    readParticipantCard(t.db, w1, id, NOW);
    readParticipantCard(t.db, sa, id, NOW);
    expect(readParticipantCard(t.db, w2, id, NOW)).toBeNull();
    const rows = t.db.select().from(auditLog).all();
    expect(rows.map((r) => [r.actorId, r.action, r.basis])).toEqual([
      ['W1', 'enroll', 'enrolled'],
      ['SA', 'read', 'supervisor'],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/Mar[ií]a|Gonz/);
  });

  it('lists a worker’s active caseload (most recently enrolled first when nothing is due); closed cases leave it', () => {
    const ids = [1, 2, 3, 4, 5].map((d) =>
      enrollParticipant(t.db, w1, person({ fullName: `Person ${d}`, programs: [{ profileId: 'wioa-adult', enrollmentDate: `2026-11-0${d}` }] }), NOW),
    );
    expect(caseload(t.db, 'W1').map((r) => r.fullName)).toEqual(['Person 5', 'Person 4', 'Person 3', 'Person 2', 'Person 1']);
    expect(changeParticipantStatus(t.db, w1, ids[4]!, { status: 'closed', effectiveDate: '2026-11-20', reason: 'Moved out of state' }, NOW)).toBe('ok');
    expect(caseload(t.db, 'W1')).toHaveLength(4);
    expect(changeParticipantStatus(t.db, w1, ids[4]!, { status: 'closed', effectiveDate: '2026-11-20', reason: 'again' }, NOW)).toBe('unchanged');
    expect(changeParticipantStatus(t.db, w1, ids[4]!, { status: 'active', effectiveDate: '2026-11-22', reason: 'Returned' }, NOW)).toBe('ok');
    const card = readParticipantCard(t.db, w1, ids[4]!, NOW)!;
    expect(card.participant.status).toBe('active');
    expect(card.latestStatusChange).toEqual({ status: 'active', effectiveDate: '2026-11-22', reason: 'Returned' });
  });

  it('only the team’s supervisor or an admin can reassign; another worker is told "not found"', () => {
    const id = enrollParticipant(t.db, w1, person(), NOW);
    expect(reassignParticipant(t.db, w1, id, 'W2', NOW)).toBe('not-found');
    expect(reassignParticipant(t.db, sb, id, 'W2', NOW)).toBe('not-found');
    expect(changeParticipantStatus(t.db, w2, id, { status: 'closed', effectiveDate: '2026-11-20', reason: 'x' }, NOW)).toBe('not-found');
    expect(reassignParticipant(t.db, sa, id, 'W2', NOW)).toBe('ok');
    expect(readParticipantCard(t.db, w1, id, NOW)).toBeNull();
    expect(readParticipantCard(t.db, w2, id, NOW)!.staff).toEqual([{ staffId: 'W2', displayName: 'W2', role: 'primary' }]);
  });

  it('reassigns a whole caseload when a worker leaves, keeping other assignments', () => {
    enrollParticipant(t.db, w1, person({ fullName: 'A One' }), NOW);
    enrollParticipant(t.db, w1, person({ fullName: 'B Two', otherStaffIds: ['W2'] }), NOW);
    enrollParticipant(t.db, w2, person({ fullName: 'C Three', primaryCaseManagerId: 'W2' }), NOW);
    expect(reassignCaseload(t.db, sb, 'W1', 'W2', NOW)).toBe(0);
    expect(reassignCaseload(t.db, sa, 'W1', 'W2', NOW)).toBe(2);
    expect(caseload(t.db, 'W2').map((r) => [r.fullName, r.role]).sort()).toEqual([
      ['A One', 'primary'],
      ['B Two', 'primary'],
      ['C Three', 'primary'],
    ]);
    expect(caseload(t.db, 'W1')).toHaveLength(0);
  });

  it('a deactivated worker sees nothing, even their own caseload’s files', () => {
    const id = enrollParticipant(t.db, w1, person(), NOW);
    const inactive = { ...w1, active: false };
    expect(readParticipantCard(t.db, inactive, id, NOW)).toBeNull();
    expect(searchParticipants(t.db, inactive, '', 10)).toEqual([]);
  });

  it('data survives closing and reopening the same file', () => {
    const id = enrollParticipant(t.db, w1, person({ misId: 'WI-9' }), NOW);
    const db = t.reopen();
    expect(readParticipantCard(db, w1, id, NOW)!.participant.misId).toBe('WI-9');
  });

  it('an online backup opens as a database holding the data', async () => {
    enrollParticipant(t.db, w1, person(), NOW);
    const target = join(t.dir, 'backups', 'copy.db');
    await backupDatabase(t.db, target);
    const copy = new Database(target, { readonly: true });
    expect(copy.prepare('select full_name from participants').all()).toEqual([{ full_name: 'María González' }]);
    copy.close();
  });
});
