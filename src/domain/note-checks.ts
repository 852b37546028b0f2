/**
 * Checks on a case note's text before it is saved (issue 3 "Note checks"; domain.md "Case
 * notes"; seeds 001, 002, 004). Pure functions: no Slack, no SQL.
 *
 * - Opinions and judgments: a note records facts — what was seen, done and said — never the
 *   writer's opinion ("I think", "it seems to me", "probably") or a label for the participant
 *   ("bad attitude", "lazy"). Describe behavior, not attitude (seed 004).
 * - Medical detail: a note may say a medical condition or disability exists, never what it is
 *   (seed 001). The terms live in `medical-lexicon.ts`.
 * The user sees the warnings with the words highlighted and may revise or save anyway.
 *
 * Policy decisions in the matching itself:
 * - Words are matched whole (a letter or digit on either side means no match), case-insensitive
 *   (except the lexicon's `exact` acronyms), with straight or curly apostrophes.
 * - Opinion phrases inside double quotation marks (“…”, "…", «…») are not flagged: they are the
 *   participant's own words, recorded as said ("Participant stated, “I think I can start
 *   Monday.”"). Medical terms inside quotes ARE flagged: quoting a diagnosis still files it.
 * - When matches overlap, the longest wins ("bipolar disorder" over "bipolar", "it seems to
 *   me" over "it seems"); warnings come back sorted by start and never overlap.
 */
import {
  ALLOWED_MEDICAL_PHRASES,
  MEDICAL_LEXICON,
  OCCUPATION_PLACE_WORDS,
  OCCUPATION_WORDS,
  ORGANIZATION_WORDS,
  type MedicalGroup,
} from './medical-lexicon';
import { escapeMrkdwn } from './text';

export interface NoteWarning {
  kind: 'opinion' | 'medical';
  /** Offsets into the checked text (UTF-16 indices): `text.slice(start, end) === matched`. */
  start: number;
  end: number;
  /** The exact words as written. */
  matched: string;
  /** Plain words a case manager understands. */
  message: string;
  /** What to write instead. */
  suggestion: string;
}

// ---------------------------------------------------------------------------------------------
// Opinion and judgment phrases
// ---------------------------------------------------------------------------------------------

interface OpinionRule {
  /** Phrases in the term syntax of `medical-lexicon.ts` (no automatic plural here). */
  phrases: readonly string[];
  /** `{m}` is replaced by the words as written. */
  message: string;
  suggestion: string;
}

const OPINION_RULES: readonly OpinionRule[] = [
  {
    phrases: [
      'I think', "I don't think", 'I do not think', 'I thought', 'I believe', "I don't believe",
      'I believed', 'I feel', 'I feel that', 'I feel like', 'I felt', 'I felt that', 'I felt like',
      'my opinion', 'in my opinion', "it's my opinion", 'it is my opinion', 'my opinion is',
      'my professional opinion', 'in my view', 'my impression is', 'my sense is',
      'I get the impression', 'I got the impression', 'I get the feeling', 'I got the feeling',
      'I have a feeling', 'I had a feeling', 'my gut (says|tells me|feeling)', "I'm sure",
      'I am sure',
    ],
    message: '“{m}” is an opinion. Describe what you saw or what the participant said.',
    suggestion:
      'Write what happened: “Participant stated …”, or what you observed: “Participant arrived at 10:20 for a 10:00 appointment.”',
  },
  {
    phrases: [
      'I assume', 'I assumed', "I'm assuming", 'I am assuming', 'I guess', 'I suspect',
      'I suppose', 'I presume',
    ],
    message: '“{m}” is a guess. Notes can be evidence in court: write only what is known.',
    suggestion:
      'State the fact and where it came from, e.g. “Participant did not attend; no call received by 5 pm.” Leave out what you do not know.',
  },
  {
    phrases: [
      'it seems to me', 'seems to me', 'it seems', 'it seemed', 'seems like', 'seemed like',
      'seem', 'seems', 'seemed', 'it appears', 'it appeared', 'it looks like', 'it looked like',
      'gives the impression', 'gave the impression',
    ],
    message:
      '“{m}” is an impression, not a fact. Show what you observed, not how it seemed to you.',
    suggestion:
      'Describe what you saw or heard, e.g. “Participant did not make eye contact and answered in one word.”',
  },
  {
    phrases: ['probably', 'most likely', 'presumably', 'no doubt'],
    message: '“{m}” is a guess. Notes can be evidence in court: write only what is known.',
    suggestion:
      'State what you know and how, e.g. “Participant reported the bus was late” instead of “probably missed the bus”.',
  },
  {
    phrases: ['apparently', 'supposedly', 'evidently'],
    message: '“{m}” passes on something without saying who said it.',
    suggestion:
      'Name the source: “Participant reported …”, “Employer (J. Smith, supervisor) stated by phone on 3/4 …”.',
  },
  {
    phrases: ['obviously'],
    message: '“{m}” is the writer’s conclusion. Let the facts speak.',
    suggestion: 'Write the fact on its own, e.g. “Participant did not submit the timesheet by 3/1.”',
  },
  {
    phrases: [
      'bad attitude', 'poor attitude', 'negative attitude', 'attitude problem', 'attitude issue',
      'attitude issues', 'has an attitude', 'non-compliant attitude', 'defiant attitude',
      'entitlement mentality', 'entitled attitude',
    ],
    message: '“{m}” judges the participant’s attitude. Describe behavior, not attitude.',
    suggestion:
      'Write what the participant did or said, e.g. “Client stated they don’t want to participate in any training unless they get paid for it.”',
  },
  {
    phrases: [
      'lazy', 'laziness', 'unmotivated', 'not motivated', 'lacks motivation',
      'lack of motivation', 'no motivation', 'irresponsible', 'immature',
    ],
    message: '“{m}” is a label, not a fact. The participant may read this note.',
    suggestion:
      'Describe the behavior with dates, e.g. “Participant attended 1 of 4 scheduled job-search sessions (missed 2/3, 2/10, 2/17).”',
  },
  {
    phrases: [
      "doesn't care", 'does not care', "didn't care", 'did not care', "couldn't care less",
      'could care less', 'does not want to work', "doesn't want to work",
    ],
    message: '“{m}” is your reading of the participant, not what happened.',
    suggestion:
      'Quote or report what the participant said: “Participant stated, ‘I am not looking for work until after the holidays.’”',
  },
  {
    phrases: [
      'manipulative', 'manipulating', 'manipulator', 'gaming the system', 'working the system',
      'milking the system', 'playing the system', 'drug-seeking', 'attention-seeking',
      'making excuses', 'makes excuses', 'full of excuses',
    ],
    message: '“{m}” judges the participant’s motives. A note records requests and facts.',
    suggestion:
      'Describe the request and the rule, e.g. “Participant requested a third gas card this month; policy allows two.”',
  },
  {
    phrases: ['liar', 'liars', 'lying', 'lied', 'dishonest', 'untruthful'],
    message: '“{m}” accuses the participant. Notes can be evidence in court.',
    suggestion:
      'Record the facts that do not agree, e.g. “Participant reported 20 hrs/week; employer verified 35 hrs/week on 3/2.”',
  },
  {
    phrases: [
      'rude', 'disrespectful', 'hostile', 'arrogant', 'belligerent', 'crazy', 'hysterical',
      'difficult client', 'difficult clients', 'difficult participant', 'difficult person',
      'difficult to work with', 'problem client', 'drama queen',
    ],
    message: '“{m}” is a judgment, not a description.',
    suggestion:
      'Describe what happened, e.g. “Participant raised their voice and left the office at 10:15 before the meeting ended.”',
  },
];

/** Phrases in which an opinion word is not an opinion. */
const ALLOWED_OPINION_PHRASES: readonly string[] = [
  'lying (down|on|in bed|still)',
  'hostile work environment',
];

// ---------------------------------------------------------------------------------------------
// Compiling the term syntax
// ---------------------------------------------------------------------------------------------

const SP = '[ \\t\\u00a0]';
/** A space in a term: spaces, or a hyphen with optional spaces. */
const SPACE = `(?:${SP}+|${SP}*[-‐‑–]${SP}*)`;
/** A hyphen in a term: a hyphen, spaces, or nothing ("non-compliant", "noncompliant"). */
const HYPHEN = `(?:${SP}*[-‐‑]${SP}*|${SP}+|)`;
const APOSTROPHE = "['’‘ʼ]?";
const SLASH = `${SP}*/${SP}*`;
const WORD_CHAR = '[\\p{L}\\p{N}_]';
const BEFORE = `(?<!${WORD_CHAR})`;
const AFTER = `(?!${WORD_CHAR})`;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileBody(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '[' || c === '(') {
      const close = src.indexOf(c === '[' ? ']' : ')', i);
      if (close < 0) throw new Error(`unbalanced "${c}" in term: ${src}`);
      const inner = src.slice(i + 1, close);
      out +=
        c === '['
          ? `(?:${compileBody(inner)})?`
          : `(?:${inner
              .split('|')
              .sort((a, b) => b.length - a.length) // longest first: "tests" before "test"
              .map(compileBody)
              .join('|')})`;
      i = close;
    } else if (c === ' ') out += SPACE;
    else if (c === '-') out += HYPHEN;
    else if (c === "'" || c === '’') out += APOSTROPHE;
    else if (c === '/') out += SLASH;
    else out += escapeRegExp(c);
  }
  return out;
}

/** The term with its plural: …s / …es, consonant + y → ies, …sis → …ses. */
function compileWithPlural(term: string): string {
  if (/[^aeiou]y$/i.test(term)) return `${compileBody(term.slice(0, -1))}(?:ies|y)`;
  if (/sis$/i.test(term)) return `${compileBody(term.slice(0, -2))}(?:is|es)`;
  if (/(s|x|z|ch|sh)$/i.test(term)) return `${compileBody(term)}(?:es)?`;
  if (/[\p{L}\p{N})\]]$/u.test(term)) return `${compileBody(term)}(?:e?s)?`;
  return compileBody(term);
}

/**
 * A set of terms, indexed by the letters a match can begin with, so a note is checked by trying
 * at each word start only the terms that can begin there (a 3,000-character note is checked in
 * milliseconds, not by running a thousand regular expressions over the whole text).
 */
class TermIndex<T> {
  private readonly buckets = new Map<string, { re: RegExp; value: T }[]>();

  add(term: string, value: T, opts: { plural: boolean; exact: boolean }): void {
    const body = opts.plural ? compileWithPlural(term) : compileBody(term);
    // The word-end check is done by `endsWord`: a `\p{L}` lookahead in a thousand expressions
    // makes the first check of a note take most of a second.
    const re = new RegExp(body, opts.exact ? 'uy' : 'iuy');
    for (const c of firstChars(term)) {
      let bucket = this.buckets.get(c);
      if (!bucket) this.buckets.set(c, (bucket = []));
      bucket.push({ re, value });
    }
  }

  /** Every match of every term that starts at a word start: one (the regex's) per term and start. */
  findAll(text: string): { start: number; end: number; value: T }[] {
    const found: { start: number; end: number; value: T }[] = [];
    for (const w of text.matchAll(WORD_START)) {
      const bucket = this.buckets.get(w[0].toLowerCase());
      if (!bucket) continue;
      for (const { re, value } of bucket) {
        re.lastIndex = w.index;
        const m = re.exec(text);
        const end = w.index + (m?.[0].length ?? 0);
        if (m && end > w.index && endsWord(text, end)) found.push({ start: w.index, end, value });
      }
    }
    return found;
  }
}

const WORD_START = new RegExp(`${BEFORE}${WORD_CHAR}`, 'gu');
const WORD_CHAR_AT = new RegExp(`^${WORD_CHAR}`, 'u');

/** True when no letter, digit or underscore follows `end`. */
function endsWord(text: string, end: number): boolean {
  return !WORD_CHAR_AT.test(text.slice(end, end + 2));
}

/** The lower-case characters a term's match can begin with (terms begin with a letter or digit). */
function firstChars(src: string): Set<string> {
  const c = src[0];
  if (c === undefined) return new Set();
  if (c === '[' || c === '(') {
    const close = src.indexOf(c === '[' ? ']' : ')');
    const rest = src.slice(close + 1);
    const alts = src.slice(1, close).split('|');
    const out = new Set<string>();
    for (const alt of alts) for (const x of firstChars(alt || rest)) out.add(x);
    if (c === '[') for (const x of firstChars(rest)) out.add(x);
    return out;
  }
  if (!new RegExp(`^${WORD_CHAR}$`, 'u').test(c)) {
    throw new Error(`a term must begin with a letter or digit: ${src}`);
  }
  // Both cases, so that a case-insensitive match of a letter with a special folding still hits.
  return new Set([c.toLowerCase(), c.toUpperCase().toLowerCase()]);
}

interface Matcher {
  kind: NoteWarning['kind'];
  message: string;
  suggestion: string;
  group?: MedicalGroup;
}

let compiled:
  | {
      terms: TermIndex<Matcher>;
      allowedMedical: TermIndex<null>;
      allowedOpinion: TermIndex<null>;
      followers: RegExp;
    }
  | undefined;

function compiledChecks(): NonNullable<typeof compiled> {
  if (compiled) return compiled;
  const terms = new TermIndex<Matcher>();
  for (const rule of OPINION_RULES) {
    const matcher: Matcher = { kind: 'opinion', message: rule.message, suggestion: rule.suggestion };
    for (const phrase of rule.phrases) terms.add(phrase, matcher, { plural: false, exact: false });
  }
  for (const g of MEDICAL_LEXICON) {
    const matcher: Matcher = {
      kind: 'medical',
      message: `“{m}” names ${g.label}. A note may say a medical condition or disability exists, never what it is.`,
      suggestion: g.suggestion,
      group: g.group,
    };
    for (const t of g.terms) terms.add(t, matcher, { plural: true, exact: false });
    for (const t of g.exact ?? []) terms.add(t, matcher, { plural: true, exact: true });
  }
  const allowedMedical = new TermIndex<null>();
  for (const p of ALLOWED_MEDICAL_PHRASES) allowedMedical.add(p, null, { plural: false, exact: false });
  const allowedOpinion = new TermIndex<null>();
  for (const p of ALLOWED_OPINION_PHRASES) allowedOpinion.add(p, null, { plural: false, exact: false });
  const alternation = (words: readonly string[]) => words.map(compileBody).join('|');
  // After a medical term: an organization word, or an optional place word then a job word.
  const followers = new RegExp(
    `${SPACE}(?:(?:${alternation(ORGANIZATION_WORDS)})|(?:(?:${alternation(OCCUPATION_PLACE_WORDS)})${SPACE})?(?:${alternation(OCCUPATION_WORDS)})(?:e?s)?)${AFTER}`,
    'iuy',
  );
  compiled = { terms, allowedMedical, allowedOpinion, followers };
  return compiled;
}

// ---------------------------------------------------------------------------------------------
// Checking
// ---------------------------------------------------------------------------------------------

interface Span {
  start: number;
  end: number;
}

const inside = (s: Span, outer: readonly Span[]) =>
  outer.some((o) => o.start <= s.start && s.end <= o.end);

/** Double-quoted passages (“…”, "…", «…») on one line: the participant's own words. */
function quotedSpans(text: string): Span[] {
  return [...text.matchAll(/“[^”\n]*”|"[^"\n]*"|«[^»\n]*»/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** Keep the longest of overlapping warnings (earliest on a tie), then sort by start. */
function longestWithoutOverlap(candidates: NoteWarning[]): NoteWarning[] {
  const byLength = [...candidates].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: NoteWarning[] = [];
  for (const c of byLength) {
    if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * The opinion and medical-detail warnings for a note's text, sorted by start, never
 * overlapping. An empty list means the text passes.
 */
export function checkNoteText(text: string): NoteWarning[] {
  if (!text) return [];
  const { terms, allowedMedical, allowedOpinion, followers } = compiledChecks();
  const quotes = quotedSpans(text);
  const medicalAllowed = allowedMedical.findAll(text);
  const opinionAllowed = allowedOpinion.findAll(text);

  const candidates: NoteWarning[] = [];
  // A term excused by its context excuses the shorter terms inside it too: in "HIV/AIDS Walk"
  // neither "HIV" nor "AIDS" is flagged.
  const excused: Span[] = [];
  for (const { start, end, value: m } of terms.findAll(text)) {
    const span = { start, end };
    if (m.kind === 'opinion') {
      if (inside(span, quotes) || inside(span, opinionAllowed)) continue;
    } else {
      if (inside(span, medicalAllowed)) continue;
      followers.lastIndex = end;
      if (followers.test(text)) {
        excused.push(span);
        continue;
      }
    }
    const matched = text.slice(start, end);
    candidates.push({
      kind: m.kind,
      start,
      end,
      matched,
      message: m.message.replace('{m}', matched),
      suggestion: m.suggestion,
    });
  }
  return longestWithoutOverlap(
    candidates.filter((c) => c.kind === 'opinion' || !inside(c, excused)),
  );
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

/**
 * Slack mrkdwn of the text with each flagged span shown as inline code (`like this`), which
 * Slack draws in a boxed, coloured font that stands out without hiding the words. Everything is
 * escaped (`&`, `<`, `>`), so the text renders as typed. Warnings that do not fit the text or
 * overlap an earlier one are ignored. A span that cannot sit in inline code (it holds a
 * backtick or a line break) is shown in bold instead.
 */
export function highlightWarnings(text: string, warnings: readonly NoteWarning[]): string {
  const sorted = [...warnings].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const w of sorted) {
    if (w.start < at || w.end <= w.start || w.end > text.length) continue;
    const span = text.slice(w.start, w.end);
    out += escapeMrkdwn(text.slice(at, w.start));
    out += /[`\n]/.test(span) ? `*${escapeMrkdwn(span)}*` : `\`${escapeMrkdwn(span)}\``;
    at = w.end;
  }
  return out + escapeMrkdwn(text.slice(at));
}

/**
 * Renders a note body for a note covering several services (seed 001): each service name is
 * written in ALL CAPS wherever it appears (whole phrase, any case, any spacing), and the subject
 * lists the services, joined with ", ", in the order given.
 * - Names are trimmed; blanks and case-insensitive duplicates are dropped.
 * - With one service the body is returned unchanged (the all-caps rule is for several services
 *   in one note) and the subject is that name; with none, both are left to the caller: the body
 *   is unchanged and the subject is '' (the caller writes a summary).
 * - A longer name wins over a shorter one inside it ("Occupational Skills Training" before
 *   "Training").
 */
export function renderServiceNames(
  body: string,
  serviceNames: readonly string[],
): { body: string; subject: string } {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const raw of serviceNames) {
    const name = raw.trim().replace(/\s+/g, ' ');
    const key = name.toLowerCase();
    if (name && !seen.has(key)) {
      seen.add(key);
      names.push(name);
    }
  }
  const subject = names.join(', ');
  if (names.length < 2) return { body, subject };

  const byLength = [...names].sort((a, b) => b.length - a.length);
  const upper = new Map<string, string>();
  const pattern = byLength
    .map((name) =>
      name
        .split(' ')
        .map((word) => word.split(/['’]/).map(escapeRegExp).join("['’]"))
        .join('\\s+'),
    )
    .join('|');
  const re = new RegExp(`${BEFORE}(?:${pattern})${AFTER}`, 'giu');
  for (const name of names) upper.set(foldName(name), name.toUpperCase());
  return {
    body: body.replace(re, (m) => upper.get(foldName(m)) ?? m.toUpperCase()),
    subject,
  };
}

function foldName(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').replace(/’/g, "'");
}
