import { describe, expect, it } from 'vitest';
import { decideAccess, mustAudit, visibilityScope, type AccessAction, type Actor, type ParticipantAccessFacts } from '../../src/domain/access';

// Team A: supervisor SA leads workers W1 and W2. Team B: supervisor SB leads W3.
// The participant is assigned to W1 (primary).
const facts: ParticipantAccessFacts = { assignments: [{ staffId: 'W1', supervisorId: 'SA' }] };
const actor = (staffId: string, role: Actor['role'] = 'case_manager', extra: Partial<Actor> = {}): Actor => ({
  staffId,
  role,
  active: true,
  membership: 'full',
  ...extra,
});

const people: Record<string, Actor | null> = {
  'assigned worker': actor('W1'),
  'other worker on the same team': actor('W2'),
  'supervisor of the team': actor('SA', 'supervisor'),
  'supervisor of another team': actor('SB', 'supervisor'),
  admin: actor('AD', 'admin'),
  guest: actor('G1', 'case_manager', { membership: 'guest' }),
  'Slack Connect user from another organization': actor('X1', 'case_manager', { membership: 'external' }),
  'deactivated assigned worker': actor('W1', 'case_manager', { active: false }),
  'deactivated admin': actor('AD', 'admin', { active: false }),
  'unknown person': null,
};

const expected: Record<string, Record<AccessAction, boolean>> = {
  'assigned worker': { read: true, write: true, reassign: false },
  'other worker on the same team': { read: false, write: false, reassign: false },
  'supervisor of the team': { read: true, write: true, reassign: true },
  'supervisor of another team': { read: false, write: false, reassign: false },
  admin: { read: true, write: true, reassign: true },
  guest: { read: false, write: false, reassign: false },
  'Slack Connect user from another organization': { read: false, write: false, reassign: false },
  'deactivated assigned worker': { read: false, write: false, reassign: false },
  'deactivated admin': { read: false, write: false, reassign: false },
  'unknown person': { read: false, write: false, reassign: false },
};

describe('who may see or change a participant’s file', () => {
  for (const [who, person] of Object.entries(people)) {
    for (const action of ['read', 'write', 'reassign'] as const) {
      const allowed = expected[who]![action];
      it(`${who} ${allowed ? 'may' : 'may not'} ${action}`, () => {
        expect(decideAccess(person, facts, action).allowed).toBe(allowed);
      });
    }
  }

  it('a co-enrolled participant is visible to the worker of each program and to both supervisors', () => {
    const coEnrolled: ParticipantAccessFacts = {
      assignments: [
        { staffId: 'W1', supervisorId: 'SA' },
        { staffId: 'W3', supervisorId: 'SB' },
      ],
    };
    expect(decideAccess(actor('W3'), coEnrolled, 'write').allowed).toBe(true);
    expect(decideAccess(actor('SB', 'supervisor'), coEnrolled, 'reassign').allowed).toBe(true);
    expect(decideAccess(actor('W2'), coEnrolled, 'read').allowed).toBe(false);
  });

  it('a case manager who also holds the supervisor role still sees their own participants', () => {
    const own: ParticipantAccessFacts = { assignments: [{ staffId: 'SA', supervisorId: null }] };
    expect(decideAccess(actor('SA', 'supervisor'), own, 'read')).toEqual({ allowed: true, basis: 'assigned' });
  });

  it('reads by anyone not assigned are audited, reads by the assigned worker are not, every write is', () => {
    expect(mustAudit(decideAccess(actor('W1'), facts, 'read'), 'read')).toBe(false);
    expect(mustAudit(decideAccess(actor('SA', 'supervisor'), facts, 'read'), 'read')).toBe(true);
    expect(mustAudit(decideAccess(actor('AD', 'admin'), facts, 'read'), 'read')).toBe(true);
    expect(mustAudit(decideAccess(actor('W1'), facts, 'write'), 'write')).toBe(true);
    expect(mustAudit(decideAccess(actor('W2'), facts, 'read'), 'read')).toBe(false);
  });

  it('the list scope agrees with the per-record rule', () => {
    expect(visibilityScope(actor('AD', 'admin'), [])).toEqual({ kind: 'all' });
    expect(visibilityScope(actor('SA', 'supervisor'), ['W1', 'W2'])).toEqual({ kind: 'assigned-to', staffIds: ['SA', 'W1', 'W2'] });
    expect(visibilityScope(actor('W2'), ['ignored'])).toEqual({ kind: 'assigned-to', staffIds: ['W2'] });
    expect(visibilityScope(actor('G1', 'case_manager', { membership: 'guest' }), [])).toEqual({ kind: 'none' });
    expect(visibilityScope(actor('W1', 'case_manager', { active: false }), [])).toEqual({ kind: 'none' });
  });
});
