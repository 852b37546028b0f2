// The release gate (issue #6, seed 001): nothing about a participant reaches a partner unless a
// valid release for that partner's organization covers it. Every combination of scope, expiry
// and revocation, several releases for one partner, medical detail, and channel audiences.
import { describe, expect, it } from 'vitest';
import {
  SHARE_SCOPES,
  audienceDisclosure,
  defaultReleaseExpiry,
  hasMedicalDetail,
  isReleaseValid,
  mayShowText,
  membersUnknown,
  partnerDisclosure,
  partnersLackingRelease,
  readerDisclosure,
  releaseDraftProblems,
  revocationProblems,
  scopesOfText,
  withdrawnBy,
  type ReleaseFacts,
  type ShareScope,
} from '../../src/domain/release-gate';

const GOODWILL = 1;
const HOUSING = 2;
const W2_AGENCY = 3;

const SIGNED = '2026-03-03';
const EXPIRY = '2027-03-03';

/** The days that matter around a release signed Mar 3, 2026, valid through Mar 3, 2027. */
const DAYS = {
  'the day before it was signed': { on: '2026-03-02', valid: false },
  'the day it was signed': { on: '2026-03-03', valid: true },
  'a day in the middle': { on: '2026-09-15', valid: true },
  'its expiry day': { on: '2027-03-03', valid: true },
  'the day after it expired': { on: '2027-03-04', valid: false },
} as const;

/** Revocation relative to the day the gate is asked about. */
const REVOCATIONS = {
  'not revoked': { offset: null, stillValid: true },
  'revoked the day before': { offset: -1, stillValid: false },
  'revoked that very day': { offset: 0, stillValid: false },
  'revoked the day after': { offset: 1, stillValid: true },
} as const;

function shift(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function release(partnerId: number, scopes: readonly ShareScope[], over: Partial<ReleaseFacts> = {}): ReleaseFacts {
  return { partnerId, signedDate: SIGNED, expiryDate: EXPIRY, revokedDate: null, scopes, ...over };
}

/** Every subset of the five scopes (32), each in SHARE_SCOPES order. */
const ALL_SCOPE_SETS: ShareScope[][] = Array.from({ length: 1 << SHARE_SCOPES.length }, (_, mask) => SHARE_SCOPES.filter((_, i) => mask & (1 << i)));

describe('a release is valid from the day it is signed through its expiry day, until the day it is revoked', () => {
  for (const [dayName, day] of Object.entries(DAYS)) {
    for (const [revName, rev] of Object.entries(REVOCATIONS)) {
      const expected = day.valid && rev.stillValid;
      it(`${dayName}, ${revName}: ${expected ? 'valid' : 'not valid'} — for every combination of scopes`, () => {
        const revokedDate = rev.offset === null ? null : shift(day.on, rev.offset);
        for (const scopes of ALL_SCOPE_SETS) {
          const r = release(GOODWILL, scopes, { revokedDate });
          expect(isReleaseValid(r, day.on)).toBe(expected);
          const disclosure = partnerDisclosure([r], GOODWILL, day.on);
          if (expected) expect(disclosure).toEqual({ scopes });
          else expect(disclosure).toBeNull();
          // Never anything for another organization.
          expect(partnerDisclosure([r], HOUSING, day.on)).toBeNull();
        }
      });
    }
  }

  it('a release revoked on the day it was signed was never valid (a correction)', () => {
    const r = release(GOODWILL, ['contact_details'], { revokedDate: SIGNED });
    for (const { on } of Object.values(DAYS)) expect(isReleaseValid(r, on)).toBe(false);
  });
});

describe('medical detail is shared only when a valid release says so', () => {
  const everythingElse: ShareScope[] = ['contact_details', 'employment_plan', 'assessment_results', 'case_notes'];

  it('a release covering everything but medical never discloses medical detail', () => {
    expect(partnerDisclosure([release(GOODWILL, everythingElse)], GOODWILL, '2026-09-15')!.scopes).not.toContain('medical');
  });

  it('a release that ticks medical discloses it while valid, and not after it expires', () => {
    const r = release(GOODWILL, ['medical']);
    expect(partnerDisclosure([r], GOODWILL, EXPIRY)).toEqual({ scopes: ['medical'] });
    expect(partnerDisclosure([r], GOODWILL, shift(EXPIRY, 1))).toBeNull();
  });

  it('an expired release with medical does not add medical to a newer valid one without it', () => {
    const old = release(GOODWILL, ['medical', 'case_notes'], { signedDate: '2025-01-10', expiryDate: '2026-01-10' });
    const current = release(GOODWILL, ['contact_details'], { signedDate: '2026-01-05', expiryDate: '2027-01-05' });
    expect(partnerDisclosure([old, current], GOODWILL, '2026-01-10')).toEqual({ scopes: ['contact_details', 'case_notes', 'medical'] });
    expect(partnerDisclosure([old, current], GOODWILL, '2026-01-11')).toEqual({ scopes: ['contact_details'] });
  });
});

describe('several releases for one partner', () => {
  it('the scopes of every valid release add up', () => {
    const a = release(GOODWILL, ['contact_details']);
    const b = release(GOODWILL, ['employment_plan', 'contact_details']);
    expect(partnerDisclosure([a, b], GOODWILL, '2026-09-15')).toEqual({ scopes: ['contact_details', 'employment_plan'] });
  });

  it('a revoked release does not count, a renewal signed the day after does', () => {
    const revoked = release(GOODWILL, ['case_notes'], { revokedDate: '2026-06-01' });
    const renewal = release(GOODWILL, ['contact_details'], { signedDate: '2026-06-02', expiryDate: '2027-06-02' });
    expect(partnerDisclosure([revoked, renewal], GOODWILL, '2026-05-31')).toEqual({ scopes: ['case_notes'] });
    expect(partnerDisclosure([revoked, renewal], GOODWILL, '2026-06-01')).toBeNull();
    expect(partnerDisclosure([revoked, renewal], GOODWILL, '2026-06-02')).toEqual({ scopes: ['contact_details'] });
  });

  it('a valid release that allows nothing but the release itself still names the participant (identity only)', () => {
    expect(partnerDisclosure([release(GOODWILL, [])], GOODWILL, '2026-09-15')).toEqual({ scopes: [] });
  });

  it('a release for another organization never covers this one', () => {
    expect(partnerDisclosure([release(HOUSING, SHARE_SCOPES)], GOODWILL, '2026-09-15')).toBeNull();
  });
});

describe('partners lacking a release', () => {
  const releases = [release(GOODWILL, ['contact_details']), release(HOUSING, ['case_notes'], { revokedDate: '2026-05-01' })];

  it('names each partner without a valid release once, in the order asked', () => {
    expect(partnersLackingRelease([W2_AGENCY, GOODWILL, HOUSING, W2_AGENCY], releases, '2026-09-15')).toEqual([W2_AGENCY, HOUSING]);
  });

  it('names no one when every partner has one, and every partner after expiry', () => {
    expect(partnersLackingRelease([GOODWILL], releases, '2026-09-15')).toEqual([]);
    expect(partnersLackingRelease([GOODWILL, HOUSING], releases, '2027-03-04')).toEqual([GOODWILL, HOUSING]);
    expect(partnersLackingRelease([], releases, '2026-09-15')).toEqual([]);
  });
});

describe('who can read a thread decides what it may carry', () => {
  const ON = '2026-09-15';
  const staff = (id: string) => ({ slackUserId: id, kind: 'staff' as const });
  const contact = (id: string, partnerId: number) => ({ slackUserId: id, kind: 'partner_contact' as const, partnerId });
  const stranger = (id: string) => ({ slackUserId: id, kind: 'unknown' as const });
  /** A private channel whose members were all listed. */
  const PRIVATE = { isPrivate: true, membersComplete: true };

  it('staff only: the participant may be named, and everything but medical detail shared', () => {
    expect(audienceDisclosure([staff('U1'), staff('U2')], [], ON, PRIVATE)).toEqual({ mode: 'full', scopes: ['contact_details', 'employment_plan', 'assessment_results', 'case_notes'], blockers: [], channelReason: null });
  });

  it('staff and a partner with a valid release: what that release allows', () => {
    const releases = [release(GOODWILL, ['contact_details', 'employment_plan'])];
    expect(audienceDisclosure([staff('U1'), contact('U9', GOODWILL)], releases, ON, PRIVATE)).toEqual({ mode: 'full', scopes: ['contact_details', 'employment_plan'], blockers: [], channelReason: null });
  });

  it('two partners: only what both releases allow', () => {
    const releases = [release(GOODWILL, ['contact_details', 'employment_plan', 'medical']), release(HOUSING, ['employment_plan', 'case_notes', 'medical'])];
    expect(audienceDisclosure([contact('U8', HOUSING), contact('U9', GOODWILL), staff('U1')], releases, ON, PRIVATE)).toEqual({ mode: 'full', scopes: ['employment_plan', 'medical'], blockers: [], channelReason: null });
  });

  it('medical reaches a thread only when every partner reading it has a release for it', () => {
    const releases = [release(GOODWILL, ['medical']), release(HOUSING, ['contact_details'])];
    expect(audienceDisclosure([contact('U9', GOODWILL)], releases, ON, PRIVATE).scopes).toEqual(['medical']);
    expect(audienceDisclosure([contact('U9', GOODWILL), contact('U8', HOUSING)], releases, ON, PRIVATE)).toEqual({ mode: 'full', scopes: [], blockers: [], channelReason: null });
  });

  it('one member who is neither staff nor a partner contact: logistics only, and the organizer is told who', () => {
    const releases = [release(GOODWILL, SHARE_SCOPES)];
    expect(audienceDisclosure([staff('U1'), contact('U9', GOODWILL), stranger('U7')], releases, ON, PRIVATE)).toEqual({
      mode: 'logistics_only',
      scopes: [],
      blockers: [{ slackUserId: 'U7', reason: 'not_staff_or_partner' }],
      channelReason: null,
    });
  });

  it('a partner contact whose organization has no valid release: logistics only, naming the partner', () => {
    const releases = [release(GOODWILL, SHARE_SCOPES), release(HOUSING, SHARE_SCOPES, { revokedDate: '2026-09-01' })];
    expect(audienceDisclosure([contact('U9', GOODWILL), contact('U8', HOUSING), contact('U6', W2_AGENCY), staff('U1')], releases, ON, PRIVATE)).toEqual({
      mode: 'logistics_only',
      scopes: [],
      blockers: [
        { slackUserId: 'U8', reason: 'no_valid_release', partnerId: HOUSING },
        { slackUserId: 'U6', reason: 'no_valid_release', partnerId: W2_AGENCY },
      ],
      channelReason: null,
    });
  });

  it('judged on the day: full on the expiry day, logistics only the day after', () => {
    const releases = [release(GOODWILL, ['contact_details'])];
    expect(audienceDisclosure([contact('U9', GOODWILL)], releases, EXPIRY, PRIVATE).mode).toBe('full');
    expect(audienceDisclosure([contact('U9', GOODWILL)], releases, shift(EXPIRY, 1), PRIVATE)).toEqual({
      mode: 'logistics_only',
      scopes: [],
      blockers: [{ slackUserId: 'U9', reason: 'no_valid_release', partnerId: GOODWILL }],
      channelReason: null,
    });
  });

  it('a reader listed twice counts once', () => {
    expect(audienceDisclosure([stranger('U7'), stranger('U7')], [], ON, PRIVATE).blockers).toEqual([{ slackUserId: 'U7', reason: 'not_staff_or_partner' }]);
  });

  it('no readers at all (a channel with only the app in it): nothing blocks', () => {
    expect(audienceDisclosure([], [], ON, PRIVATE).mode).toBe('full');
  });

  it('a public channel: logistics only whoever its members are, since anyone in the workspace can read it', () => {
    const releases = [release(GOODWILL, SHARE_SCOPES)];
    expect(audienceDisclosure([staff('U1'), contact('U9', GOODWILL)], releases, ON, { isPrivate: false, membersComplete: true })).toEqual({
      mode: 'logistics_only',
      scopes: [],
      blockers: [],
      channelReason: 'public_channel',
    });
    // Members who may not see the participant are still named to the organizer.
    expect(audienceDisclosure([staff('U1'), stranger('U7')], releases, ON, { isPrivate: false, membersComplete: true }).blockers).toEqual([{ slackUserId: 'U7', reason: 'not_staff_or_partner' }]);
  });

  it('a member list that could not be read to the end: logistics only (the unread members are unknown)', () => {
    expect(audienceDisclosure([staff('U1'), staff('U2')], [], ON, { isPrivate: true, membersComplete: false })).toEqual({
      mode: 'logistics_only',
      scopes: [],
      blockers: [],
      channelReason: 'members_incomplete',
    });
    expect(audienceDisclosure([staff('U1')], [], ON, { isPrivate: false, membersComplete: false }).channelReason).toBe('public_channel');
  });

  it('members that could not be read at all: logistics only', () => {
    expect(membersUnknown()).toEqual({ mode: 'logistics_only', scopes: [], blockers: [], channelReason: 'members_unknown' });
  });
});

describe('a direct message is judged for its one reader', () => {
  const ON = '2026-09-15';
  it('staff: everything but medical detail; a partner: what its valid release allows; anyone else: nothing', () => {
    const releases = [release(GOODWILL, ['contact_details', 'employment_plan']), release(HOUSING, ['contact_details'], { revokedDate: '2026-09-01' })];
    expect(readerDisclosure({ slackUserId: 'U1', kind: 'staff' }, releases, ON)).toMatchObject({ mode: 'full', scopes: ['contact_details', 'employment_plan', 'assessment_results', 'case_notes'] });
    expect(readerDisclosure({ slackUserId: 'U9', kind: 'partner_contact', partnerId: GOODWILL }, releases, ON)).toMatchObject({ mode: 'full', scopes: ['contact_details', 'employment_plan'] });
    expect(readerDisclosure({ slackUserId: 'U8', kind: 'partner_contact', partnerId: HOUSING }, releases, ON)).toMatchObject({ mode: 'logistics_only', scopes: [] });
    expect(readerDisclosure({ slackUserId: 'U7', kind: 'unknown' }, releases, ON)).toMatchObject({ mode: 'logistics_only', scopes: [] });
  });
});

describe('free text the team wrote (a reason, an action step) is shown only where the releases cover it', () => {
  const full = (scopes: ShareScope[]) => ({ mode: 'full' as const, scopes });
  const STEP = 'Send the CNA enrollment packet';
  const MEDICAL_STEP = 'Bring the insulin prescription to the clinic';

  it('needs a full thread whose scopes include the text’s scope', () => {
    expect(mayShowText(full(['employment_plan']), 'employment_plan', STEP)).toBe(true);
    expect(mayShowText(full(['contact_details', 'case_notes']), 'employment_plan', STEP)).toBe(false);
    expect(mayShowText({ mode: 'logistics_only', scopes: ['employment_plan'] }, 'employment_plan', STEP)).toBe(false);
  });

  it('text with medical detail needs medical detail covered too', () => {
    expect(hasMedicalDetail(MEDICAL_STEP)).toBe(true);
    expect(hasMedicalDetail(STEP)).toBe(false);
    expect(mayShowText(full(['employment_plan']), 'employment_plan', MEDICAL_STEP)).toBe(false);
    expect(mayShowText(full(['employment_plan', 'medical']), 'employment_plan', MEDICAL_STEP)).toBe(true);
    expect(mayShowText(full(['case_notes']), 'case_notes', 'Needs arose after her diabetes diagnosis')).toBe(false);
    expect(mayShowText(full(['case_notes', 'medical']), 'case_notes', 'Needs arose after her diabetes diagnosis')).toBe(true);
  });

  it('the audit records the text’s scope, and medical when it carries medical detail', () => {
    expect(scopesOfText('employment_plan', STEP)).toEqual(['employment_plan']);
    expect(scopesOfText('employment_plan', MEDICAL_STEP)).toEqual(['employment_plan', 'medical']);
  });
});

describe('what a new decision takes away from a thread', () => {
  it('full → logistics only withdraws the name and every scope', () => {
    expect(withdrawnBy({ mode: 'full', scopes: ['contact_details', 'employment_plan'] }, { mode: 'logistics_only', scopes: [] })).toEqual({ name: true, scopes: ['contact_details', 'employment_plan'] });
  });

  it('full → full with fewer scopes withdraws those scopes, keeping the name', () => {
    expect(withdrawnBy({ mode: 'full', scopes: ['contact_details', 'employment_plan', 'case_notes'] }, { mode: 'full', scopes: ['contact_details'] })).toEqual({ name: false, scopes: ['employment_plan', 'case_notes'] });
  });

  it('a wider decision, or a thread that was logistics only, takes nothing', () => {
    expect(withdrawnBy({ mode: 'full', scopes: ['contact_details'] }, { mode: 'full', scopes: ['contact_details', 'employment_plan'] })).toEqual({ name: false, scopes: [] });
    expect(withdrawnBy({ mode: 'logistics_only', scopes: [] }, { mode: 'full', scopes: ['contact_details'] })).toEqual({ name: false, scopes: [] });
    expect(withdrawnBy({ mode: 'logistics_only', scopes: [] }, { mode: 'logistics_only', scopes: [] })).toEqual({ name: false, scopes: [] });
  });
});

describe('default expiry: signed + the profile’s validity days, valid through that date', () => {
  it('one year (365 days) from Mar 3, 2026 is Mar 3, 2027', () => {
    expect(defaultReleaseExpiry('2026-03-03', 365)).toBe('2027-03-03');
  });

  it('counts calendar days across month ends and a leap day', () => {
    expect(defaultReleaseExpiry('2026-01-31', 30)).toBe('2026-03-02');
    expect(defaultReleaseExpiry('2027-03-03', 365)).toBe('2028-03-02'); // Feb 29, 2028 is one of the 365
  });

  it('always expires after the day it was signed', () => {
    for (const days of [1, 2, 30, 180, 365, 730]) expect(defaultReleaseExpiry('2026-12-31', days) > '2026-12-31').toBe(true);
    expect(defaultReleaseExpiry('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('refuses a validity that is not a whole number of days ≥ 1, or a date that is not one', () => {
    expect(() => defaultReleaseExpiry('2026-03-03', 0)).toThrow(RangeError);
    expect(() => defaultReleaseExpiry('2026-03-03', -5)).toThrow(RangeError);
    expect(() => defaultReleaseExpiry('2026-03-03', 1.5)).toThrow(RangeError);
    expect(() => defaultReleaseExpiry('2026-02-30', 365)).toThrow(RangeError);
  });
});

describe('recording and revoking a release: what the case manager is told', () => {
  const TODAY = '2026-11-23';
  const draft = { signedDate: '2026-11-20', expiryDate: '2027-11-20', scopes: ['contact_details'], documentLocation: 'Paper file, cabinet B' };

  it('a signed release with a scope, expiring after it was signed, is fine', () => {
    expect(releaseDraftProblems(draft, TODAY)).toEqual({});
    expect(releaseDraftProblems({ ...draft, signedDate: TODAY, documentLocation: null }, TODAY)).toEqual({});
  });

  it('refuses a future signature, an expiry on or before the signature, no scope and unknown scopes', () => {
    expect(releaseDraftProblems({ ...draft, signedDate: '2026-11-24' }, TODAY).signedDate).toMatch(/future/);
    expect(releaseDraftProblems({ ...draft, expiryDate: draft.signedDate }, TODAY).expiryDate).toMatch(/after the day it was signed/);
    expect(releaseDraftProblems({ ...draft, expiryDate: '2026-11-19' }, TODAY).expiryDate).toMatch(/after the day it was signed/);
    expect(releaseDraftProblems({ ...draft, scopes: [] }, TODAY).scopes).toMatch(/at least one/);
    expect(releaseDraftProblems({ ...draft, scopes: ['everything'] }, TODAY).scopes).toMatch(/from the list/);
    expect(releaseDraftProblems({ ...draft, signedDate: '2026-02-30' }, TODAY)).toHaveProperty('signedDate');
  });

  it('a revocation is dated between the signature and today, with a reason', () => {
    const signed = { signedDate: '2026-03-03' };
    expect(revocationProblems(signed, { revokedDate: TODAY, reason: 'Participant withdrew consent' }, TODAY)).toEqual({});
    expect(revocationProblems(signed, { revokedDate: '2026-03-03', reason: 'Recorded by mistake' }, TODAY)).toEqual({});
    expect(revocationProblems(signed, { revokedDate: '2026-11-24', reason: 'x' }, TODAY).revokedDate).toMatch(/future/);
    expect(revocationProblems(signed, { revokedDate: '2026-03-02', reason: 'x' }, TODAY).revokedDate).toMatch(/before the release was signed/);
    expect(revocationProblems(signed, { revokedDate: TODAY, reason: '   ' }, TODAY).reason).toMatch(/why/);
  });
});
