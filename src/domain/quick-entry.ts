/**
 * Parser for `/casenote <who> [method] [date] <text>` one-liners (issue 3, "Quick entry").
 *
 * Pure: no Slack, no SQL, no ambient clock, no process time zone. "Today" is the case
 * manager's local date at `now` in `timeZone`; every other date is computed with UTC
 * arithmetic on `YYYY-MM-DD` strings, so the process TZ never matters.
 *
 * Grammar, read left to right over whitespace-separated words:
 *
 * 1. `<who>` — the longest leading run of words that matches at least one candidate.
 *    - MIS id: a first word equal to a candidate's MIS id (case and accents ignored, edge
 *      punctuation such as `#` or `,` ignored) is the whole `<who>`; nothing after it is
 *      added to the name. An MIS id match beats any name match.
 *    - Names: a candidate's name words are its preferred name's words followed by its full
 *      name's words, case- and accent-folded ("Nguyễn" → "nguyen", "Đặng" → "dang", "Zoë" →
 *      "zoe"), apostrophes dropped ("O'Brien" → "obrien"), split at spaces, hyphens and dots
 *      ("García-López" → "garcia", "lopez"). A typed word is split the same way.
 *      A run matches a candidate when every typed word is a prefix of (or equal to) a
 *      DISTINCT name word, in ANY order (so "gonzalez m" and "maria g" both find
 *      María González; "de la cruz" uses three words).
 *    - Keyword guard: a word where a method, attempt or date keyword starts (`call`,
 *      `in person`, `no answer`, `mon`, `today`, …) only joins `<who>` when it equals a whole
 *      name word. So "jose call" is José + phone even if a José Callahan exists, while a
 *      participant literally named "Mon" can still be typed in full.
 *    - Whole words first: among the candidates the longest run matches, only those with the
 *      most whole-word (exact) matches are kept. "maria" → Maria Lopez, not Mariam Khan;
 *      "maria g" → María González (1 whole word) over Mariam Garcia (0). Candidates that tie
 *      stay ambiguous (two Marias → both), and the caller opens the modal.
 *    - At most {@link MAX_WHO_WORDS} words are read as `<who>`.
 * 2. An optional method segment right after `<who>`: one method phrase and/or one attempt
 *    phrase, in either order ("phone no answer", "attempt phone"). See {@link METHOD_PHRASES}
 *    and {@link ATTEMPT_PHRASES}. A bare attempt means `phone` (docs/data-model.md,
 *    `case_notes.method`). `vm`, `voicemail`, `left vm`, `office`, `called`, `texted`,
 *    `emailed` are deliberately NOT keywords: they stay in the body.
 * 3. An optional date word right after the method segment, or right after `<who>` when there
 *    is no method (never before the method: "maria yesterday phone …" reads the date, then
 *    a body starting "phone …", and reports no method). See {@link parseDateWord}.
 * 4. Everything after is the body: a slice of the original text from the first body word to
 *    the end (spacing, case and any later dates untouched). Punctuation-only words between
 *    the parts (`-`, `—`, `:`, `|`) are separators and are skipped.
 */
import { isTimeZone, localDate } from './dates';
import { foldForSearch } from './text';

export type NoteMethod = 'face_to_face' | 'phone' | 'email' | 'text' | 'video' | 'mail';

export interface QuickEntryCandidate {
  id: number;
  fullName: string;
  preferredName: string | null;
  misId: string | null;
}

export interface QuickEntryInput {
  /** The command text, already HTML-unescaped. */
  text: string;
  /** The participants the user may see (their whole visible set). */
  candidates: readonly QuickEntryCandidate[];
  /** Injected clock. */
  now: Date;
  /** The case manager's IANA zone: "today", "yesterday" and weekdays are computed in it. */
  timeZone: string;
}

export type QuickEntryProblem =
  | 'no-participant'
  | 'ambiguous-participant'
  | 'no-method'
  | 'no-body'
  | 'future-date';

export interface QuickEntryParse {
  /** [] unknown, 1 matched, >1 ambiguous (in the candidates' order). */
  participants: QuickEntryCandidate[];
  /** The words taken as `<who>`, as typed ('' if none matched). */
  whoText: string;
  method: NoteMethod | null;
  /** An attempted contact ('attempt', 'no answer'); the method is then at least `phone`. */
  attempt: boolean;
  /** The method segment as typed ("phone no answer"), or null. */
  methodText: string | null;
  /** YYYY-MM-DD in timeZone; today when no date word. A future explicit date is kept here and reported. */
  interactionDate: string;
  /** The date word as typed, or null. */
  dateText: string | null;
  /** Everything after, untouched: always a suffix of `text`. */
  body: string;
  problems: QuickEntryProblem[];
}

/** The longest `<who>` read, in words; a name is never longer in practice. */
export const MAX_WHO_WORDS = 8;

interface Phrase<T> {
  words: readonly string[];
  value: T;
}

/** Method phrases, matched on folded words (edge punctuation ignored), longest first. */
export const METHOD_PHRASES: readonly Phrase<NoteMethod>[] = [
  { words: ['face', 'to', 'face'], value: 'face_to_face' },
  { words: ['face-to-face'], value: 'face_to_face' },
  { words: ['in', 'person'], value: 'face_to_face' },
  { words: ['in-person'], value: 'face_to_face' },
  { words: ['f2f'], value: 'face_to_face' },
  { words: ['ftf'], value: 'face_to_face' },
  { words: ['phone', 'call'], value: 'phone' },
  { words: ['phone'], value: 'phone' },
  { words: ['telephone'], value: 'phone' },
  { words: ['call'], value: 'phone' },
  { words: ['email'], value: 'email' },
  { words: ['e-mail'], value: 'email' },
  { words: ['text'], value: 'text' },
  { words: ['sms'], value: 'text' },
  { words: ['txt'], value: 'text' },
  { words: ['video', 'call'], value: 'video' },
  { words: ['video'], value: 'video' },
  { words: ['zoom'], value: 'video' },
  { words: ['mail'], value: 'mail' },
  { words: ['letter'], value: 'mail' },
];

/** Attempted-contact phrases. */
export const ATTEMPT_PHRASES: readonly Phrase<true>[] = [
  { words: ['no', 'answer'], value: true },
  { words: ['no-answer'], value: true },
  { words: ['attempt'], value: true },
  { words: ['attempted'], value: true },
];

/** Weekday words (0 = Sunday). `sat` and `sun` are left out: "sat down with…", "sun". */
const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ['sunday', 0],
  ['mon', 1],
  ['monday', 1],
  ['tue', 2],
  ['tues', 2],
  ['tuesday', 2],
  ['wed', 3],
  ['weds', 3],
  ['wednesday', 3],
  ['thu', 4],
  ['thur', 4],
  ['thurs', 4],
  ['thursday', 4],
  ['fri', 5],
  ['friday', 5],
  ['saturday', 6],
]);

/** Punctuation-only words that may separate the parts: `maria g - phone: called …`. */
const SEPARATOR = /^[-‐‑–—:;,.|/>]+$/u;

interface Token {
  start: number;
  end: number;
  raw: string;
  /** Folded, edge punctuation removed ("Phone," → "phone", "#WI-1" → "wi-1"). */
  core: string;
}

interface NamedCandidate {
  candidate: QuickEntryCandidate;
  words: string[];
  mis: string | null;
}

interface TypedWord {
  word: string;
  /** Keyword words may only match a whole name word. */
  exactOnly: boolean;
}

/** Letters NFD does not take apart. */
const EXTRA_FOLDS: ReadonlyMap<string, string> = new Map([
  ['đ', 'd'],
  ['ð', 'd'],
  ['ø', 'o'],
  ['ł', 'l'],
  ['ß', 'ss'],
  ['æ', 'ae'],
  ['œ', 'oe'],
  ['ı', 'i'],
  ['þ', 'th'],
]);

function fold(text: string): string {
  return foldForSearch(text).replace(/[đðøłßæœıþ]/gu, (ch) => EXTRA_FOLDS.get(ch) ?? ch);
}

function stripEdges(text: string): string {
  return text.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** Name words of a name or a typed word: folded, apostrophes dropped, split at spaces, hyphens, dots. */
export function nameWords(text: string): string[] {
  return fold(text)
    .replace(/['’ʼ`´]/gu, '')
    .split(/[\s\-‐‑‒–—_.,]+/u)
    .map(stripEdges)
    .filter((word) => word.length > 0);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/\S+/gu)) {
    const start = match.index;
    const raw = match[0];
    tokens.push({ start, end: start + raw.length, raw, core: stripEdges(fold(raw)) });
  }
  return tokens;
}

function phraseAt<T>(tokens: readonly Token[], at: number, phrases: readonly Phrase<T>[]): { value: T; length: number } | null {
  let best: { value: T; length: number } | null = null;
  for (const phrase of phrases) {
    if (best && best.length >= phrase.words.length) continue;
    const fits = phrase.words.every((word, i) => tokens[at + i]?.core === word);
    if (fits) best = { value: phrase.value, length: phrase.words.length };
  }
  return best;
}

// ---------------------------------------------------------------------------------------
// Dates: `YYYY-MM-DD` strings and UTC arithmetic only (never the process time zone).

function ymd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The date for y/m/d when it exists on the calendar (no Feb 30), else null. */
function calendarDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const instant = new Date(Date.UTC(year, month - 1, day));
  instant.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
  if (instant.getUTCMonth() !== month - 1 || instant.getUTCDate() !== day) return null;
  return ymd(year, month, day);
}

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? 0, m ?? 0, d ?? 0];
}

function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  const instant = new Date(Date.UTC(y, m - 1, d) + days * 86_400_000);
  return ymd(instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate());
}

function weekday(date: string): number {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export interface DateWord {
  date: string;
  /** Only explicit years (ISO, m/d/yy, m/d/yyyy) can be in the future. */
  future: boolean;
}

/**
 * Reads one date word (already folded, edge punctuation removed) relative to `today`:
 * - `today`, `yesterday`;
 * - a weekday (`mon`, `monday`, `tue`, `tues`, `wed`, `weds`, `thu`, `thur`, `thurs`, `fri`,
 *   full names incl. `saturday`, `sunday`): the most recent PAST one, today excluded — on a
 *   Wednesday, "wednesday" is a week ago;
 * - `m/d`: the most recent such date that is not after today (today included) — on
 *   2026-01-05 "12/31" is 2025-12-31, "1/5" is today; "2/29" goes back to the last leap year;
 * - `m/d/yyyy`, `m/d/yy` (20yy) and ISO `yyyy-mm-dd`: that date, flagged `future` when after
 *   today.
 * Anything else, including impossible dates (2/30, 13/1, 2026-02-29), is not a date word.
 */
export function parseDateWord(word: string, today: string): DateWord | null {
  if (word === 'today') return { date: today, future: false };
  if (word === 'yesterday') return { date: addDays(today, -1), future: false };
  const target = WEEKDAYS.get(word);
  if (target !== undefined) {
    const back = (weekday(today) - target + 7) % 7 || 7;
    return { date: addDays(today, -back), future: false };
  }
  let match = /^(\d{1,2})\/(\d{1,2})$/u.exec(word);
  if (match) {
    const month = Number(match[1]);
    const day = Number(match[2]);
    const [todayYear] = parts(today);
    for (let year = todayYear; year >= todayYear - 8; year -= 1) {
      const date = calendarDate(year, month, day);
      if (date && date <= today) return { date, future: false };
      if (!date && !(month === 2 && day === 29)) return null; // 2/30, 13/1: never a date
    }
    return null;
  }
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/u.exec(word);
  if (match) {
    const year = match[3]!.length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
    const date = calendarDate(year, Number(match[1]), Number(match[2]));
    return date ? { date, future: date > today } : null;
  }
  match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(word);
  if (match) {
    const date = calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
    return date ? { date, future: date > today } : null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Names

/**
 * The most whole-word matches with which every typed word takes a distinct name word it is a
 * prefix of (any order), or null when there is no such assignment.
 */
function bestMatch(typed: readonly TypedWord[], words: readonly string[]): number | null {
  if (typed.length > words.length) return null;
  const memo = new Map<number, number | null>();
  const width = 1 << words.length;
  const go = (index: number, used: number): number | null => {
    if (index === typed.length) return 0;
    const key = index * width + used;
    if (memo.has(key)) return memo.get(key) ?? null;
    const { word, exactOnly } = typed[index]!;
    let best: number | null = null;
    words.forEach((name, i) => {
      if (used & (1 << i)) return;
      const exact = name === word;
      if (!exact && (exactOnly || !name.startsWith(word))) return;
      const rest = go(index + 1, used | (1 << i));
      if (rest !== null && (best === null || rest + (exact ? 1 : 0) > best)) best = rest + (exact ? 1 : 0);
    });
    memo.set(key, best);
    return best;
  };
  return go(0, 0);
}

function prepare(candidate: QuickEntryCandidate): NamedCandidate {
  const words = [...nameWords(candidate.preferredName ?? ''), ...nameWords(candidate.fullName)].slice(0, 20);
  const mis = candidate.misId ? stripEdges(fold(candidate.misId)).replace(/\s+/gu, '') : null;
  return { candidate, words, mis: mis || null };
}

function isKeywordAt(tokens: readonly Token[], at: number, today: string): boolean {
  const core = tokens[at]?.core ?? '';
  return (
    phraseAt(tokens, at, METHOD_PHRASES) !== null ||
    phraseAt(tokens, at, ATTEMPT_PHRASES) !== null ||
    parseDateWord(core, today) !== null
  );
}

function readWho(
  tokens: readonly Token[],
  candidates: readonly QuickEntryCandidate[],
  today: string,
): { participants: QuickEntryCandidate[]; length: number } {
  const first = tokens[0];
  if (!first) return { participants: [], length: 0 };
  const prepared = candidates.map(prepare);

  const byId = prepared.filter((c) => c.mis !== null && c.mis === first.core);
  if (byId.length > 0) return { participants: byId.map((c) => c.candidate), length: 1 };

  let current: Array<{ c: NamedCandidate; exact: number }> = prepared.map((c) => ({ c, exact: 0 }));
  let typed: TypedWord[] = [];
  let length = 0;
  for (let at = 0; at < Math.min(tokens.length, MAX_WHO_WORDS); at += 1) {
    const exactOnly = isKeywordAt(tokens, at, today);
    const words = nameWords(tokens[at]!.raw).map((word) => ({ word, exactOnly }));
    if (words.length === 0) break;
    const next = [...typed, ...words];
    const matched: Array<{ c: NamedCandidate; exact: number }> = [];
    for (const { c } of current) {
      const exact = bestMatch(next, c.words);
      if (exact !== null) matched.push({ c, exact });
    }
    if (matched.length === 0) break;
    current = matched;
    typed = next;
    length = at + 1;
  }
  if (length === 0) return { participants: [], length: 0 };
  const top = Math.max(...current.map((m) => m.exact));
  return { participants: current.filter((m) => m.exact === top).map((m) => m.c.candidate), length };
}

// ---------------------------------------------------------------------------------------

function span(text: string, tokens: readonly Token[], from: number, to: number): string {
  return text.slice(tokens[from]!.start, tokens[to - 1]!.end).replace(/[,;:.!?]+$/u, '');
}

export function parseQuickEntry(input: QuickEntryInput): QuickEntryParse {
  const { text, candidates, now, timeZone } = input;
  if (!isTimeZone(timeZone)) throw new RangeError(`not an IANA time zone: ${timeZone}`);
  if (Number.isNaN(now.getTime())) throw new RangeError('now is not a valid instant');
  const today = localDate(now, timeZone);
  const tokens = tokenize(text);

  const skipSeparators = (at: number): number => {
    let next = at;
    while (tokens[next] && SEPARATOR.test(tokens[next]!.raw)) next += 1;
    return next;
  };

  // 1. <who>
  const who = readWho(tokens, candidates, today);
  const whoText = who.length > 0 ? span(text, tokens, 0, who.length) : '';
  let at = skipSeparators(who.length);

  // 2. [method] — one method phrase and/or one attempt phrase, either order.
  let method: NoteMethod | null = null;
  let attempt = false;
  const methodStart = at;
  let methodEnd = at;
  for (let round = 0; round < 2; round += 1) {
    const found: { value: NoteMethod; length: number } | null =
      method === null ? phraseAt(tokens, at, METHOD_PHRASES) : null;
    if (found) {
      method = found.value;
      methodEnd = at + found.length;
      at = skipSeparators(methodEnd);
      continue;
    }
    const tried = attempt ? null : phraseAt(tokens, at, ATTEMPT_PHRASES);
    if (tried) {
      attempt = true;
      methodEnd = at + tried.length;
      at = skipSeparators(methodEnd);
      continue;
    }
    break;
  }
  const methodText = methodEnd > methodStart ? span(text, tokens, methodStart, methodEnd) : null;
  if (attempt && method === null) method = 'phone';

  // 3. [date]
  let interactionDate = today;
  let dateText: string | null = null;
  let future = false;
  const dateToken = tokens[at];
  const dateWord = dateToken ? parseDateWord(dateToken.core, today) : null;
  if (dateToken && dateWord) {
    interactionDate = dateWord.date;
    future = dateWord.future;
    dateText = span(text, tokens, at, at + 1);
    at = skipSeparators(at + 1);
  }

  // 4. body
  const body = text.slice(tokens[at]?.start ?? text.length);

  const problems: QuickEntryProblem[] = [];
  if (who.participants.length === 0) problems.push('no-participant');
  if (who.participants.length > 1) problems.push('ambiguous-participant');
  if (method === null) problems.push('no-method');
  if (body.trim() === '') problems.push('no-body');
  if (future) problems.push('future-date');

  return {
    participants: who.participants,
    whoText,
    method,
    attempt,
    methodText,
    interactionDate,
    dateText,
    body,
    problems,
  };
}
