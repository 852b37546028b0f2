/**
 * Program profiles: every policy number the bot enforces, per program, as data.
 *
 * The seeds say it themselves: "Timeliness requirements vary broadly. Contact your
 * supervisor for the specific requirements for your program" (seed 000). So no rule in
 * this codebase hard-codes a number; it asks the participant's program profile(s).
 * The defaults below come from the shared domain notes (domain.md) ("Program profiles to ship as
 * defaults") and the seed policy texts it cites; an agency overrides any of them with a
 * config file (YAML or JSON) of shape `{ profiles: { '<profile id>': { ...fields } } }`.
 *
 * Seeds cited in comments:
 *   000 Employ Milwaukee, Essential Case Management Practices (WI WIOA / DWD-DET)
 *   001 South Dakota case management (Wagner-Peyser, WIOA Title I, IRT, case notes)
 *   002 Montgomery County (MD) WDB case management & case notes policy (WIOA)
 *   003 TANF employment case manager guide ("a day in the life")
 *   004 Wisconsin BMRLS refugee case management instructions (SS / TAP)
 *
 * Pure module: no Slack, no SQL, no environment reads.
 */
import { z } from 'zod';
import YAML from 'yaml';

// ---------------------------------------------------------------------------
// Ids and small vocabularies
// ---------------------------------------------------------------------------

/** Fixed profile ids; agency config files refer to them, so never rename one. */
export const PROFILE_IDS = [
  'wioa-adult',
  'wioa-dw',
  'wioa-youth',
  'wagner-peyser',
  'refugee-ss',
  'refugee-tap',
  'tanf-employment',
] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

export function isProfileId(value: unknown): value is ProfileId {
  return typeof value === 'string' && (PROFILE_IDS as readonly string[]).includes(value);
}

/**
 * Ways of reaching the participant directly, two-way (seed 002 minimum note content:
 * "method of contact"; seed 004: in person, telephone, e-mail, mail). Attempts and
 * collateral contacts (talking to a partner or family member about the participant) are
 * deliberately NOT methods: they are owed a note (seed 001) but never reset the contact
 * clock.
 */
export const CONTACT_METHODS = ['face_to_face', 'video', 'phone', 'email', 'text', 'mail'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/**
 * Kinds of plan (seeds 000, 002, 004, 003):
 *   IEP             Individual Employment Plan (WIOA, seed 002)
 *   EDP             Employability Development Plan (individual; refugee, W-2)
 *   FSP             Family Self-Sufficiency Plan (family; TANF seed 003 "FSSP", refugee)
 *   FSP+EDP         refugee: a family FSP plus an EDP for each adult (seed 004 §4(b))
 *   employment-plan Wagner-Peyser / generic employment plan (seed 001)
 */
export const PLAN_KINDS = ['IEP', 'EDP', 'FSP', 'FSP+EDP', 'employment-plan'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

/** Display names for plan kinds, for messages. */
export const PLAN_KIND_NAMES: Record<PlanKind, string> = {
  IEP: 'Individual Employment Plan (IEP)',
  EDP: 'Employability Development Plan (EDP)',
  FSP: 'Family Self-Sufficiency Plan (FSP)',
  'FSP+EDP': 'Family Self-Sufficiency Plan (FSP) with an EDP for each adult',
  'employment-plan': 'employment plan',
};

export const FOLLOW_UP_KINDS = [
  'none',
  'months-after-exit',
  'from-first-day-of-employment',
  'employer-after-employment',
] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

// ---------------------------------------------------------------------------
// Schema (every field carries a plain-words "expected ..." message)
// ---------------------------------------------------------------------------

const list = (xs: readonly string[]): string => xs.join(', ');

function wholeNumber(expected: string, min: number, max?: number) {
  let n = z.number({ error: expected }).int({ error: expected }).min(min, { error: expected });
  if (max !== undefined) n = n.max(max, { error: expected });
  return n;
}
const days = (min = 1) => wholeNumber(`expected a whole number of days ≥ ${min}`, min);
const daysOrNull = (min = 1) =>
  wholeNumber(`expected a whole number of days ≥ ${min}, or null for no rule`, min).nullable();
const monthsOrNull = () =>
  wholeNumber('expected a whole number of months ≥ 1, or null for no rule', 1).nullable();
const yesNo = () => z.boolean({ error: 'expected true or false' });

/** A strictly increasing, non-empty list of whole numbers (follow-up schedules). */
function increasingList(unit: 'days' | 'months', max: number) {
  const expected = `expected a list of whole numbers of ${unit} between 1 and ${max}, in increasing order`;
  return z
    .array(wholeNumber(expected, 1, max), { error: expected })
    .min(1, { error: expected })
    .refine((xs) => xs.every((x, i) => i === 0 || x > xs[i - 1]!), { error: expected });
}

export const contactMethodSchema = z.enum(CONTACT_METHODS, {
  error: `expected a contact method: one of ${list(CONTACT_METHODS)}`,
});

export const serviceDefinitionSchema = z.strictObject(
  {
    /** Stable code, lowercase letters/digits/dashes, unique within the profile. */
    code: z
      .string({ error: 'expected a service code of lowercase letters, digits and dashes' })
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, {
        error: 'expected a service code of lowercase letters, digits and dashes (at most 40)',
      }),
    /** Display name; also the case-note subject line for that service (seed 001). */
    name: z
      .string({ error: 'expected a service name of 1 to 80 characters' })
      .trim()
      .min(1, { error: 'expected a service name of 1 to 80 characters' })
      .max(80, { error: 'expected a service name of 1 to 80 characters' }),
    /** Default end date = start + this many days; null = the case manager sets the end date. */
    defaultDurationDays: daysOrNull(),
    /** May the end date be pushed past the default (e.g. year-long training, seed 002)? */
    extendable: yesNo(),
  },
  { error: 'expected a service: { code, name, defaultDurationDays, extendable }' },
);
export type ServiceDefinition = z.infer<typeof serviceDefinitionSchema>;

/**
 * Follow-up after exit (domain.md "The cycle" step 6).
 */
export const followUpRuleSchema = z.discriminatedUnion(
  'kind',
  [
    /** No follow-up requirement (Wagner-Peyser, TANF by default). */
    z.strictObject({ kind: z.literal('none') }),
    /** Follow-up at fixed months after exit; youth 1, 3, 5, 8, 12 (seed 002). */
    z.strictObject({
      kind: z.literal('months-after-exit'),
      months: increasingList('months', 120),
    }),
    /**
     * Follow-up for `durationMonths` months from the first day of employment; exit date is
     * the last day a service was provided; none after a non-positive exit (seed 002).
     */
    z.strictObject({
      kind: z.literal('from-first-day-of-employment'),
      durationMonths: wholeNumber('expected a whole number of months ≥ 1', 1),
      skipAfterNonPositiveExit: yesNo(),
    }),
    /**
     * Refugee employment (seed 004 §4(c)): follow up with the employer the same week
     * employment is secured, then at 30, 60 and 90 days, then "periodically for at least
     * 18 months".
     */
    z.strictObject({
      kind: z.literal('employer-after-employment'),
      sameWeek: yesNo(),
      days: increasingList('days', 3650),
      periodicUntilMonths: wholeNumber('expected a whole number of months ≥ 1', 1),
      /**
       * Spacing of the "periodic" follow-ups after the last entry in `days`. The seed gives
       * no number ("periodically"); 90 days (quarterly, matching the QPR quarter) is this
       * project's default so the tickler has something to schedule. null = no reminders
       * after the fixed days; the case manager tracks them by hand.
       */
      periodicEveryDays: daysOrNull(),
    }),
  ],
  { error: `expected a follow-up rule whose kind is one of ${list(FOLLOW_UP_KINDS)}` },
);
export type FollowUpRule = z.infer<typeof followUpRuleSchema>;

const SHORT_NAME = 'expected a short name of 1 to 20 characters';
const NAME = 'expected a display name of 1 to 80 characters';

export const programProfileSchema = z
  .strictObject(
    {
      id: z.enum(PROFILE_IDS, { error: `expected a profile id: one of ${list(PROFILE_IDS)}` }),
      /** Display name, e.g. "WIOA Adult". */
      name: z.string({ error: NAME }).trim().min(1, { error: NAME }).max(80, { error: NAME }),
      /** Compact label for Slack lists and buttons, ≤ 20 characters. */
      shortName: z
        .string({ error: SHORT_NAME })
        .trim()
        .min(1, { error: SHORT_NAME })
        .max(20, { error: SHORT_NAME }),

      // --- Contact (domain.md "The cycle" step 5) ---------------------------------------
      /**
       * Maximum days between counted contacts with the participant; null = no rule
       * (Wagner-Peyser: contact "as appropriate", seed 001). WIOA: every 30 days (002);
       * refugee: at least every 30 days while case-management goals are open (004 §4(d)).
       */
      contactIntervalDays: daysOrNull(),
      /**
       * Contact methods that reset the contact clock. Default: any direct two-way contact.
       * An agency applying seed 002's face-to-face rule narrows this to ['face_to_face'].
       * Attempts and collateral contacts never count and cannot be listed here.
       */
      contactMethodsThatCount: z
        .array(contactMethodSchema, {
          error: `expected a list of contact methods from: ${list(CONTACT_METHODS)}`,
        })
        .min(1, {
          error: `expected at least one contact method from: ${list(CONTACT_METHODS)}`,
        })
        .refine((xs) => new Set(xs).size === xs.length, {
          error: 'expected each contact method at most once',
        }),
      /**
       * Refugee (004 §4(d)): the 30-day follow-up applies "for refugees with established
       * Case Management goals", i.e. only while a goal is open.
       */
      contactRequiredOnlyWithOpenGoals: yesNo(),
      /** TANF (003): contact around every scheduled work activity, plus the interval. */
      contactEveryScheduledActivity: yesNo(),

      // --- Case notes timeliness (domain.md "Case notes") ---------------------------------
      /** Best practice: at the time of service or within 24–48 hours (000) → 2 days. */
      noteDueBestPracticeDays: days(0),
      /**
       * Required: calendar days, counted from the day after the interaction (a Nov 1
       * contact is on time through Nov 11 under 10). Wisconsin DWD-DET: 10 (000);
       * South Dakota: 5 (001).
       */
      noteDueRequiredDays: days(1),
      /** A note entered after the required window must say why it is late (001). */
      lateNoteRequiresExplanation: yesNo(),

      // --- Plan (domain.md "The cycle" step 2) -------------------------------------------
      planKind: z.enum(PLAN_KINDS, { error: `expected a plan kind: one of ${list(PLAN_KINDS)}` }),
      /** Refugee: plan complete within 30 working days of case opening (004 §4(b)). */
      planDueWorkingDaysFromOpening: daysOrNull(),
      /** Refugee: update/revise the FSP/EDP every 6 months (004 §4(e)). */
      planReviewMonths: monthsOrNull(),
      /** WIOA: "Plans are to be reviewed ... after each service element is completed" (002). */
      planReviewAfterEachService: yesNo(),

      // --- Follow-up after exit -------------------------------------------------------------
      followUp: followUpRuleSchema,
      /**
       * Refugee: job placements/upgrades of adults on public assistance reported to the
       * public-assistance agency within 10 working days (004 §4(c)(4)); null = no rule.
       */
      placementReportWorkingDays: daysOrNull(),

      // --- Services (domain.md "The cycle" step 3) -----------------------------------------
      /** Default duration of a service not in the catalog; null = no default (002: most 90). */
      serviceDefaultDurationDays: daysOrNull(),
      /** Services allowable in the program (000: "make sure the services ... are allowable"). */
      services: z
        .array(serviceDefinitionSchema, { error: 'expected a list of services' })
        .max(40, { error: 'expected at most 40 services' })
        .refine((xs) => new Set(xs.map((s) => s.code)).size === xs.length, {
          error: 'expected each service code at most once',
        }),
      /** TANF: work search counts for at most 12 weeks in any 12 months (003); null = no rule. */
      workSearchMaxWeeksPer12Months: wholeNumber(
        'expected a whole number of weeks between 1 and 52, or null for no rule',
        1,
        52,
      ).nullable(),

      // --- Outcomes, releases, IRT ----------------------------------------------------------
      /** Refugee QPR: only one case-management outcome per client per quarter (004). */
      oneOutcomePerQuarter: yesNo(),
      /** How long a signed release of information stays valid (used by IRT releases). */
      releaseValidityDays: days(1),
      /** Schedule an IRT meeting about two weeks out unless the need is urgent (001). */
      irtLeadDays: days(0),
    },
    { error: 'expected a program profile (a mapping of fields)' },
  )
  // Cross-field check; it stays quiet while either field is itself invalid (zod runs
  // object refinements even after field errors) so only the real problem is reported.
  .refine(
    (p) =>
      !(
        Number.isInteger(p.noteDueBestPracticeDays) &&
        Number.isInteger(p.noteDueRequiredDays) &&
        p.noteDueRequiredDays >= 1 &&
        p.noteDueBestPracticeDays > p.noteDueRequiredDays
      ),
    {
      error: 'expected noteDueBestPracticeDays to be no more than noteDueRequiredDays',
      path: ['noteDueBestPracticeDays'],
    },
  );
export type ProgramProfile = z.infer<typeof programProfileSchema>;

const PROFILE_FIELDS: readonly string[] = Object.keys(programProfileSchema.shape);

// ---------------------------------------------------------------------------
// Service catalogs (realistic names; codes are this project's, stable)
// ---------------------------------------------------------------------------

/** Most WIOA services default to 90 days; training is extendable (seed 002). */
const WIOA_DEFAULT_DAYS = 90;

const svc = (
  code: string,
  name: string,
  defaultDurationDays: number | null,
  extendable = false,
): ServiceDefinition => ({ code, name, defaultDurationDays, extendable });

/** WIOA Title I Adult / Dislocated Worker career and training services. */
const WIOA_ADULT_DW_SERVICES: ServiceDefinition[] = [
  svc('initial-assessment', 'Initial Assessment of Skills and Needs', WIOA_DEFAULT_DAYS),
  svc('comprehensive-assessment', 'Comprehensive and Specialized Assessment', WIOA_DEFAULT_DAYS),
  svc('iep-development', 'Individual Employment Plan Development', WIOA_DEFAULT_DAYS),
  svc('career-counseling', 'Individual Career Counseling', WIOA_DEFAULT_DAYS),
  svc('career-planning', 'Career Planning and Case Management', WIOA_DEFAULT_DAYS),
  svc('job-search-assistance', 'Job Search and Placement Assistance', WIOA_DEFAULT_DAYS),
  svc('labor-market-information', 'Labor Market Information', WIOA_DEFAULT_DAYS),
  svc('prevocational-services', 'Short-Term Prevocational Services', WIOA_DEFAULT_DAYS),
  svc('workforce-preparation', 'Workforce Preparation Activities', WIOA_DEFAULT_DAYS),
  svc('work-experience', 'Work Experience / Internship', WIOA_DEFAULT_DAYS),
  svc('financial-literacy', 'Financial Literacy Services', WIOA_DEFAULT_DAYS),
  svc('english-language-acquisition', 'English Language Acquisition', WIOA_DEFAULT_DAYS),
  svc('out-of-area-job-search', 'Out-of-Area Job Search and Relocation Assistance', WIOA_DEFAULT_DAYS),
  svc('partner-referral', 'Referral to One-Stop Partner Program', WIOA_DEFAULT_DAYS),
  svc('supportive-transportation', 'Supportive Services: Transportation', WIOA_DEFAULT_DAYS),
  svc('supportive-child-care', 'Supportive Services: Child Care', WIOA_DEFAULT_DAYS),
  svc('needs-related-payments', 'Needs-Related Payments', WIOA_DEFAULT_DAYS),
  svc('occupational-skills-training', 'Occupational Skills Training', WIOA_DEFAULT_DAYS, true),
  svc('on-the-job-training', 'On-the-Job Training', WIOA_DEFAULT_DAYS, true),
  svc('registered-apprenticeship', 'Registered Apprenticeship', WIOA_DEFAULT_DAYS, true),
  svc('customized-training', 'Customized Training', WIOA_DEFAULT_DAYS, true),
  svc('skill-upgrading', 'Skill Upgrading and Retraining', WIOA_DEFAULT_DAYS, true),
  svc('entrepreneurial-training', 'Entrepreneurial Training', WIOA_DEFAULT_DAYS, true),
  svc('adult-education-with-training', 'Adult Education and Literacy with Training', WIOA_DEFAULT_DAYS, true),
];

/** WIOA Youth: the youth program elements; counseling up to 180 days (seed 002, WYS09). */
const WIOA_YOUTH_SERVICES: ServiceDefinition[] = [
  svc('objective-assessment', 'Objective Assessment', WIOA_DEFAULT_DAYS),
  svc('iep-development', 'Individual Employment Plan Development', WIOA_DEFAULT_DAYS),
  svc('youth-counseling', 'Comprehensive Guidance and Counseling', 180),
  svc('tutoring-study-skills', 'Tutoring, Study Skills Training and Dropout Prevention', WIOA_DEFAULT_DAYS),
  svc('alternative-secondary-school', 'Alternative Secondary School Services', WIOA_DEFAULT_DAYS),
  svc('work-experience', 'Paid and Unpaid Work Experience', WIOA_DEFAULT_DAYS),
  svc('occupational-skills-training', 'Occupational Skills Training', WIOA_DEFAULT_DAYS, true),
  svc(
    'education-with-workforce-preparation',
    'Education Offered Concurrently with Workforce Preparation',
    WIOA_DEFAULT_DAYS,
  ),
  svc('leadership-development', 'Leadership Development Opportunities', WIOA_DEFAULT_DAYS),
  svc('supportive-services', 'Supportive Services', WIOA_DEFAULT_DAYS),
  svc('adult-mentoring', 'Adult Mentoring', WIOA_DEFAULT_DAYS),
  svc('financial-literacy', 'Financial Literacy Education', WIOA_DEFAULT_DAYS),
  svc('entrepreneurial-skills-training', 'Entrepreneurial Skills Training', WIOA_DEFAULT_DAYS),
  svc('labor-market-information', 'Labor Market and Employment Information', WIOA_DEFAULT_DAYS),
  svc('postsecondary-transition', 'Postsecondary Education and Training Preparation', WIOA_DEFAULT_DAYS),
  svc('job-search-assistance', 'Job Search and Placement Assistance', WIOA_DEFAULT_DAYS),
];

/** Wagner-Peyser Title III employment services (seed 001). */
const WAGNER_PEYSER_SERVICES: ServiceDefinition[] = [
  svc('initial-assessment', 'Initial Assessment', WIOA_DEFAULT_DAYS),
  svc('employment-plan-development', 'Employment Plan Development', WIOA_DEFAULT_DAYS),
  svc('job-search-assistance', 'Job Search Assistance', WIOA_DEFAULT_DAYS),
  svc('job-referral', 'Referral to Employment', WIOA_DEFAULT_DAYS),
  svc('job-search-workshop', 'Job Search Workshop', WIOA_DEFAULT_DAYS),
  svc('resume-assistance', 'Resume Assistance', WIOA_DEFAULT_DAYS),
  svc('career-guidance', 'Career Guidance', WIOA_DEFAULT_DAYS),
  svc('labor-market-information', 'Labor Market Information', WIOA_DEFAULT_DAYS),
  svc('training-information', 'Information on Training and Financial Aid', WIOA_DEFAULT_DAYS),
  svc('partner-referral', 'Referral to WIOA and Partner Programs', WIOA_DEFAULT_DAYS),
];

/** Refugee Social Services case services (seed 004 §3(a)); no default duration. */
const REFUGEE_SS_SERVICES: ServiceDefinition[] = [
  svc('intake', 'Intake', null),
  svc('assessment', 'Assessment', null),
  svc('fsp-edp-development', 'Family Self-Sufficiency Plan / EDP Development', null),
  svc('orientation', 'Orientation', null),
  svc('information-and-referral', 'Information and Referral', null),
  svc('arranging-services', 'Arranging for Services', null),
  svc('esl-arrangement', 'English as a Second Language Arrangement', null),
  svc('citizenship-assistance', 'Citizenship and Permanent Residency Assistance', null),
  svc('job-search-plan', 'Job Search Plan and Job Development', null),
  svc('job-placement', 'Job Placement', null),
  svc('interpretation-translation', 'Interpretation and Translation', null),
  svc('worksite-literacy', 'Worksite Literacy Assistance', null),
  svc('transportation-assistance', 'Transportation Assistance', null),
  svc('child-care-arrangement', 'Child Care Arrangement', null),
  svc('health-care-access', 'Access to Ongoing Health Care', null),
  svc('financial-budgeting', 'Family Financial Budgeting', null),
  svc('follow-up', 'Follow-Up with Family and Service Providers', null),
];

/** TAP: same case services; the citizenship plan is a Social Services duty (004 §3(a)(6)(b)). */
const REFUGEE_TAP_SERVICES: ServiceDefinition[] = REFUGEE_SS_SERVICES.filter(
  (s) => s.code !== 'citizenship-assistance',
);

/** TANF employment work activities and case services (seed 003). */
const TANF_SERVICES: ServiceDefinition[] = [
  svc('fsp-development', 'Family Self-Sufficiency Plan Development', null),
  svc('unsubsidized-employment', 'Unsubsidized Employment', null),
  svc('subsidized-employment', 'Subsidized Employment', null),
  svc('work-experience', 'Work Experience', null),
  svc('on-the-job-training', 'On-the-Job Training', null, true),
  svc('work-search', 'Work Search / Job Readiness', null),
  svc('community-service', 'Community Service', null),
  svc('vocational-education', 'Vocational Educational Training', null, true),
  svc('job-skills-training', 'Job Skills Training', null, true),
  svc('secondary-education', 'Secondary School / GED', null, true),
  svc('work-activity-verification', 'Work Activity Verification', null),
  svc('child-care-request', 'Child Care Request', null),
  svc('supportive-services', 'Supportive Services', null),
  svc('penalty-resolution', 'Penalty Resolution Home Visit', null),
];

// ---------------------------------------------------------------------------
// Defaults (domain.md "Program profiles to ship as defaults")
// ---------------------------------------------------------------------------

/** By default any direct two-way contact counts (domain.md). */
const ALL_DIRECT_METHODS: ContactMethod[] = [...CONTACT_METHODS];

/** Values every program shares unless its profile says otherwise. */
const COMMON = {
  contactMethodsThatCount: ALL_DIRECT_METHODS,
  contactRequiredOnlyWithOpenGoals: false,
  contactEveryScheduledActivity: false,
  noteDueBestPracticeDays: 2, // 24–48 hours (000)
  noteDueRequiredDays: 10, // WI DWD-DET: 10 calendar days (000)
  lateNoteRequiresExplanation: true, // (001)
  planDueWorkingDaysFromOpening: null,
  planReviewMonths: null,
  planReviewAfterEachService: false,
  placementReportWorkingDays: null,
  workSearchMaxWeeksPer12Months: null,
  oneOutcomePerQuarter: false,
  releaseValidityDays: 365,
  irtLeadDays: 14, // "schedule 2 weeks out ... unless client's needs are urgent" (001)
} satisfies Partial<ProgramProfile>;

const WIOA_ADULT_DW_FOLLOW_UP: FollowUpRule = {
  kind: 'from-first-day-of-employment',
  durationMonths: 12,
  skipAfterNonPositiveExit: true,
};

const REFUGEE_EMPLOYER_FOLLOW_UP: FollowUpRule = {
  kind: 'employer-after-employment',
  sameWeek: true,
  days: [30, 60, 90],
  periodicUntilMonths: 18,
  periodicEveryDays: 90,
};

const REFUGEE_COMMON = {
  ...COMMON,
  contactIntervalDays: 30,
  contactRequiredOnlyWithOpenGoals: true,
  planKind: 'FSP+EDP',
  planDueWorkingDaysFromOpening: 30,
  planReviewMonths: 6,
  followUp: REFUGEE_EMPLOYER_FOLLOW_UP,
  placementReportWorkingDays: 10,
  serviceDefaultDurationDays: null,
  oneOutcomePerQuarter: true,
} satisfies Partial<ProgramProfile>;

const defaults: Record<ProfileId, ProgramProfile> = {
  'wioa-adult': {
    ...COMMON,
    id: 'wioa-adult',
    name: 'WIOA Adult',
    shortName: 'WIOA Adult',
    contactIntervalDays: 30, // face-to-face every 30 days (002)
    planKind: 'IEP',
    planReviewAfterEachService: true,
    followUp: WIOA_ADULT_DW_FOLLOW_UP,
    serviceDefaultDurationDays: WIOA_DEFAULT_DAYS,
    services: WIOA_ADULT_DW_SERVICES,
  },
  'wioa-dw': {
    ...COMMON,
    id: 'wioa-dw',
    name: 'WIOA Dislocated Worker',
    shortName: 'WIOA DW',
    contactIntervalDays: 30,
    planKind: 'IEP',
    planReviewAfterEachService: true,
    followUp: WIOA_ADULT_DW_FOLLOW_UP,
    serviceDefaultDurationDays: WIOA_DEFAULT_DAYS,
    services: WIOA_ADULT_DW_SERVICES,
  },
  'wioa-youth': {
    ...COMMON,
    id: 'wioa-youth',
    name: 'WIOA Youth',
    shortName: 'WIOA Youth',
    contactIntervalDays: 30,
    planKind: 'IEP',
    planReviewAfterEachService: true, // 002 applies the IEP review rule to every WIOA participant
    followUp: { kind: 'months-after-exit', months: [1, 3, 5, 8, 12] },
    serviceDefaultDurationDays: WIOA_DEFAULT_DAYS,
    services: WIOA_YOUTH_SERVICES,
  },
  'wagner-peyser': {
    ...COMMON,
    id: 'wagner-peyser',
    name: 'Wagner-Peyser Employment Service',
    shortName: 'Wagner-Peyser',
    contactIntervalDays: null, // "consistent contact ... as appropriate" (001): no fixed rule
    planKind: 'employment-plan',
    followUp: { kind: 'none' },
    serviceDefaultDurationDays: WIOA_DEFAULT_DAYS,
    services: WAGNER_PEYSER_SERVICES,
  },
  'refugee-ss': {
    ...REFUGEE_COMMON,
    id: 'refugee-ss',
    name: 'Refugee Social Services',
    shortName: 'Refugee SS',
    services: REFUGEE_SS_SERVICES,
  },
  'refugee-tap': {
    ...REFUGEE_COMMON,
    id: 'refugee-tap',
    name: 'Refugee Targeted Assistance (TAP)',
    shortName: 'Refugee TAP',
    services: REFUGEE_TAP_SERVICES,
  },
  'tanf-employment': {
    ...COMMON,
    id: 'tanf-employment',
    name: 'TANF Employment Program',
    shortName: 'TANF Employment',
    contactIntervalDays: 30,
    contactEveryScheduledActivity: true,
    planKind: 'FSP',
    followUp: { kind: 'none' },
    serviceDefaultDurationDays: null,
    workSearchMaxWeeksPer12Months: 12, // (003)
    services: TANF_SERVICES,
  },
};

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * The shipped defaults, deeply frozen. Use `loadProfiles` to get a mutable, validated copy
 * with an agency's overrides applied.
 */
export const DEFAULT_PROFILES: Record<ProfileId, ProgramProfile> = deepFreeze(structuredClone(defaults));

// ---------------------------------------------------------------------------
// Loading agency overrides
// ---------------------------------------------------------------------------

/** A bad agency profile config. `issues` holds one plain-words line per problem. */
export class ProfileConfigError extends Error {
  override readonly name = 'ProfileConfigError';
  readonly issues: string[];
  readonly fileName: string | undefined;

  constructor(issues: string[], fileName?: string) {
    const prefix = fileName ? `${fileName}: ` : '';
    super(issues.map((i) => prefix + i).join('\n'));
    this.issues = issues;
    this.fileName = fileName;
  }
}

type PlainObject = Record<string, unknown>;
const isPlainObject = (v: unknown): v is PlainObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Deep merge for overrides: mappings merge key by key; lists and scalars replace
 * (so `contactMethodsThatCount: [face_to_face]` narrows, `services: [...]` replaces the
 * whole catalog). A mapping whose `kind` differs from the default's (e.g. switching the
 * follow-up rule) replaces it wholesale rather than mixing fields of two kinds.
 */
function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return structuredClone(override);
  if ('kind' in override && override.kind !== base.kind) return structuredClone(override);
  const out: PlainObject = structuredClone(base);
  for (const [key, value] of Object.entries(override)) {
    out[key] = key in base ? deepMerge(base[key], value) : structuredClone(value);
  }
  return out;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  try {
    const s = JSON.stringify(value);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(value);
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Turn zod issues on one merged profile into `profiles.<id>.<field>: expected ...` lines. */
function profileIssues(id: string, merged: unknown, error: z.ZodError): string[] {
  const lines: string[] = [];
  for (const issue of error.issues) {
    const path = ['profiles', id, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const parent = issue.path.length === 0 ? PROFILE_FIELDS : null;
      for (const key of issue.keys) {
        const known = parent ? `; known fields are ${list(parent)}` : '';
        lines.push(`${formatPath([...path, key])}: unknown field${known}`);
      }
      continue;
    }
    const got = valueAt(merged, issue.path);
    lines.push(`${formatPath(path)}: ${issue.message} (got ${describe(got)})`);
  }
  return lines;
}

/**
 * Apply an agency override object onto the shipped defaults and validate the result.
 *
 * `overrides` is `{ profiles: { '<profile id>': { ...partial fields } } }`; `undefined`
 * or `null` (e.g. an empty config file) means "use the defaults". Unknown profile ids,
 * unknown fields, and invalid values are errors: all problems are collected and thrown
 * together as one `ProfileConfigError`, each line naming the field path and what was
 * expected. The `id` of a profile cannot be changed.
 */
export function loadProfiles(overrides: unknown): Record<ProfileId, ProgramProfile> {
  const issues: string[] = [];
  let profileOverrides: PlainObject = {};

  if (overrides !== undefined && overrides !== null) {
    if (!isPlainObject(overrides)) {
      throw new ProfileConfigError([
        `expected a mapping with a "profiles" section (got ${describe(overrides)})`,
      ]);
    }
    for (const key of Object.keys(overrides)) {
      if (key !== 'profiles') issues.push(`${key}: unknown section; the only section is "profiles"`);
    }
    const p = overrides.profiles;
    if (p !== undefined && p !== null) {
      if (!isPlainObject(p)) {
        issues.push(`profiles: expected a mapping of profile id to fields (got ${describe(p)})`);
      } else {
        profileOverrides = p;
      }
    }
  }

  for (const [id, value] of Object.entries(profileOverrides)) {
    if (!isProfileId(id)) {
      issues.push(`profiles.${id}: unknown profile id; expected one of ${list(PROFILE_IDS)}`);
    } else if (value !== null && !isPlainObject(value)) {
      issues.push(`profiles.${id}: expected a mapping of fields to override (got ${describe(value)})`);
    } else if (isPlainObject(value) && 'id' in value && value.id !== id) {
      issues.push(`profiles.${id}.id: the profile id cannot be changed (got ${describe(value.id)})`);
    }
  }
  if (issues.length > 0) throw new ProfileConfigError(issues);

  const result = {} as Record<ProfileId, ProgramProfile>;
  for (const id of PROFILE_IDS) {
    const override = profileOverrides[id];
    const merged = isPlainObject(override) ? deepMerge(DEFAULT_PROFILES[id], override) : DEFAULT_PROFILES[id];
    const parsed = programProfileSchema.safeParse(merged);
    if (parsed.success) result[id] = parsed.data;
    else issues.push(...profileIssues(id, merged, parsed.error));
  }
  if (issues.length > 0) throw new ProfileConfigError(issues);
  return result;
}

/**
 * Parse an agency config file's text (YAML, or JSON, which is valid YAML) and load it.
 * Syntax errors and validation errors both become a `ProfileConfigError` whose message
 * starts with `fileName`.
 */
export function parseProfileConfigText(text: string, fileName: string): Record<ProfileId, ProgramProfile> {
  let data: unknown;
  try {
    data = YAML.parse(text);
  } catch (err) {
    const first = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.replace(/:$/, '');
    throw new ProfileConfigError([`could not be read as YAML or JSON: ${first}`], fileName);
  }
  try {
    return loadProfiles(data);
  } catch (err) {
    if (err instanceof ProfileConfigError) throw new ProfileConfigError(err.issues, fileName);
    throw err;
  }
}

// ---------------------------------------------------------------------------
// Co-enrollment: strictest-of rules
// ---------------------------------------------------------------------------

/**
 * The rules a co-enrolled participant is held to (domain.md: "A co-enrolled participant
 * is held to the strictest applicable number").
 *
 * Per-program values (plan kind, follow-up rule, service catalog and durations) are not
 * merged here: they belong to the participant's enrollment in that one program.
 */
export interface EffectiveRules {
  /** The profiles these rules were derived from, in the order given. */
  profileIds: ProfileId[];
  contactIntervalDays: number | null;
  contactMethodsThatCount: ContactMethod[];
  contactRequiredOnlyWithOpenGoals: boolean;
  contactEveryScheduledActivity: boolean;
  noteDueBestPracticeDays: number;
  noteDueRequiredDays: number;
  lateNoteRequiresExplanation: boolean;
  planDueWorkingDaysFromOpening: number | null;
  planReviewMonths: number | null;
  planReviewAfterEachService: boolean;
  placementReportWorkingDays: number | null;
  workSearchMaxWeeksPer12Months: number | null;
  oneOutcomePerQuarter: boolean;
  releaseValidityDays: number;
  irtLeadDays: number;
}

function minOrNull(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : Math.min(...present);
}

/**
 * Combine the profiles of every program a participant is enrolled in. The choice, rule by
 * rule:
 * - Day/month/week limits (contact interval, note due, plan due, plan review, placement
 *   report, work-search cap, release validity): the smallest wins; null ("no rule") never
 *   beats a number, and the result is null only when no profile has the rule.
 * - Counted contact methods: the intersection, taken over the profiles that HAVE a contact
 *   rule (a method resets the clock only if every program with a clock counts it; a
 *   program with no contact rule, like Wagner-Peyser, does not narrow anything). If none
 *   has a contact rule, the intersection over all profiles. May be empty, meaning no
 *   contact satisfies every program: the caller should surface that as a config problem.
 * - Booleans that add a duty (late-note explanation, review after each service, contact
 *   every scheduled activity, one outcome per quarter): any true → true.
 * - The one boolean that relaxes a duty (contact rule only while goals are open): true only
 *   if every profile with a contact rule says so; otherwise the clock always runs.
 * - IRT lead days is a courtesy, not a limit: the longest lead any program asks for, so
 *   each partner gets the notice its program expects.
 */
export function strictestProfile(profiles: ProgramProfile[]): EffectiveRules {
  if (profiles.length === 0) {
    throw new RangeError('strictestProfile needs at least one program profile');
  }
  const withContactRule = profiles.filter((p) => p.contactIntervalDays !== null);
  const methodSources = withContactRule.length > 0 ? withContactRule : profiles;
  const contactMethodsThatCount = CONTACT_METHODS.filter((m) =>
    methodSources.every((p) => p.contactMethodsThatCount.includes(m)),
  );
  const any = (f: (p: ProgramProfile) => boolean) => profiles.some(f);
  const min = (f: (p: ProgramProfile) => number) => Math.min(...profiles.map(f));

  return {
    profileIds: profiles.map((p) => p.id),
    contactIntervalDays: minOrNull(profiles.map((p) => p.contactIntervalDays)),
    contactMethodsThatCount,
    contactRequiredOnlyWithOpenGoals:
      withContactRule.length > 0 && withContactRule.every((p) => p.contactRequiredOnlyWithOpenGoals),
    contactEveryScheduledActivity: any((p) => p.contactEveryScheduledActivity),
    noteDueBestPracticeDays: min((p) => p.noteDueBestPracticeDays),
    noteDueRequiredDays: min((p) => p.noteDueRequiredDays),
    lateNoteRequiresExplanation: any((p) => p.lateNoteRequiresExplanation),
    planDueWorkingDaysFromOpening: minOrNull(profiles.map((p) => p.planDueWorkingDaysFromOpening)),
    planReviewMonths: minOrNull(profiles.map((p) => p.planReviewMonths)),
    planReviewAfterEachService: any((p) => p.planReviewAfterEachService),
    placementReportWorkingDays: minOrNull(profiles.map((p) => p.placementReportWorkingDays)),
    workSearchMaxWeeksPer12Months: minOrNull(profiles.map((p) => p.workSearchMaxWeeksPer12Months)),
    oneOutcomePerQuarter: any((p) => p.oneOutcomePerQuarter),
    releaseValidityDays: min((p) => p.releaseValidityDays),
    irtLeadDays: Math.max(...profiles.map((p) => p.irtLeadDays)),
  };
}
