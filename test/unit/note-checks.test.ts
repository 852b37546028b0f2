import { describe, expect, it } from 'vitest';
import {
  MEDICAL_LEXICON,
  MEDICAL_TERM_COUNT,
  lexiconEntries,
} from '../../src/domain/medical-lexicon';
import {
  checkNoteText,
  highlightWarnings,
  renderServiceNames,
  type NoteWarning,
} from '../../src/domain/note-checks';

/**
 * Reads "Participant is ⟦lazy⟧." as the text without the brackets plus the bracketed spans, so a
 * table row shows exactly which words must be flagged and where.
 */
function marked(source: string): { text: string; spans: { start: number; end: number; matched: string }[] } {
  let text = '';
  const spans: { start: number; end: number; matched: string }[] = [];
  let open = -1;
  for (const ch of source) {
    if (ch === '⟦') open = text.length;
    else if (ch === '⟧') {
      spans.push({ start: open, end: text.length, matched: text.slice(open, text.length) });
      open = -1;
    } else text += ch;
  }
  return { text, spans };
}

const spansOf = (warnings: NoteWarning[]) =>
  warnings.map(({ start, end, matched }) => ({ start, end, matched }));

/** Every warning points at its words, the list is sorted and nothing overlaps. */
function expectWellFormed(text: string, warnings: NoteWarning[]): void {
  let at = 0;
  for (const w of warnings) {
    expect(text.slice(w.start, w.end)).toBe(w.matched);
    expect(w.start).toBeGreaterThanOrEqual(at);
    expect(w.message).toContain(`“${w.matched}”`);
    expect(w.suggestion.length).toBeGreaterThan(20);
    at = w.end;
  }
}

describe('opinions and judgments are flagged with the exact words and offsets (seed 001, seed 004)', () => {
  const rows = [
    '⟦I think⟧ the participant will do well in CDL training.',
    '⟦I THINK⟧ THE SCHEDULE WORKS.',
    'Participant was late; ⟦I believe⟧ the bus schedule changed.',
    '⟦I feel that⟧ she is ready for the interview.',
    '⟦I feel⟧ he is not ready for the forklift test.',
    '⟦It’s my opinion⟧ that the plan should change.',
    "⟦it's my opinion⟧ that the plan should change.",
    '⟦In my opinion⟧, the employer treated him unfairly.',
    '⟦It seems to me⟧ that childcare is the barrier.',
    '⟦It seems⟧ childcare is the barrier.',
    'Participant ⟦seems like⟧ a hard worker.',
    '⟦I assume⟧ the paperwork was mailed on Friday.',
    '⟦I guess⟧ he forgot the appointment.',
    'He will ⟦probably⟧ miss the FAFSA deadline.',
    '⟦Apparently⟧ the employer closed the plant.',
    '⟦Obviously⟧ she needs more help with the application.',
    'Participant has a ⟦bad attitude⟧ about training.',
    'Participant is ⟦lazy⟧ and ⟦unmotivated⟧.',
    'Participant has a ⟦non-compliant attitude⟧ toward the plan.',
    'Participant has a ⟦noncompliant attitude⟧ toward the plan.',
    'Participant ⟦doesn’t care⟧ about the deadline.',
    "Participant ⟦doesn't care⟧ about the deadline.",
    'Participant ⟦does not care⟧ about the deadline.',
    'Participant is ⟦manipulative⟧ with front desk staff.',
    'Participant has an ⟦attitude problem⟧.',
    'A ⟦difficult client⟧ who calls every day.',
    'Participant is a ⟦liar⟧.',
    'Participant was ⟦lying⟧ about the hours worked.',
    'Participant was ⟦rude⟧ to the receptionist.',
    '⟦I think⟧ he will ⟦probably⟧ accept the offer.',
  ];
  it.each(rows)('%s', (row) => {
    const { text, spans } = marked(row);
    const warnings = checkNoteText(text);
    expect(spansOf(warnings)).toEqual(spans);
    expect(warnings.every((w) => w.kind === 'opinion')).toBe(true);
    expectWellFormed(text, warnings);
  });

  it('says in plain words what is wrong and what to write instead', () => {
    const [w] = checkNoteText('I think she is ready.');
    expect(w).toEqual({
      kind: 'opinion',
      start: 0,
      end: 7,
      matched: 'I think',
      message: '“I think” is an opinion. Describe what you saw or what the participant said.',
      suggestion: expect.stringContaining('Participant stated'),
    });
    const [attitude] = checkNoteText('Participant has a bad attitude.');
    expect(attitude?.message).toBe(
      '“bad attitude” judges the participant’s attitude. Describe behavior, not attitude.',
    );
    expect(attitude?.suggestion).toContain(
      'Client stated they don’t want to participate in any training unless they get paid for it.',
    );
  });

  it('keeps the longest of overlapping phrases: “It seems to me” is one warning, not two', () => {
    const warnings = checkNoteText('It seems to me that he is ready.');
    expect(spansOf(warnings)).toEqual([{ start: 0, end: 14, matched: 'It seems to me' }]);
  });

  const notOpinions = [
    'Participant stated, “I think I can start Monday.”',
    'Participant said "I feel ready for the interview" and asked for a mock interview.',
    'Participant reported a hostile work environment at the warehouse.',
    'Participant was lying down when CM called; CM will call back at 2 pm.',
    'Unreliable transportation is a barrier to the 6 am shift.',
    'Participant appeared for the 10:00 appointment on time.',
    'Participant thinks the evening schedule will work with childcare.',
    'Participant completed the first week of course work.',
  ];
  it.each(notOpinions)('does not flag: %s', (text) => {
    expect(checkNoteText(text)).toEqual([]);
  });
});

describe('medical detail is flagged: a note may say a condition exists, never what it is (seed 001)', () => {
  /** [sentence, the words that must be flagged] — diagnoses, medications, procedures, settings. */
  const truePositives: [string, string][] = [
    // diagnoses and conditions
    ['Participant has diabetes and checks sugar at lunch.', 'diabetes'],
    ['Participant is diabetic.', 'diabetic'],
    ['Participant was diagnosed with Type II diabetes last year.', 'Type II diabetes'],
    ['Participant has high blood pressure.', 'high blood pressure'],
    ['Participant reported hypertension.', 'hypertension'],
    ['Participant uses an inhaler for asthma.', 'asthma'],
    ['Participant has COPD and cannot work in dust.', 'COPD'],
    ['Participant is in treatment for breast cancer.', 'breast cancer'],
    ['Participant’s leukemia is in remission.', 'leukemia'],
    ['Participant is HIV-positive.', 'HIV-positive'],
    ['Participant has AIDS.', 'AIDS'],
    ['Participant has Hep C.', 'Hep C'],
    ['Participant had a heart attack in May.', 'heart attack'],
    ['Participant had a stroke last year.', 'stroke'],
    ['Participant has multiple sclerosis.', 'multiple sclerosis'],
    ['Participant has epilepsy.', 'epilepsy'],
    ['Participant had two seizures at the last job.', 'seizures'],
    ['Participant has kidney failure.', 'kidney failure'],
    ['Participant’s Crohn’s disease flares up.', 'Crohn’s disease'],
    ['Participant’s father has Parkinsons.', 'Parkinsons'],
    ['Participant has sickle cell anemia.', 'sickle cell anemia'],
    ['Participant tested positive for TB.', 'TB'],
    ['Participant has COVID and will reschedule.', 'COVID'],
    ['Participant has the flu.', 'flu'],
    ['Participant’s mother has ALS.', 'ALS'],
    // mental health
    ['Participant has depression.', 'depression'],
    ['Participant has major depressive disorder.', 'major depressive disorder'],
    ['Participant has bipolar disorder.', 'bipolar disorder'],
    ['Participant was diagnosed with schizophrenia.', 'schizophrenia'],
    ['Participant has PTSD from military service.', 'PTSD'],
    ['Participant has an anxiety disorder.', 'anxiety disorder'],
    ['Participant has panic attacks on the bus.', 'panic attacks'],
    ['Participant has ADHD.', 'ADHD'],
    ['Participant’s son has autism.', 'autism'],
    ['Participant is autistic.', 'autistic'],
    ['Participant has a learning disability.', 'learning disability'],
    // substance use
    ['Participant has a substance use disorder.', 'substance use disorder'],
    ['Participant is in recovery from alcoholism.', 'alcoholism'],
    ['Participant has opioid use disorder.', 'opioid use disorder'],
    ['Participant used opioids in the past.', 'opioids'],
    ['Participant goes to AA meetings on Mondays.', 'AA meetings'],
    // pregnancy (policy: pregnancy is medical detail)
    ['Participant is pregnant.', 'pregnant'],
    ['Participant has prenatal appointments on Tuesdays.', 'prenatal'],
    ['Participant had a miscarriage.', 'miscarriage'],
    ['Participant is recovering from a C-section.', 'C-section'],
    // medications, generic and brand, and classes
    ['Participant takes metformin.', 'metformin'],
    ['Participant takes insulin twice a day.', 'insulin'],
    ['Participant takes lisinopril.', 'lisinopril'],
    ['Participant takes sertraline.', 'sertraline'],
    ['Participant takes Zoloft.', 'Zoloft'],
    ['Participant takes fluoxetine.', 'fluoxetine'],
    ['Participant takes Prozac.', 'Prozac'],
    ['Participant takes Adderall.', 'Adderall'],
    ['Participant doses at the clinic: methadone.', 'methadone'],
    ['Participant is prescribed Suboxone.', 'Suboxone'],
    ['Participant takes buprenorphine.', 'buprenorphine'],
    ['Participant was prescribed oxycodone after the accident.', 'oxycodone'],
    ['Participant takes gabapentin.', 'gabapentin'],
    ['Participant takes Xanax.', 'Xanax'],
    ['Participant takes PrEP.', 'PrEP'],
    ['Participant takes antidepressants.', 'antidepressants'],
    ['Participant takes an antipsychotic medication.', 'antipsychotic'],
    ['Participant stopped taking benzodiazepines.', 'benzodiazepines'],
    // procedures
    ['Participant starts chemotherapy on 3/2.', 'chemotherapy'],
    ['Participant has chemo on Fridays.', 'chemo'],
    ['Participant goes to dialysis three times a week.', 'dialysis'],
    ['Participant had two biopsies.', 'biopsies'],
    ['Participant is scheduled for knee replacement surgery.', 'knee replacement'],
    ['Participant has an MRI on Thursday.', 'MRI'],
    // settings and specialists that give the diagnosis away
    ['Participant is in detox until 4/2.', 'detox'],
    ['Participant is in drug rehab.', 'drug rehab'],
    ['Participant went to rehab in March.', 'to rehab'],
    ['Participant was admitted to a psychiatric hospital.', 'psychiatric'],
    ['Participant spent a week in the psych ward.', 'psych ward'],
    ['Participant sees an oncologist every month.', 'oncologist'],
    // injuries and specific disabilities
    ['Participant has a traumatic brain injury.', 'traumatic brain injury'],
    ['Participant is legally blind.', 'legally blind'],
    ['Participant is deaf.', 'deaf'],
    ['Participant has a broken wrist.', 'broken wrist'],
  ];
  it('the table has at least 60 true positives', () => expect(truePositives.length).toBeGreaterThanOrEqual(60));
  it.each(truePositives)('%s → flags “%s”', (text, words) => {
    const warnings = checkNoteText(text);
    expect(warnings).toHaveLength(1);
    const [w] = warnings;
    expect(w?.kind).toBe('medical');
    expect(w?.matched).toBe(words);
    expect(w?.start).toBe(text.indexOf(words));
    expectWellFormed(text, warnings);
  });

  it('says what the term reveals and what to write instead', () => {
    const [w] = checkNoteText('Participant takes Zoloft.');
    expect(w?.message).toBe(
      '“Zoloft” names a medication. A note may say a medical condition or disability exists, never what it is.',
    );
    expect(w?.suggestion).toContain('Participant has a medical need that affects');
  });

  it('flags a diagnosis even inside the participant’s quoted words — quoting it still files it', () => {
    const text = 'Participant stated, “I have diabetes and need a lunch break.”';
    expect(checkNoteText(text).map((w) => w.matched)).toEqual(['diabetes']);
  });

  /** Phrases a case note really contains that must pass. */
  const falsePositives: string[] = [
    // from issue 3
    'Participant enrolled in medical assistant training at Lakeshore Tech.',
    'Participant attended the Mercy Hospital job fair on 12/4.',
    'Participant completed the pharmacy technician certificate.',
    "The participant's doctor's note was received and placed in the file.",
    // health-care careers and employers
    'Participant started the certified nursing assistant (CNA) program.',
    'Participant accepted a home health aide job with Sunrise Senior Living.',
    'Participant is in the dialysis technician training at DaVita.',
    'Participant was accepted into the MRI technologist program.',
    'Participant applied for the psychiatric technician opening at the state hospital.',
    'Participant interviewed for the oncology unit secretary position.',
    'Participant completed dementia care certification for CNA students.',
    'Participant has a hospice aide job interview on Monday.',
    'Participant starts a volunteer job with the American Cancer Society.',
    'Participant attended an info session by the American Diabetes Association.',
    'Participant volunteered at the HIV/AIDS Walk registration table.',
    // existence of a condition, disability or need is allowed
    'A medical condition prevents lifting more than 20 lbs.',
    'Participant has a disability and requested an accommodation.',
    'ADA accommodation form signed by employer.',
    'Barrier: health care access; participant has no primary care provider.',
    'Participant accepted a mental health services referral.',
    'Participant has a scheduled medical procedure and is unavailable until 3/14.',
    'Hospital stay expected to continue for more than 90 days; exemption termination entered.',
    'The health/medical condition of the participant precludes entry into employment.',
    'Participant expressed anxiety about the interview; CM scheduled a mock interview.',
    'Participant completed trauma-informed care training as part of the peer specialist course.',
    // routine screenings, vaccinations and drug tests that employers require
    'TB test and Hep B vaccination series are required for the clinical placement.',
    'Participant got a flu shot at the county clinic as required by the employer.',
    'Participant passed the drug screen for the warehouse job.',
    'Participant completed CPR/First Aid certification.',
    'Participant completed Narcan training at the recovery center job orientation.',
    // economics, property and everyday words
    'Depressed wages in the region make the commute worth it.',
    'Participant lost savings in the economic depression of 2008.',
    'Family came to the U.S. after the Great Depression-era farm was sold.',
    'Participant shot a video résumé for the application.',
    'It was a stroke of luck that the employer called back.',
    'Participant received an asset seizure notice from the court.',
    'Participant completed lithium battery handling certification.',
    'Participant completed TIPS certification for serving alcoholic beverages.',
    'Participant lost the job during COVID and has not worked since.',
    'Participant withdrew; withdrawal from the program entered.',
    'Ms. Garcia completed the MS Word and MS Excel class.',
    'Participant will do interview prep and work as a meal prep cook.',
    'Participant used visual aids in the presentation; financial aid approved.',
    'Referred to Vocational Rehabilitation (DVR) for an assessment.',
    'Referred to vocational rehab for an assessment.',
    'Participant completed an AA degree in 2019.',
    'Participant reviewed the full spectrum of services; on the spectrum of options, training ranked first.',
    'Participant and CM reviewed the Pregnant Workers Fairness Act poster at the employer.',
  ];
  it('the false-positive table has at least 25 entries', () =>
    expect(falsePositives.length).toBeGreaterThanOrEqual(25));
  it.each(falsePositives)('does not flag: %s', (text) => {
    expect(checkNoteText(text)).toEqual([]);
  });
});

describe('the medical lexicon (medical-lexicon.ts)', () => {
  it('is real: hundreds of terms across diagnoses, medications, procedures and settings', () => {
    expect(MEDICAL_TERM_COUNT).toBeGreaterThanOrEqual(400);
    expect(lexiconEntries()).toHaveLength(MEDICAL_TERM_COUNT);
    const sizes = Object.fromEntries(
      MEDICAL_LEXICON.map((g) => [g.group, g.terms.length + (g.exact?.length ?? 0)]),
    );
    expect(sizes['diagnosis']).toBeGreaterThanOrEqual(100);
    expect(sizes['medication']).toBeGreaterThanOrEqual(150);
    expect(sizes['procedure']).toBeGreaterThanOrEqual(40);
  });

  it('lists no term twice', () => {
    const seen = new Map<string, number>();
    for (const { term } of lexiconEntries()) seen.set(term.toLowerCase(), (seen.get(term.toLowerCase()) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
  });

  /** The plainest spelling of a term: optional parts left out, the first choice of each set. */
  const plain = (term: string) =>
    term.replace(/\[[^\]]*\]/g, '').replace(/\(([^|)]*)[^)]*\)/g, '$1');

  it('finds every term, written plainly, as a warning of its own', () => {
    const missed: string[] = [];
    for (const { term } of lexiconEntries()) {
      const words = plain(term);
      const text = `Participant reported ${words} today.`;
      const found = checkNoteText(text).map((w) => w.matched);
      if (found.length !== 1 || found[0] !== words) missed.push(`${term} → ${JSON.stringify(found)}`);
    }
    expect(missed).toEqual([]);
  });

  it('handles plurals, spelling variants and apostrophes', () => {
    const found = (t: string) => checkNoteText(t).map((w) => w.matched);
    expect(found('Participant reported migraines, tumors and metastases.')).toEqual([
      'migraines',
      'tumors',
      'metastases',
    ]);
    expect(found('Two colonoscopies and 12-step meetings.')).toEqual([
      'colonoscopies',
      '12-step meetings',
    ]);
    expect(found('Participant has Alzheimer’s; his brother has Alzheimers disease.')).toEqual([
      'Alzheimer’s',
      'Alzheimers disease',
    ]);
    expect(found('post traumatic stress disorder, open heart surgery, A-fib')).toEqual([
      'post traumatic stress disorder',
      'open heart surgery',
      'A-fib',
    ]);
  });

  it('keeps the longest term: “bipolar disorder” is one warning, not “bipolar” plus more', () => {
    expect(spansOf(checkNoteText('Participant has bipolar disorder.'))).toEqual([
      { start: 16, end: 32, matched: 'bipolar disorder' },
    ]);
  });

  it('matches acronyms that are everyday words in lower case only in capitals', () => {
    expect(checkNoteText('Participant has AIDS.').map((w) => w.matched)).toEqual(['AIDS']);
    expect(checkNoteText('Participant uses hearing aids and visual aids.')).toEqual([]);
    expect(checkNoteText('Participant finished GED prep.')).toEqual([]);
  });
});

describe('a realistic 3,000-character note with several problems', () => {
  const note = `11/20 10:00-10:50, face-to-face, Eastside American Job Center, Room 2. Present: participant and case manager (CM). Reason: monthly check-in on the employment plan and review of training progress.

Participant reported completing weeks 5 and 6 of the medical assistant training at Lakeshore Technical College. Attendance sheet shows 9 of 10 sessions attended; the missed session on 11/12 was excused with a doctor's note, which was received and placed in the file. Instructor (R. Patel) confirmed by email on 11/18 that participant passed the injections skills check with a score of 92%. ⟦I think⟧ she is one of the strongest students in the cohort. CM reviewed the employment plan goal (medical assistant, $18/hr, full-time by June); participant confirmed it is unchanged.

Participant stated that her TB test and Hep B vaccination series for the clinical externship are complete; copies were uploaded 11/19. The externship site is Mercy Hospital, outpatient clinic, starting 1/6. Participant will also attend the Mercy Hospital job fair on 12/4 at 9:00 and asked for help printing five copies of her résumé.

Participant reported that she lost her previous job during COVID and has not worked in a clinic since 2021. She stated that she is ⟦pregnant⟧, due in April, and asked whether the externship can be completed before then. She also said she takes ⟦Zoloft⟧ for ⟦depression⟧ and sometimes feels tired in the morning. Participant has a medical condition that may affect the externship schedule; CM will contact the externship coordinator about an accommodation with participant's written release.

Participant was 25 minutes late to the appointment. She ⟦probably⟧ missed the 9:15 bus again. Her previous case manager wrote that she has a ⟦bad attitude⟧, but in today's meeting she completed every task on the checklist. ⟦It seems⟧ that childcare is the main barrier: participant stated, "My sister can only watch the kids on Tuesdays and Thursdays." CM gave participant the list of licensed childcare providers and the childcare assistance application; participant will return the application by 11/26.

Supportive services: CM approved a bus pass for December ($64) to attend training and the externship orientation; receipt signed. Participant asked for help with scrubs and shoes for the externship; CM explained the uniform allowance (up to $150) and participant will bring the price quote by 12/1. Participant signed an updated release of information for the college.

Participant asked about counseling; CM gave the referral for mental health services at Eastside Family Services and participant will call this week.

Next steps: (1) participant returns the childcare application by 11/26; (2) CM contacts the externship coordinator about an accommodation by 11/24; (3) participant attends the job fair 12/4 with five printed résumés; (4) next appointment 12/9 at 10:00, face-to-face, at the Eastside American Job Center, Room 2.`;

  it('flags exactly the opinions and the medical detail, in order, at their offsets', () => {
    const { text, spans } = marked(note);
    expect(text.length).toBeGreaterThan(2_800);
    expect(text.length).toBeLessThanOrEqual(3_000);
    const warnings = checkNoteText(text);
    expect(spansOf(warnings)).toEqual(spans);
    expect(warnings.map((w) => [w.kind, w.matched])).toEqual([
      ['opinion', 'I think'],
      ['medical', 'pregnant'],
      ['medical', 'Zoloft'],
      ['medical', 'depression'],
      ['opinion', 'probably'],
      ['opinion', 'bad attitude'],
      ['opinion', 'It seems'],
    ]);
    expectWellFormed(text, warnings);
  });

  it('passes once revised the way the suggestions say', () => {
    const { text } = marked(note);
    const revised = text
      .replace('I think she is one of the strongest students in the cohort.', 'Instructor rated her first of 14 in the cohort.')
      .replace('she is pregnant, due in April, and asked', 'she has a medical condition and asked')
      .replace('She also said she takes Zoloft for depression and sometimes feels tired in the morning. ', '')
      .replace('She probably missed the 9:15 bus again.', 'Participant stated she missed the 9:15 bus.')
      .replace('Her previous case manager wrote that she has a bad attitude, but in', 'In')
      .replace('It seems that childcare is the main barrier:', 'Childcare is a barrier:');
    expect(checkNoteText(revised)).toEqual([]);
  });

  it('is checked quickly enough to run on every submission', () => {
    const { text } = marked(note);
    checkNoteText(text);
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) checkNoteText(text);
    expect((performance.now() - t0) / 10).toBeLessThan(100);
  });
});

describe('highlightWarnings: the note as Slack mrkdwn with the flagged words marked', () => {
  it('marks each flagged span as inline code and escapes &, < and > everywhere', () => {
    const text = 'I think <Maria> & the employer probably agreed on Zoloft.';
    const out = highlightWarnings(text, checkNoteText(text));
    expect(out).toBe('`I think` &lt;Maria&gt; &amp; the employer `probably` agreed on `Zoloft`.');
  });

  it('escapes inside a marked span too', () => {
    const w: NoteWarning = {
      kind: 'opinion',
      start: 2,
      end: 9,
      matched: '<b> & c',
      message: 'x',
      suggestion: 'y',
    };
    expect(highlightWarnings('a <b> & c d', [w])).toBe('a `&lt;b&gt; &amp; c` d');
  });

  it('returns the escaped text when there is nothing to mark', () => {
    expect(highlightWarnings('<!channel> met & agreed', [])).toBe('&lt;!channel&gt; met &amp; agreed');
  });

  it('ignores warnings that do not fit the text or overlap one already marked', () => {
    const text = 'I think so.';
    const [w] = checkNoteText(text);
    expect(w).toBeDefined();
    const stale = { ...w!, start: 5, end: 40 };
    const overlapping = { ...w!, start: 2, end: 7 };
    expect(highlightWarnings(text, [w!, stale, overlapping])).toBe('`I think` so.');
  });
});

describe('renderServiceNames: several services in one note are written in ALL CAPS (seed 001)', () => {
  const services = ['Occupational Skills Training', 'Job Search Assistance'];

  it('capitalizes each service name wherever it appears and lists them in the subject', () => {
    const body =
      'Discussed occupational skills training progress. Provided job search assistance: ' +
      'reviewed two postings. Next: more Job  Search Assistance and Occupational Skills Training hours.';
    expect(renderServiceNames(body, services)).toEqual({
      body:
        'Discussed OCCUPATIONAL SKILLS TRAINING progress. Provided JOB SEARCH ASSISTANCE: ' +
        'reviewed two postings. Next: more JOB SEARCH ASSISTANCE and OCCUPATIONAL SKILLS TRAINING hours.',
      subject: 'Occupational Skills Training, Job Search Assistance',
    });
  });

  it('replaces whole phrases only, and a longer name wins over a shorter one inside it', () => {
    const out = renderServiceNames('Training plan: occupational skills training; trainings.', [
      'Training',
      'Occupational Skills Training',
    ]);
    expect(out.body).toBe('TRAINING plan: OCCUPATIONAL SKILLS TRAINING; trainings.');
    expect(out.subject).toBe('Training, Occupational Skills Training');
  });

  it('leaves one service unchanged in the body and none to the caller', () => {
    expect(renderServiceNames('job search assistance', ['Job Search Assistance'])).toEqual({
      body: 'job search assistance',
      subject: 'Job Search Assistance',
    });
    expect(renderServiceNames('Called participant.', [])).toEqual({
      body: 'Called participant.',
      subject: '',
    });
  });

  it('drops blank and repeated names', () => {
    expect(renderServiceNames('x', [' Job Search Assistance ', 'job search assistance', '']).subject).toBe(
      'Job Search Assistance',
    );
  });
});
