// "Release expiring" due items (issue 6): a valid release expiring within 30 days shows until it
// is renewed, judged on the viewer's own calendar day.
import { describe, expect, it } from 'vitest';
import type { DueParticipant } from '../../src/domain/due';
import { DEFAULT_PROFILES, strictestProfile } from '../../src/domain/profiles';
import type { ReleaseFacts } from '../../src/domain/release-gate';
import type { ExpiringRelease } from '../../src/db/releases';
import { dueContext } from '../../src/due/engine';
import { releaseExpiring } from '../../src/due/rules/release-expiring';

const CHICAGO = 'America/Chicago';
const GOODWILL = 7;
const maria: DueParticipant = { id: 1, enrolledOn: '2026-01-05', rules: strictestProfile([DEFAULT_PROFILES['wioa-adult']]) };

function expiring(over: Partial<ExpiringRelease> = {}): ExpiringRelease {
  return {
    id: 40,
    participantId: 1,
    partnerId: GOODWILL,
    partnerName: 'Goodwill Industries',
    signedDate: '2025-12-23',
    expiryDate: '2026-12-23',
    revokedDate: null,
    scopes: ['contact_details', 'employment_plan'],
    later: [],
    ...over,
  };
}

function itemsAt(loaded: ExpiringRelease[], at: string, people: DueParticipant[] = [maria]) {
  return releaseExpiring.evaluate(loaded, people, dueContext(new Date(at), CHICAGO));
}

describe('release expiring', () => {
  it('a release valid through Dec 23 is due soon from Nov 23 (30 days before), with the partner and what it shares', () => {
    expect(itemsAt([expiring()], '2026-11-23T18:00:00Z')).toEqual([
      {
        key: 'release-expiring:1:release-40:2026-12-23',
        ruleId: 'release-expiring',
        participantId: 1,
        dueDate: '2026-12-23',
        severity: 'due_soon',
        title: 'Release for Goodwill Industries expires Dec 23, 2026',
        detail: 'Signed Dec 23, 2025 · contact details, employment plan',
        policy: releaseExpiring.policy,
        clearingAction: 'open_card',
        compliance: false,
      },
    ]);
  });

  it('is not shown 31 days before', () => {
    expect(itemsAt([expiring()], '2026-11-22T18:00:00Z')).toEqual([]);
  });

  it('is due today on its expiry day — in the viewer’s zone: 11 p.m. on Dec 23 in Chicago is already Dec 24 in UTC', () => {
    expect(itemsAt([expiring()], '2026-12-24T05:00:00Z')[0]?.severity).toBe('due_today');
    // Dec 24 in Chicago: it lapsed unrenewed — overdue, for 30 days, then it drops off.
    expect(itemsAt([expiring()], '2026-12-24T06:00:00Z')).toMatchObject([{ severity: 'overdue', title: expect.stringContaining('expired Dec 23, 2026') }]);
    expect(itemsAt([expiring()], '2027-01-22T18:00:00Z')).toHaveLength(1);
    expect(itemsAt([expiring()], '2027-01-23T18:00:00Z')).toEqual([]);
  });

  it('a lapsed release is no longer listed once renewed, or if it was revoked before it ran out', () => {
    const at = '2026-12-28T18:00:00Z';
    expect(itemsAt([expiring({ later: [{ partnerId: GOODWILL, signedDate: '2026-12-27', expiryDate: '2027-12-27', revokedDate: null, scopes: ['contact_details'] }] })], at)).toEqual([]);
    expect(itemsAt([expiring({ revokedDate: '2026-12-10' })], at)).toEqual([]);
  });

  it('a revoked release is not something to renew', () => {
    expect(itemsAt([expiring({ revokedDate: '2026-11-20' })], '2026-11-23T18:00:00Z')).toEqual([]);
    // Revoked from a later day: still valid today, still expiring.
    expect(itemsAt([expiring({ revokedDate: '2026-12-01' })], '2026-11-23T18:00:00Z')).toHaveLength(1);
  });

  it('a renewal covering the day after the expiry clears it; one starting later, revoked or for another partner does not', () => {
    const renewal = (over: Partial<ReleaseFacts>): ReleaseFacts => ({ partnerId: GOODWILL, signedDate: '2026-11-20', expiryDate: '2027-11-20', revokedDate: null, scopes: ['contact_details'], ...over });
    const at = '2026-11-23T18:00:00Z';
    expect(itemsAt([expiring({ later: [renewal({})] })], at)).toEqual([]);
    expect(itemsAt([expiring({ later: [renewal({ signedDate: '2026-12-24' })] })], at)).toEqual([]);
    expect(itemsAt([expiring({ later: [renewal({ signedDate: '2026-12-26' })] })], at)).toHaveLength(1);
    expect(itemsAt([expiring({ later: [renewal({ revokedDate: '2026-11-22' })] })], at)).toHaveLength(1);
    expect(itemsAt([expiring({ later: [renewal({ partnerId: GOODWILL + 1 })] })], at)).toHaveLength(1);
  });

  it('only for the participants asked about', () => {
    expect(itemsAt([expiring({ participantId: 2 })], '2026-11-23T18:00:00Z')).toEqual([]);
  });
});
