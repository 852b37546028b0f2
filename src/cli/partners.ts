// `npm run cli -- partners import <file.csv>` and `partners export [file.csv|-]`: the partner
// directory as a CSV file, one row per contact with the organization's columns repeated (an
// organization without contacts is one row with empty contact columns). The matching and the
// all-or-nothing write are in src/db/partners.ts; this file reads, checks the shape and prints.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { directoryRows, importDirectory, type DirectoryRow } from '../db/partners';
import type { Db } from '../db/connection';
import type { Actor } from '../domain/access';

export const PARTNER_CSV_COLUMNS = [
  'organization',
  'kind',
  'service_area',
  'org_phone',
  'org_email',
  'contact_name',
  'contact_title',
  'contact_slack_user_id',
  'contact_email',
  'contact_phone',
] as const;
type Column = (typeof PARTNER_CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['organization', 'kind'];

export type PartnersCommandResult = { kind: 'ok'; out: string } | { kind: 'usage'; message: string } | { kind: 'failed'; message: string };

const cell = (v: string | undefined): string | null => (v && v.trim() ? v.trim() : null);

/** Parses the file into rows with their line numbers, or the problems that stop the import. */
export function readPartnerCsv(text: string): { rows: Array<DirectoryRow & { line: number }> } | { problems: string[] } {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    // Line endings made uniform so the reported line numbers are the ones an editor shows.
    records = parse(text.replace(/\r\n?/g, '\n'), { columns: true, bom: true, skip_empty_lines: true, info: true, trim: true }) as typeof records;
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    return { problems: [`line ${e.lines ?? '?'}: ${e.message ?? String(err)}`] };
  }
  const header = records.length ? Object.keys(records[0]!.record) : (parse(text, { bom: true, to_line: 1 }) as string[][])[0] ?? [];
  const unknown = header.filter((h) => !(PARTNER_CSV_COLUMNS as readonly string[]).includes(h));
  const missing = REQUIRED.filter((c) => !header.includes(c));
  const problems: string[] = [];
  if (unknown.length) problems.push(`line 1: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} (the columns are ${PARTNER_CSV_COLUMNS.join(',')})`);
  if (missing.length) problems.push(`line 1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (problems.length) return { problems };
  return {
    rows: records.map(({ record: r, info }) => ({
      // csv-parse reports the line a record ends on; a quoted value may span lines.
      line: info.lines - Object.values(r).reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0),
      organization: r['organization']?.trim() ?? '',
      kind: r['kind']?.trim() ?? '',
      serviceArea: cell(r['service_area']),
      orgPhone: cell(r['org_phone']),
      orgEmail: cell(r['org_email']),
      contactName: cell(r['contact_name']),
      contactTitle: cell(r['contact_title']),
      contactSlackUserId: cell(r['contact_slack_user_id']),
      contactEmail: cell(r['contact_email']),
      contactPhone: cell(r['contact_phone']),
    })),
  };
}

export function partnerCsv(rows: readonly DirectoryRow[]): string {
  const values: Record<Column, (r: DirectoryRow) => string | null> = {
    organization: (r) => r.organization,
    kind: (r) => r.kind,
    service_area: (r) => r.serviceArea,
    org_phone: (r) => r.orgPhone,
    org_email: (r) => r.orgEmail,
    contact_name: (r) => r.contactName,
    contact_title: (r) => r.contactTitle,
    contact_slack_user_id: (r) => r.contactSlackUserId,
    contact_email: (r) => r.contactEmail,
    contact_phone: (r) => r.contactPhone,
  };
  return stringify(
    rows.map((r) => PARTNER_CSV_COLUMNS.map((c) => values[c](r) ?? '')),
    { header: true, columns: [...PARTNER_CSV_COLUMNS] },
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function partnersCommand(db: Db, sub: string | undefined, args: readonly string[], actor: Actor, now: Date): PartnersCommandResult {
  if (sub === 'import') {
    const file = args[0];
    if (!file) return { kind: 'usage', message: 'partners import needs a CSV file' };
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      return { kind: 'failed', message: `cannot read ${file}: ${(err as Error).message}` };
    }
    const read = readPartnerCsv(text);
    if ('problems' in read) return { kind: 'failed', message: `nothing was imported from ${file}:\n${read.problems.join('\n')}` };
    const result = importDirectory(db, actor, read.rows, now);
    if (result.kind === 'invalid') {
      const lines = result.problems.map((p) => `line ${p.line}: ${p.message}`);
      return { kind: 'failed', message: `nothing was imported from ${file}: ${plural(new Set(result.problems.map((p) => p.line)).size, 'row')} with problems\n${lines.join('\n')}` };
    }
    return {
      kind: 'ok',
      out:
        `imported ${file} (${plural(read.rows.length, 'row')}): ` +
        `organizations ${result.partnersAdded} added, ${result.partnersUpdated} updated, ${result.partnersUnchanged} unchanged; ` +
        `contacts ${result.contactsAdded} added, ${result.contactsUpdated} updated, ${result.contactsUnchanged} unchanged`,
    };
  }
  if (sub === 'export') {
    const target = args[0] ?? '-';
    const rows = directoryRows(db);
    const csv = partnerCsv(rows);
    if (target === '-') return { kind: 'ok', out: csv.replace(/\n$/, '') };
    try {
      writeFileSync(target, csv, 'utf8');
    } catch (err) {
      return { kind: 'failed', message: `cannot write ${target}: ${(err as Error).message}` };
    }
    return { kind: 'ok', out: `exported ${plural(new Set(rows.map((r) => r.organization)).size, 'organization')} (${plural(rows.length, 'row')}) to ${target}` };
  }
  return { kind: 'usage', message: `unknown partners command: ${sub ?? '(none)'}` };
}
