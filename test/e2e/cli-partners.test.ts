// The partner directory CSV as an agency's IT person uses it: `npm run cli -- partners import
// <file.csv>` and `partners export [file.csv|-]` on the live database file.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '../../src/db/connection';
import { tempDatabase } from '../harness/db';

const root = new URL('../../', import.meta.url).pathname;

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['src/cli/main.ts', ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

const HEADER = 'organization,kind,service_area,org_phone,org_email,contact_name,contact_title,contact_slack_user_id,contact_email,contact_phone';
const DIRECTORY = [
  `\uFEFF${HEADER}`,
  'Goodwill of Dane County,community_provider,"Job training, placement",555-0100,intake@goodwill.example,Pat Lee,Job coach,U0PAT0001,pat@goodwill.example,555-0101',
  'Goodwill of Dane County,community_provider,"Job training, placement",555-0100,intake@goodwill.example,Sam Ruiz,,,sam@goodwill.example,',
  '',
  'Dane County Housing Authority,public_assistance,Housing assistance,,,,,,,',
  '"Centro Hispano",community_provider,,,,"María ""Mari"" Ortiz",Navigator,,,',
].join('\n');

describe('npm run cli -- partners', { timeout: 120_000 }, () => {
  let files: ReturnType<typeof tempDatabase>;
  let env: Record<string, string>;
  const count = (sql: string) => {
    const db = new Database(files.path, { readonly: true });
    try {
      return (db.prepare(sql).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  beforeAll(() => {
    files = tempDatabase();
    closeDatabase(files.db);
    env = { DATABASE_PATH: files.path };
    writeFileSync(join(files.dir, 'directory.csv'), DIRECTORY);
  });
  afterAll(() => files.cleanup());

  it('imports a directory file, then the same file again adds nothing', async () => {
    const file = join(files.dir, 'directory.csv');
    const first = await cli(['partners', 'import', file], env);
    expect(first.stderr).toBe('');
    expect(first).toMatchObject({ code: 0, stdout: `imported ${file} (4 rows): organizations 3 added, 0 updated, 0 unchanged; contacts 3 added, 0 updated, 0 unchanged\n` });
    const again = await cli(['partners', 'import', file], env);
    expect(again).toMatchObject({ code: 0, stdout: `imported ${file} (4 rows): organizations 0 added, 0 updated, 3 unchanged; contacts 0 added, 0 updated, 3 unchanged\n` });
    expect(count('select count(*) n from partners')).toBe(3);
    expect(count('select count(*) n from partner_contacts')).toBe(3);
    expect(count("select count(*) n from partner_contacts where name = 'María \"Mari\" Ortiz' and title = 'Navigator'")).toBe(1);
    expect(count("select count(*) n from partners where service_area = 'Job training, placement'")).toBe(1);
    expect(count("select count(*) n from audit_log where entity = 'partner' and actor_id = 'cli'")).toBe(6);
  });

  it('exports the directory, one row per contact, and the export imports into another database unchanged', async () => {
    const out = await cli(['partners', 'export'], env);
    expect(out.code).toBe(0);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines.slice(1)).toEqual([
      'Centro Hispano,community_provider,,,,"María ""Mari"" Ortiz",Navigator,,,',
      'Dane County Housing Authority,public_assistance,Housing assistance,,,,,,,',
      'Goodwill of Dane County,community_provider,"Job training, placement",555-0100,intake@goodwill.example,Pat Lee,Job coach,U0PAT0001,pat@goodwill.example,555-0101',
      'Goodwill of Dane County,community_provider,"Job training, placement",555-0100,intake@goodwill.example,Sam Ruiz,,,sam@goodwill.example,',
    ]);

    const exported = join(files.dir, 'export.csv');
    expect(await cli(['partners', 'export', exported], env)).toMatchObject({ code: 0, stdout: `exported 3 organizations (4 rows) to ${exported}\n` });
    expect(readFileSync(exported, 'utf8')).toBe(`${out.stdout.trimEnd()}\n`);
    const other = tempDatabase();
    closeDatabase(other.db);
    try {
      expect((await cli(['partners', 'import', exported], { DATABASE_PATH: other.path })).stdout).toContain('organizations 3 added');
      expect((await cli(['partners', 'export'], { DATABASE_PATH: other.path })).stdout).toBe(out.stdout);
    } finally {
      other.cleanup();
    }
  });

  it('a file with bad rows imports nothing and names every bad line', async () => {
    const bad = join(files.dir, 'bad.csv');
    writeFileSync(
      bad,
      [
        HEADER,
        'Job Corps,one_stop_partner,,,,Lee Park,,U0LEE0001,,', // fine on its own
        ',community_provider,,,,,,,,', // line 3: no organization
        'Food Pantry,charity,,,,,,,,', // line 4: unknown kind
        'Job Corps,one_stop_partner,,,not-an-email,,,,,', // line 5: bad email
        'Legal Aid,other,,,,Kim,,U0PAT0001,,', // line 6: Pat already speaks for Goodwill
      ].join('\n'),
    );
    const before = count('select count(*) n from partners');
    const r = await cli(['partners', 'import', bad], env);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('nothing was imported');
    expect(r.stderr).toContain('line 3: organization: Enter the organization’s name.');
    expect(r.stderr).toContain('line 4: kind: must be one of one_stop_partner, community_provider, public_assistance, employer, other');
    expect(r.stderr).toContain('line 5: org_email:');
    expect(count('select count(*) n from partners')).toBe(before);
    expect(count("select count(*) n from partners where name = 'Job Corps'")).toBe(0);

    // Once the shape is right, the conflict with the directory still stops the whole file.
    writeFileSync(bad, [HEADER, 'Job Corps,one_stop_partner,,,,Lee Park,,U0LEE0001,,', 'Legal Aid,other,,,,Kim,,U0PAT0001,,'].join('\n'));
    const conflict = await cli(['partners', 'import', bad], env);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('line 3: contact_slack_user_id: U0PAT0001 is already a contact of Goodwill of Dane County');
    expect(count("select count(*) n from partners where name = 'Job Corps'")).toBe(0);
  });

  it('refuses unknown columns, a missing file argument and a file that is not there', async () => {
    const typo = join(files.dir, 'typo.csv');
    writeFileSync(typo, 'organisation,kind\nGoodwill,other\n');
    const r = await cli(['partners', 'import', typo], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 1: unknown column organisation');
    expect(r.stderr).toContain('missing column organization');
    const ragged = join(files.dir, 'ragged.csv');
    writeFileSync(ragged, `${HEADER}\nGoodwill,other\n`);
    expect((await cli(['partners', 'import', ragged], env)).stderr).toContain('line 2');
    const usage = await cli(['partners', 'import'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('partners import needs a CSV file');
    expect((await cli(['partners', 'import', join(files.dir, 'nope.csv')], env)).stderr).toContain('cannot read');
  });
});
