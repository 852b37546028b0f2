import { describe, expect, it } from 'vitest';
import {
  CONTACT_METHODS,
  DEFAULT_PROFILES,
  PROFILE_IDS,
  ProfileConfigError,
  loadProfiles,
  parseProfileConfigText,
  programProfileSchema,
  strictestProfile,
  type ProfileId,
} from '../../src/domain/profiles';

/** Run `fn`, expect a ProfileConfigError, and return it. */
function configError(fn: () => unknown): ProfileConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ProfileConfigError);
    return err as ProfileConfigError;
  }
  throw new Error('expected a ProfileConfigError, but nothing was thrown');
}

describe('shipped program profiles (domain.md "Program profiles to ship as defaults")', () => {
  it('ship every fixed profile id, each valid and named after itself', () => {
    expect(Object.keys(DEFAULT_PROFILES).sort()).toEqual([...PROFILE_IDS].sort());
    for (const id of PROFILE_IDS) {
      const profile = DEFAULT_PROFILES[id];
      expect(programProfileSchema.safeParse(profile).success, id).toBe(true);
      expect(profile.id).toBe(id);
      expect(profile.shortName.length).toBeLessThanOrEqual(20);
      expect(profile.services.length).toBeLessThanOrEqual(25);
    }
  });

  it('loading no agency config gives exactly the defaults', () => {
    expect(loadProfiles(undefined)).toEqual(DEFAULT_PROFILES);
    expect(loadProfiles(null)).toEqual(DEFAULT_PROFILES);
    expect(loadProfiles({})).toEqual(DEFAULT_PROFILES);
    expect(loadProfiles({ profiles: {} })).toEqual(DEFAULT_PROFILES);
  });

  it('WIOA Adult: contact every 30 days; note best within 2 days, required within 10 calendar days, late notes explained', () => {
    const adult = DEFAULT_PROFILES['wioa-adult'];
    expect(adult.name).toBe('WIOA Adult');
    expect(adult.contactIntervalDays).toBe(30);
    expect(adult.noteDueBestPracticeDays).toBe(2);
    expect(adult.noteDueRequiredDays).toBe(10);
    expect(adult.lateNoteRequiresExplanation).toBe(true);
    expect(adult.planKind).toBe('IEP');
    expect(adult.planReviewAfterEachService).toBe(true);
    expect(adult.serviceDefaultDurationDays).toBe(90);
  });

  it('by default any direct two-way contact counts; attempts and collateral are not contact methods', () => {
    for (const id of PROFILE_IDS) {
      expect(DEFAULT_PROFILES[id].contactMethodsThatCount).toEqual([
        'face_to_face',
        'video',
        'phone',
        'email',
        'text',
        'mail',
      ]);
    }
    expect(CONTACT_METHODS).not.toContain('attempt');
    expect(CONTACT_METHODS).not.toContain('collateral');
  });

  it('WIOA Adult and Dislocated Worker: follow-up 12 months from the first day of employment, none after a non-positive exit', () => {
    for (const id of ['wioa-adult', 'wioa-dw'] as const) {
      expect(DEFAULT_PROFILES[id].followUp).toEqual({
        kind: 'from-first-day-of-employment',
        durationMonths: 12,
        skipAfterNonPositiveExit: true,
      });
    }
  });

  it('WIOA services default to 90 days, youth counseling to 180, occupational skills training is extendable', () => {
    const adultTraining = DEFAULT_PROFILES['wioa-adult'].services.find(
      (s) => s.code === 'occupational-skills-training',
    );
    expect(adultTraining).toMatchObject({ defaultDurationDays: 90, extendable: true });
    const youthCounseling = DEFAULT_PROFILES['wioa-youth'].services.find((s) => s.code === 'youth-counseling');
    expect(youthCounseling).toMatchObject({ defaultDurationDays: 180, extendable: false });
  });

  it('WIOA Youth: follow-up at months 1, 3, 5, 8 and 12 after exit', () => {
    const youth = DEFAULT_PROFILES['wioa-youth'];
    expect(youth.contactIntervalDays).toBe(30);
    expect(youth.followUp).toEqual({ kind: 'months-after-exit', months: [1, 3, 5, 8, 12] });
  });

  it('Wagner-Peyser: no contact rule ("as appropriate"), an employment plan, no follow-up', () => {
    const wp = DEFAULT_PROFILES['wagner-peyser'];
    expect(wp.contactIntervalDays).toBeNull();
    expect(wp.planKind).toBe('employment-plan');
    expect(wp.followUp).toEqual({ kind: 'none' });
    expect(wp.noteDueRequiredDays).toBe(10);
  });

  it('Refugee SS and TAP: plan within 30 working days of opening, reviewed every 6 months, one outcome per quarter', () => {
    for (const id of ['refugee-ss', 'refugee-tap'] as const) {
      const refugee = DEFAULT_PROFILES[id];
      expect(refugee.planKind).toBe('FSP+EDP');
      expect(refugee.planDueWorkingDaysFromOpening).toBe(30);
      expect(refugee.planReviewMonths).toBe(6);
      expect(refugee.contactIntervalDays).toBe(30);
      expect(refugee.contactRequiredOnlyWithOpenGoals).toBe(true);
      expect(refugee.oneOutcomePerQuarter).toBe(true);
      expect(refugee.placementReportWorkingDays).toBe(10);
      expect(refugee.serviceDefaultDurationDays).toBeNull();
      expect(refugee.followUp).toMatchObject({
        kind: 'employer-after-employment',
        sameWeek: true,
        days: [30, 60, 90],
        periodicUntilMonths: 18,
      });
    }
  });

  it('TANF employment: contact every 30 days and around each scheduled activity; work search at most 12 weeks in 12 months', () => {
    const tanf = DEFAULT_PROFILES['tanf-employment'];
    expect(tanf.contactIntervalDays).toBe(30);
    expect(tanf.contactEveryScheduledActivity).toBe(true);
    expect(tanf.planKind).toBe('FSP');
    expect(tanf.workSearchMaxWeeksPer12Months).toBe(12);
    expect(tanf.followUp).toEqual({ kind: 'none' });
  });

  it('IRT meetings are scheduled about two weeks out and releases are valid for a year', () => {
    for (const id of PROFILE_IDS) {
      expect(DEFAULT_PROFILES[id].irtLeadDays).toBe(14);
      expect(DEFAULT_PROFILES[id].releaseValidityDays).toBe(365);
    }
  });

  it('the shipped defaults cannot be changed by accident, but loaded profiles are the caller\'s own', () => {
    expect(() => {
      (DEFAULT_PROFILES['wioa-adult'] as { noteDueRequiredDays: number }).noteDueRequiredDays = 1;
    }).toThrow(TypeError);
    const loaded = loadProfiles(undefined);
    loaded['wioa-adult'].noteDueRequiredDays = 3;
    expect(DEFAULT_PROFILES['wioa-adult'].noteDueRequiredDays).toBe(10);
  });
});

describe('agency overrides', () => {
  it('South Dakota (notes within 5 calendar days) changes only that value', () => {
    const profiles = loadProfiles({ profiles: { 'wioa-adult': { noteDueRequiredDays: 5 } } });
    expect(profiles['wioa-adult'].noteDueRequiredDays).toBe(5);
    expect(profiles['wioa-adult']).toEqual({ ...DEFAULT_PROFILES['wioa-adult'], noteDueRequiredDays: 5 });
    for (const id of PROFILE_IDS.filter((i) => i !== 'wioa-adult')) {
      expect(profiles[id]).toEqual(DEFAULT_PROFILES[id]);
    }
  });

  it('an agency following the face-to-face rule narrows the counted methods (lists replace, not append)', () => {
    const profiles = loadProfiles({ profiles: { 'wioa-dw': { contactMethodsThatCount: ['face_to_face'] } } });
    expect(profiles['wioa-dw'].contactMethodsThatCount).toEqual(['face_to_face']);
  });

  it('nested settings merge: changing one follow-up number keeps the rest of the rule', () => {
    const profiles = loadProfiles({ profiles: { 'refugee-ss': { followUp: { periodicUntilMonths: 24 } } } });
    expect(profiles['refugee-ss'].followUp).toEqual({
      ...DEFAULT_PROFILES['refugee-ss'].followUp,
      periodicUntilMonths: 24,
    });
  });

  it('an agency may switch a follow-up rule to another kind, and may turn a rule off with null', () => {
    const profiles = loadProfiles({
      profiles: {
        'tanf-employment': { followUp: { kind: 'months-after-exit', months: [3, 6] } },
        'wioa-youth': { contactIntervalDays: null },
      },
    });
    expect(profiles['tanf-employment'].followUp).toEqual({ kind: 'months-after-exit', months: [3, 6] });
    expect(profiles['wioa-youth'].contactIntervalDays).toBeNull();
  });

  it('a required note window of 0 days is refused, naming the field and what is expected', () => {
    const err = configError(() => loadProfiles({ profiles: { 'wioa-adult': { noteDueRequiredDays: 0 } } }));
    expect(err.message).toContain('profiles.wioa-adult.noteDueRequiredDays: expected a whole number of days ≥ 1');
    expect(err.message).toContain('(got 0)');
  });

  it('days given as text or fractions are refused', () => {
    const err = configError(() =>
      loadProfiles({
        profiles: { 'wioa-youth': { contactIntervalDays: '30' }, 'refugee-tap': { noteDueRequiredDays: 2.5 } },
      }),
    );
    expect(err.issues).toEqual([
      'profiles.wioa-youth.contactIntervalDays: expected a whole number of days ≥ 1, or null for no rule (got "30")',
      'profiles.refugee-tap.noteDueRequiredDays: expected a whole number of days ≥ 1 (got 2.5)',
    ]);
  });

  it('a best-practice note window longer than the required one is refused', () => {
    const err = configError(() => loadProfiles({ profiles: { 'wioa-adult': { noteDueBestPracticeDays: 12 } } }));
    expect(err.issues).toEqual([
      'profiles.wioa-adult.noteDueBestPracticeDays: expected noteDueBestPracticeDays to be no more than noteDueRequiredDays (got 12)',
    ]);
  });

  it('a contact method that does not exist (e.g. counting attempts) is refused', () => {
    const err = configError(() =>
      loadProfiles({ profiles: { 'wioa-adult': { contactMethodsThatCount: ['face_to_face', 'attempt'] } } }),
    );
    expect(err.message).toContain(
      'profiles.wioa-adult.contactMethodsThatCount[1]: expected a contact method: one of face_to_face, video, phone, email, text, mail',
    );
  });

  it('a follow-up kind that does not exist, or an unordered schedule, is refused', () => {
    const err = configError(() =>
      loadProfiles({
        profiles: {
          'wioa-dw': { followUp: { kind: 'forever' } },
          'wioa-youth': { followUp: { months: [1, 5, 3] } },
        },
      }),
    );
    expect(err.message).toContain('profiles.wioa-dw.followUp.kind: expected a follow-up rule whose kind is one of');
    expect(err.message).toContain(
      'profiles.wioa-youth.followUp.months: expected a list of whole numbers of months between 1 and 120, in increasing order',
    );
  });

  it('an unknown profile id is refused, listing the ids that exist', () => {
    const err = configError(() => loadProfiles({ profiles: { 'wioa-adlt': { noteDueRequiredDays: 5 } } }));
    expect(err.message).toContain('profiles.wioa-adlt: unknown profile id; expected one of wioa-adult, wioa-dw');
  });

  it('an unknown field is refused (a typo must not silently keep the default)', () => {
    const err = configError(() => loadProfiles({ profiles: { 'wioa-adult': { noteDueDays: 5 } } }));
    expect(err.message).toContain('profiles.wioa-adult.noteDueDays: unknown field; known fields are id, name');
    const nested = configError(() =>
      loadProfiles({ profiles: { 'wioa-youth': { followUp: { months: [1], everyMonth: true } } } }),
    );
    expect(nested.message).toContain('profiles.wioa-youth.followUp.everyMonth: unknown field');
  });

  it('an unknown top-level section and an attempt to change a profile id are refused', () => {
    expect(configError(() => loadProfiles({ profile: {} })).message).toContain('profile: unknown section');
    expect(
      configError(() => loadProfiles({ profiles: { 'wioa-adult': { id: 'wioa-dw' } } })).message,
    ).toContain('profiles.wioa-adult.id: the profile id cannot be changed');
  });

  it('every problem is reported at once', () => {
    const err = configError(() =>
      loadProfiles({
        profiles: {
          'wioa-adult': { noteDueRequiredDays: -1, shortName: 'Workforce Innovation Adult Program' },
          'tanf-employment': { lateNoteRequiresExplanation: 'yes' },
        },
      }),
    );
    expect(err.issues).toHaveLength(3);
    expect(err.message).toContain('profiles.wioa-adult.shortName: expected a short name of 1 to 20 characters');
    expect(err.message).toContain('profiles.tanf-employment.lateNoteRequiresExplanation: expected true or false');
  });
});

describe('agency config files', () => {
  it('a YAML file is read', () => {
    const yaml = [
      '# South Dakota: case notes within five calendar days (seed 001)',
      'profiles:',
      '  wioa-adult:',
      '    noteDueRequiredDays: 5',
      '    contactMethodsThatCount: [face_to_face]',
      '  wagner-peyser:',
      '    noteDueRequiredDays: 5',
      '',
    ].join('\n');
    const profiles = parseProfileConfigText(yaml, 'agency.yaml');
    expect(profiles['wioa-adult'].noteDueRequiredDays).toBe(5);
    expect(profiles['wioa-adult'].contactMethodsThatCount).toEqual(['face_to_face']);
    expect(profiles['wagner-peyser'].noteDueRequiredDays).toBe(5);
  });

  it('a JSON file is read', () => {
    const json = JSON.stringify({ profiles: { 'refugee-ss': { planReviewMonths: 3 } } }, null, 2);
    const profiles = parseProfileConfigText(json, 'agency.json');
    expect(profiles['refugee-ss'].planReviewMonths).toBe(3);
  });

  it('an empty file means the defaults', () => {
    expect(parseProfileConfigText('', 'agency.yaml')).toEqual(DEFAULT_PROFILES);
    expect(parseProfileConfigText('# nothing yet\n', 'agency.yaml')).toEqual(DEFAULT_PROFILES);
  });

  it('a syntax error names the file and where it is', () => {
    const err = configError(() =>
      parseProfileConfigText('profiles:\n  wioa-adult:\n    noteDueRequiredDays: [5\n', 'sd-agency.yaml'),
    );
    expect(err.fileName).toBe('sd-agency.yaml');
    expect(err.message).toMatch(/^sd-agency\.yaml: could not be read as YAML or JSON: .*line \d+, column \d+/);

    const json = configError(() => parseProfileConfigText('{"profiles": {"wioa-adult": }', 'agency.json'));
    expect(json.message).toMatch(/^agency\.json: could not be read as YAML or JSON/);
  });

  it('a value error in a file names the file and the field', () => {
    const err = configError(() =>
      parseProfileConfigText('profiles:\n  wioa-adult:\n    noteDueRequiredDays: 0\n', 'sd-agency.yaml'),
    );
    expect(err.message).toBe(
      'sd-agency.yaml: profiles.wioa-adult.noteDueRequiredDays: expected a whole number of days ≥ 1 (got 0)',
    );
  });
});

describe('co-enrolled participants are held to the strictest applicable rule', () => {
  const pick = (profiles: Record<ProfileId, (typeof DEFAULT_PROFILES)[ProfileId]>, ...ids: ProfileId[]) =>
    ids.map((id) => profiles[id]);

  it('WIOA Adult + Wagner-Peyser: the WIOA 30-day contact rule applies; Wagner-Peyser does not narrow methods', () => {
    const rules = strictestProfile(pick(DEFAULT_PROFILES, 'wioa-adult', 'wagner-peyser'));
    expect(rules.profileIds).toEqual(['wioa-adult', 'wagner-peyser']);
    expect(rules.contactIntervalDays).toBe(30);
    expect(rules.noteDueBestPracticeDays).toBe(2);
    expect(rules.noteDueRequiredDays).toBe(10);
    expect(rules.contactMethodsThatCount).toEqual([...CONTACT_METHODS]);
    expect(rules.planReviewAfterEachService).toBe(true);
    expect(rules.lateNoteRequiresExplanation).toBe(true);
  });

  it('Wagner-Peyser alone has no contact rule', () => {
    expect(strictestProfile(pick(DEFAULT_PROFILES, 'wagner-peyser')).contactIntervalDays).toBeNull();
  });

  it('the smallest note window wins when one program is stricter (South Dakota Wagner-Peyser at 5 days)', () => {
    const profiles = loadProfiles({ profiles: { 'wagner-peyser': { noteDueRequiredDays: 5 } } });
    expect(strictestProfile(pick(profiles, 'wioa-adult', 'wagner-peyser')).noteDueRequiredDays).toBe(5);
  });

  it('an agency that counts only face-to-face for WIOA Adult: only face-to-face resets the co-enrolled clock', () => {
    const profiles = loadProfiles({ profiles: { 'wioa-adult': { contactMethodsThatCount: ['face_to_face'] } } });
    const rules = strictestProfile(pick(profiles, 'wioa-adult', 'wagner-peyser'));
    expect(rules.contactMethodsThatCount).toEqual(['face_to_face']);
    const withTanf = strictestProfile(pick(profiles, 'tanf-employment', 'wioa-adult'));
    expect(withTanf.contactMethodsThatCount).toEqual(['face_to_face']);
  });

  it('refugee SS + TANF: the contact clock always runs (TANF has no open-goals condition), duties add up', () => {
    const rules = strictestProfile(pick(DEFAULT_PROFILES, 'refugee-ss', 'tanf-employment'));
    expect(rules.contactIntervalDays).toBe(30);
    expect(rules.contactRequiredOnlyWithOpenGoals).toBe(false);
    expect(rules.contactEveryScheduledActivity).toBe(true);
    expect(rules.oneOutcomePerQuarter).toBe(true);
    expect(rules.planDueWorkingDaysFromOpening).toBe(30);
    expect(rules.planReviewMonths).toBe(6);
    expect(rules.workSearchMaxWeeksPer12Months).toBe(12);
    const refugeeOnly = strictestProfile(pick(DEFAULT_PROFILES, 'refugee-ss', 'refugee-tap'));
    expect(refugeeOnly.contactRequiredOnlyWithOpenGoals).toBe(true);
  });

  it('needs at least one profile', () => {
    expect(() => strictestProfile([])).toThrow(RangeError);
  });
});
