// The case-note vocabulary of the benchmark: a base list of real case-management words, their
// derived forms and prefixed compounds (a few thousand words in all), ranked and sampled with a
// Zipf-like frequency, plus a tail of rare proper nouns (employers). Everything is derived
// deterministically from the seed, so the same search terms hit the same notes on every run.
import { checkNoteText } from '../src/domain/note-checks';
import { AliasTable, createRng, zipfWeights, type Rng } from './prng';

/** The words every note is made of, most frequent first within each tier. */
const TOP = [
  'the', 'participant', 'and', 'to', 'for', 'with', 'job', 'of', 'on', 'discussed', 'a', 'employment', 'will', 'in',
  'resume', 'at', 'interview', 'was', 'appointment', 'services', 'work', 'reviewed', 'plan', 'next', 'week', 'about',
  'application', 'training', 'from', 'called', 'schedule', 'program', 'hours', 'her', 'his', 'their', 'by', 'referral',
  'transportation', 'housing', 'provided', 'goal', 'employer', 'no', 'not', 'also', 'after', 'before', 'support',
] as const;

const TOP_NOUNS: ReadonlySet<string> = new Set([
  'participant', 'job', 'employment', 'resume', 'interview', 'appointment', 'services', 'work', 'plan', 'application',
  'training', 'schedule', 'program', 'hours', 'referral', 'transportation', 'housing', 'goal', 'employer', 'support',
]);

const FUNCTION_WORDS = [
  'is', 'has', 'had', 'be', 'an', 'this', 'that', 'per', 'as', 'all', 'during', 'until', 'any', 'both', 'other', 'same',
  'more', 'each', 'into', 'over', 'again', 'today', 'yesterday', 'tomorrow', 'morning', 'afternoon', 'evening', 'still',
  'already', 'soon', 'then', 'when', 'because', 'so', 'if', 'or', 'but', 'who', 'which', 'she', 'he', 'they', 'them',
] as const;

const NOUNS = [
  'client', 'applicant', 'position', 'opening', 'posting', 'offer', 'hire', 'shift', 'wage', 'paycheck', 'paystub',
  'orientation', 'workshop', 'career', 'skill', 'computer', 'email', 'phone', 'voicemail', 'message', 'document',
  'identification', 'passport', 'visa', 'card', 'certificate', 'form', 'packet', 'folder', 'supervisor', 'coworker',
  'manager', 'deadline', 'budget', 'bill', 'utility', 'deposit', 'voucher', 'shelter', 'apartment', 'address', 'letter',
  'notice', 'hearing', 'court', 'probation', 'attorney', 'fee', 'fine', 'payment', 'stipend', 'clothing', 'uniform',
  'boot', 'tool', 'laptop', 'internet', 'library', 'office', 'center', 'agency', 'partner', 'provider', 'volunteer',
  'mentor', 'family', 'spouse', 'child', 'parent', 'household', 'sponsor', 'counselor', 'coach', 'staff', 'team',
  'meeting', 'contact', 'attempt', 'progress', 'barrier', 'need', 'strength', 'outcome', 'placement', 'retention',
  'credential', 'apprenticeship', 'internship', 'worksite', 'warehouse', 'forklift', 'license', 'permit', 'factory',
  'construction', 'retail', 'hospitality', 'restaurant', 'kitchen', 'cashier', 'cleaning', 'driver', 'delivery',
  'welding', 'electrician', 'plumbing', 'customer', 'logistics', 'assembly', 'machine', 'operator', 'technician',
  'clerk', 'reception', 'cook', 'dishwasher', 'housekeeping', 'landscaping', 'security', 'guard', 'bank', 'account',
  'credit', 'loan', 'tax', 'refund', 'saving', 'transit', 'route', 'ride', 'gas', 'mileage', 'reimbursement', 'receipt',
  'invoice', 'fund', 'funding', 'eligibility', 'verification', 'enrollment', 'intake', 'exit', 'case', 'file', 'note',
  'record', 'release', 'consent', 'signature', 'copy', 'portal', 'login', 'password', 'website', 'profile', 'reference',
  'background', 'paperwork', 'availability', 'weekend', 'rental', 'assistance', 'emergency', 'food', 'pantry',
  'grocery', 'coat', 'winter', 'daycare', 'childcare', 'school', 'class', 'diploma', 'english', 'language', 'interpreter',
  'benefit', 'insurance', 'bus', 'pass', 'car', 'vehicle', 'repair', 'landlord', 'lease', 'rent', 'eviction', 'county',
  'state', 'city', 'department', 'unit', 'caseload', 'timesheet', 'attendance', 'test', 'exam', 'score', 'level',
  'course', 'instructor', 'tutor', 'homework', 'degree', 'college', 'campus', 'scholarship', 'grant', 'tuition',
  'book', 'supply', 'equipment', 'phonecall', 'text', 'mail', 'fax', 'scan', 'printer', 'calendar', 'reminder',
  'update', 'status', 'change', 'request', 'question', 'answer', 'concern', 'issue', 'problem', 'option', 'choice',
  'step', 'task', 'action', 'item', 'list', 'timeline', 'date', 'time', 'day', 'month', 'year', 'quarter', 'season',
  'holiday', 'schedule', 'overtime', 'raise', 'promotion', 'evaluation', 'review', 'feedback', 'coverage', 'premium',
  'subsidy', 'allowance', 'incentive', 'bonus', 'benefits', 'snap', 'tanf', 'wic', 'ssi', 'unemployment', 'claim',
  'decision', 'appeal', 'denial', 'approval', 'extension', 'sanction', 'exemption', 'requirement', 'activity',
  'participation', 'compliance', 'hour', 'minute', 'session', 'conference', 'visit', 'home', 'neighborhood', 'bike',
] as const;

const VERBS = [
  'discuss', 'review', 'complete', 'submit', 'schedule', 'attend', 'miss', 'call', 'email', 'text', 'provide', 'refer',
  'explain', 'assist', 'help', 'update', 'upload', 'print', 'sign', 'receive', 'request', 'confirm', 'verify', 'apply',
  'interview', 'hire', 'start', 'finish', 'enroll', 'register', 'practice', 'prepare', 'search', 'contact', 'inform',
  'remind', 'agree', 'plan', 'identify', 'arrange', 'coordinate', 'pick', 'drop', 'deliver', 'pay', 'purchase',
  'approve', 'deny', 'follow', 'return', 'report', 'state', 'share', 'show', 'scan', 'fax', 'translate', 'mail',
  'notify', 'encourage', 'connect', 'transfer', 'obtain', 'renew', 'replace', 'check', 'ask', 'answer', 'plan', 'set',
  'book', 'cancel', 'confirm', 'document', 'record', 'track', 'monitor', 'assess', 'screen', 'test', 'train', 'teach',
  'learn', 'study', 'pass', 'fail', 'earn', 'save', 'budget', 'borrow', 'move', 'relocate', 'visit', 'meet', 'join',
  'leave', 'quit', 'resign', 'accept', 'decline', 'negotiate', 'write', 'edit', 'draft', 'fill', 'file', 'send',
  'forward', 'copy', 'attach', 'collect', 'gather', 'bring', 'drive', 'walk', 'commute', 'work', 'volunteer', 'graduate',
] as const;

const ADJECTIVES = [
  'new', 'current', 'previous', 'full', 'part', 'weekly', 'monthly', 'local', 'online', 'remote', 'available',
  'interested', 'eligible', 'ineligible', 'required', 'complete', 'incomplete', 'temporary', 'permanent', 'seasonal',
  'overnight', 'stable', 'affordable', 'reliable', 'safe', 'early', 'late', 'short', 'long', 'open', 'closed', 'active',
  'final', 'initial', 'additional', 'certified', 'official', 'signed', 'unsigned', 'paid', 'unpaid', 'hourly', 'annual',
  'daily', 'quarterly', 'upcoming', 'recent', 'missing', 'expired', 'valid', 'verbal', 'written', 'printed', 'digital',
  'public', 'private', 'shared', 'nearby', 'distant', 'flexible', 'fixed', 'standard', 'basic', 'advanced', 'entry',
] as const;

const PREFIXES = ['re', 'pre', 'non', 'co', 'sub', 'post', 'self', 'over', 'under', 'multi', 'inter', 'semi', 'out', 'up'] as const;

const IRREGULAR_PAST: Record<string, string> = {
  meet: 'met', send: 'sent', bring: 'brought', drive: 'drove', leave: 'left', pay: 'paid', write: 'wrote', set: 'set',
  quit: 'quit', teach: 'taught', show: 'showed', learn: 'learned', study: 'studied', fill: 'filled', drop: 'dropped',
  plan: 'planned', ship: 'shipped', commute: 'commuted', text: 'texted', fax: 'faxed',
};

/** Verbs that double their last consonant: plan → planned, refer → referred. */
const DOUBLING = new Set(['plan', 'drop', 'ship', 'set', 'quit', 'scan', 'refer', 'transfer', 'submit', 'admit', 'commit', 'stop']);

function pastOf(v: string): string {
  if (IRREGULAR_PAST[v]) return IRREGULAR_PAST[v];
  if (DOUBLING.has(v)) return `${v}${v.at(-1)}ed`;
  if (v.endsWith('e')) return `${v}d`;
  if (/[^aeiou]y$/.test(v)) return `${v.slice(0, -1)}ied`;
  return `${v}ed`;
}

function ingOf(v: string): string {
  if (v.endsWith('ie')) return `${v.slice(0, -2)}ying`;
  if (v.endsWith('e') && !v.endsWith('ee')) return `${v.slice(0, -1)}ing`;
  if (DOUBLING.has(v)) return `${v}${v.at(-1)}ing`;
  return `${v}ing`;
}

function pluralOf(n: string): string {
  if (/(s|x|ch|sh)$/.test(n)) return `${n}es`;
  if (/[^aeiou]y$/.test(n)) return `${n.slice(0, -1)}ies`;
  return `${n}s`;
}

const SYLLABLES = [
  'ka', 'lo', 'ven', 'dor', 'mi', 'tre', 'sol', 'bar', 'qui', 'zen', 'ra', 'mon', 'tal', 'vik', 'sor', 'ne', 'bel',
  'fa', 'gri', 'hol', 'jun', 'kel', 'lum', 'mar', 'nor', 'pel', 'quo', 'rin', 'sta', 'tov', 'ul', 'var', 'wes', 'xan',
  'yor', 'zal', 'bro', 'cri', 'dal', 'elm', 'fen', 'gar', 'hux', 'ist', 'jor', 'kip', 'lan', 'mox', 'nix', 'oba',
];
const EMPLOYER_KINDS = ['Logistics', 'Foods', 'Manufacturing', 'Staffing', 'Health', 'Hotel', 'Market', 'Cleaning', 'Construction', 'Motors'];

export interface Vocabulary {
  /** Every distinct word, in rank order (most frequent first). */
  words: string[];
  nouns: string[];
  verbsPast: string[];
  verbsIng: string[];
  adjectives: string[];
  /** Rare proper nouns (single tokens), each in roughly a hundred notes. */
  employers: string[];
  employerKinds: string[];
}

/**
 * Builds the vocabulary. Words the note checks would flag (opinion or medical terms) are left
 * out, so generated quick entries and modal notes save without a warning round trip.
 */
export function buildVocabulary(seed = 7): Vocabulary {
  const rng = createRng(seed);
  const clean = (w: string) => /^[a-z]+$/i.test(w) && checkNoteText(w).length === 0;
  const seen = new Set<string>();
  const take = (list: Iterable<string>) => {
    const out: string[] = [];
    for (const w of list) {
      if (seen.has(w) || !clean(w)) continue;
      seen.add(w);
      out.push(w);
    }
    return out;
  };
  const shuffle = <T>(xs: T[]) => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  };
  const top = take(TOP);
  const fn = take(FUNCTION_WORDS);
  const nouns = take(shuffle([...NOUNS]));
  const verbBases = [...new Set(VERBS)];
  const past = take(shuffle(verbBases.map(pastOf)));
  const ing = take(shuffle(verbBases.map(ingOf)));
  const adjectives = take(shuffle([...ADJECTIVES]));
  const base = [...fn, ...nouns.slice(0, 120), ...past.slice(0, 60), ...adjectives.slice(0, 30)];
  const derived = take(
    shuffle([
      ...NOUNS.map(pluralOf),
      ...verbBases.map((v) => (/(s|x|ch|sh)$/.test(v) ? `${v}es` : `${v}s`)),
      ...ADJECTIVES.map((a) => (a.endsWith('y') ? `${a.slice(0, -1)}ily` : `${a}ly`)),
      ...verbBases.map((v) => `${v}er`),
    ]),
  );
  const compounds = take(
    shuffle(
      PREFIXES.flatMap((p) => [...NOUNS, ...verbBases.map(pastOf), ...ADJECTIVES].map((w) => `${p}${w}`)),
    ),
  ).slice(0, 3200);
  const rest = shuffle([...nouns.slice(120), ...past.slice(60), ...ing, ...adjectives.slice(30)]);
  const words = [...top, ...base, ...rest, ...derived, ...compounds];

  // Rare employer names: made-up single tokens that are no prefix of any other word (search
  // is by prefix), and no other word is a prefix of them.
  const employers: string[] = [];
  const all = new Set(words);
  const isPrefixClash = (name: string) => {
    for (const w of all) if (w.startsWith(name) || name.startsWith(w)) return true;
    return false;
  };
  while (employers.length < 1000) {
    const n = 2 + rng.int(2);
    let name = '';
    for (let i = 0; i < n; i++) name += rng.pick(SYLLABLES);
    if (name.length < 6 || all.has(name) || !clean(name) || isPrefixClash(name)) continue;
    all.add(name);
    employers.push(name[0]!.toUpperCase() + name.slice(1));
  }
  return {
    words,
    nouns: [...top.filter((w) => TOP_NOUNS.has(w)), ...nouns, ...derived.filter((w) => w.endsWith('s')), ...compounds],
    verbsPast: past,
    verbsIng: ing,
    adjectives,
    employers,
    employerKinds: EMPLOYER_KINDS,
  };
}

/** Samplers over the vocabulary with a Zipf-like frequency (exponent ~1, as natural text). */
export class TextGenerator {
  private readonly all: AliasTable;
  private readonly nouns: AliasTable;
  private readonly verbs: AliasTable;
  private readonly adjs: AliasTable;
  private readonly emps: AliasTable;

  constructor(readonly vocab: Vocabulary) {
    this.all = new AliasTable(zipfWeights(vocab.words.length, 1.0));
    this.nouns = new AliasTable(zipfWeights(vocab.nouns.length, 1.05));
    this.verbs = new AliasTable(zipfWeights(vocab.verbsPast.length, 1.0));
    this.adjs = new AliasTable(zipfWeights(vocab.adjectives.length, 1.0));
    // Employers: flat, so each one lands in about the same (small) number of notes.
    this.emps = new AliasTable(vocab.employers.map(() => 1));
  }

  word(rng: Rng): string {
    return this.vocab.words[this.all.sample(rng)]!;
  }
  noun(rng: Rng): string {
    return this.vocab.nouns[this.nouns.sample(rng)]!;
  }
  verb(rng: Rng): string {
    return this.vocab.verbsPast[this.verbs.sample(rng)]!;
  }
  adj(rng: Rng): string {
    return this.vocab.adjectives[this.adjs.sample(rng)]!;
  }
  employer(rng: Rng): string {
    return this.vocab.employers[this.emps.sample(rng)]!;
  }

  /** One sentence: a template with sampled slots, or a run of sampled words. */
  sentence(rng: Rng): string {
    const r = rng.next();
    let s: string;
    if (r < 0.18) s = `Participant ${this.verb(rng)} ${this.adj(rng)} ${this.noun(rng)} and ${this.noun(rng)} ${this.word(rng)} ${this.word(rng)}`;
    else if (r < 0.32) s = `Case manager ${this.verb(rng)} the ${this.noun(rng)} with participant ${this.word(rng)} ${this.noun(rng)} ${this.word(rng)}`;
    else if (r < 0.42) s = `${cap(this.verb(rng))} ${this.noun(rng)} ${this.word(rng)} ${this.noun(rng)} for ${this.adj(rng)} ${this.noun(rng)}`;
    else if (r < 0.5) s = `Participant will ${this.word(rng)} ${this.noun(rng)} ${this.word(rng)} ${this.word(rng)} by next week`;
    else {
      const n = 6 + rng.int(9);
      const parts: string[] = [];
      for (let i = 0; i < n; i++) parts.push(this.word(rng));
      s = cap(parts.join(' '));
    }
    return `${s}.`;
  }

  /** A note body: 2–6 sentences; one note in ten names an employer (the rare terms). */
  body(rng: Rng): string {
    const n = 2 + rng.int(5);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.sentence(rng));
    if (rng.chance(0.1)) out.splice(rng.int(out.length + 1), 0, `Referred to ${this.employer(rng)} ${rng.pick(this.vocab.employerKinds)} for a ${this.noun(rng)} ${this.word(rng)}.`);
    return out.join(' ');
  }

  subject(rng: Rng, methodLabel: string): string {
    const r = rng.next();
    if (r < 0.4) return `${methodLabel}: ${this.noun(rng)} ${this.noun(rng)}`;
    if (r < 0.7) return `${cap(this.noun(rng))} ${this.word(rng)} ${this.noun(rng)}`;
    return `${cap(this.adj(rng))} ${this.noun(rng)} and ${this.noun(rng)}`;
  }

  nextSteps(rng: Rng): string {
    return `Participant will ${this.word(rng)} ${this.noun(rng)} and ${this.noun(rng)}; case manager will ${this.word(rng)} ${this.noun(rng)}.`;
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ------------------------------------------------------------------------- people

export const FIRST_NAMES = [
  'María', 'José', 'Juan', 'Ana', 'Luis', 'Carmen', 'Jorge', 'Rosa', 'Miguel', 'Lucía', 'Ahmed', 'Fatima', 'Mohamed',
  'Amina', 'Abdi', 'Hodan', 'Farah', 'Omar', 'Halima', 'Yusuf', 'Nguyễn', 'Linh', 'Minh', 'Thảo', 'Hương', 'Tuấn',
  'Olena', 'Oksana', 'Andriy', 'Dmytro', 'Iryna', 'Serhiy', 'Natalia', 'Mykola', 'Zarina', 'Farid', 'Mariam', 'Hamid',
  'Shabnam', 'Ali', 'Zahra', 'Khalid', 'Paw', 'Htoo', 'Eh', 'Naw', 'Saw', 'Mu', 'James', 'Mary', 'Robert', 'Patricia',
  'Michael', 'Jennifer', 'David', 'Linda', 'William', 'Elizabeth', 'Richard', 'Barbara', 'Joseph', 'Susan', 'Thomas',
  'Jessica', 'Christopher', 'Sarah', 'Daniel', 'Karen', 'Matthew', 'Nancy', 'Anthony', 'Lisa', 'Mark', 'Betty',
  'DeShawn', 'Tamika', 'Jamal', 'Latoya', 'Marcus', 'Keisha', 'Andre', 'Ebony', 'Tyrone', 'Imani', 'Darnell', 'Aaliyah',
  'Chen', 'Wei', 'Mei', 'Jun', 'Hiroshi', 'Yuki', 'Priya', 'Rahul', 'Anjali', 'Arjun', 'Zoë', 'Chloé', 'François',
  'Renée', 'Søren', 'Björn', 'Agnieszka', 'Łukasz', 'Grzegorz', 'Małgorzata', 'Esperanza', 'Guadalupe', 'Jesús',
  'Ángel', 'Sofía', 'Valentina', 'Camila', 'Mateo', 'Santiago', 'Diego', 'Gabriel', 'Isabella', 'Emmanuel', 'Grace',
  'Blessing', 'Chinedu', 'Ngozi', 'Kwame', 'Ama', 'Kofi', 'Abena', 'Tesfaye', 'Meron', 'Dawit', 'Selam', 'Biniam',
];

export const LAST_NAMES = [
  'García', 'Rodríguez', 'Martínez', 'Hernández', 'López', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres',
  'Flores', 'Rivera', 'Gómez', 'Díaz', 'Cruz', 'Reyes', 'Morales', 'Ortiz', 'Gutiérrez', 'Chávez', 'Hassan', 'Mohamed',
  'Ali', 'Abdullahi', 'Warsame', 'Farah', 'Yusuf', 'Osman', 'Ahmed', 'Ibrahim', 'Nguyễn', 'Trần', 'Lê', 'Phạm',
  'Hoàng', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Kravchenko',
  'Oliynyk', 'Melnyk', 'Koval', 'Rahimi', 'Ahmadi', 'Hosseini', 'Karimi', 'Mohammadi', 'Sultani', 'Noori', 'Safi',
  'Htoo', 'Paw', 'Say', 'Moo', 'Wah', 'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson',
  'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark',
  'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson',
  'Hill', 'Campbell', 'Mitchell', 'Roberts', 'Carter', 'Phillips', 'Evans', 'Turner', 'Parker', 'Collins', 'Edwards',
  'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers', "O'Brien", 'Kowalski', 'Nowak', 'Wiśniewski', 'Wójcik', 'Chen',
  'Wang', 'Li', 'Zhang', 'Liu', 'Tanaka', 'Suzuki', 'Patel', 'Shah', 'Singh', 'Kumar', 'Okafor', 'Adeyemi', 'Mensah',
  'Boateng', 'Tesfaye', 'Girma', 'Haile', 'Bekele', 'Dubois', 'Lefèvre', 'Müller', 'Schmidt', 'Novák', 'Horváth',
  'De la Cruz', 'Van der Berg', 'García-López', 'St. John', 'MacDonald', 'Núñez', 'Peña', 'Ibáñez', 'Muñoz',
];

export const LANGUAGES = [
  ['English', 0.52], ['Spanish', 0.2], ['Somali', 0.06], ['Ukrainian', 0.05], ['Dari', 0.04], ['Pashto', 0.02],
  ['Vietnamese', 0.03], ['Karen', 0.02], ['Arabic', 0.03], ['Tigrinya', 0.01], ['French', 0.02],
] as const;
