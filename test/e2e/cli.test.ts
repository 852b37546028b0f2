// The admin CLI as an agency's IT person runs it: `npm run cli -- …` on the live database file.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/connection';
import { enrollParticipant } from '../../src/db/participants';
import { actorFor, getStaff } from '../../src/db/staff';
import { addStaff, tempDatabase } from '../harness/db';
import { manifestBotScopes } from '../harness/app';
import { FakeSlack } from '../harness/fake-slack';

const root = new URL('../../', import.meta.url).pathname;

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['src/cli/main.ts', ...args], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run cli', { timeout: 90_000 }, () => {
  let files: ReturnType<typeof tempDatabase>;
  let fake: FakeSlack;
  let env: Record<string, string>;

  beforeAll(async () => {
    fake = new FakeSlack({ scopes: manifestBotScopes() });
    await fake.start();
    fake.addUser({ id: 'U0SUPERV01', name: 'sol', real_name: 'Sol Marquez', tz: 'America/Chicago', team_id: fake.teamId });
    fake.addUser({ id: 'U0GUEST001', name: 'gus', real_name: 'Gus Guest', is_restricted: true, team_id: fake.teamId });
    fake.addUser({ id: 'U0WORKER02', name: 'lee', real_name: 'Lee', tz: 'America/Chicago', team_id: fake.teamId });
    files = tempDatabase();
    addStaff(files.db, 'U0WORKER01', { name: 'Dana' });
    addStaff(files.db, 'U0WORKER02', { name: 'Lee' });
    const dana = actorFor(getStaff(files.db, 'U0WORKER01')!, new Set());
    for (const name of ['Ana One', 'Ben Two']) {
      enrollParticipant(files.db, dana, {
        fullName: name, preferredName: null, preferredLanguage: 'English', interpreterNeeded: false,
        programs: [{ profileId: 'wioa-adult', enrollmentDate: '2026-10-01' }], misId: null, phone: null, email: null,
        preferredContactMethod: 'phone', primaryCaseManagerId: 'U0WORKER01', otherStaffIds: [],
      }, new Date('2026-11-02T15:00:00Z'));
    }
    closeDatabase(files.db);
    env = { DATABASE_PATH: files.path, SLACK_BOT_TOKEN: fake.botToken, SLACK_API_URL: fake.apiUrl };
  });
  afterAll(async () => {
    files.cleanup();
    await fake.stop();
  });

  it('registers a full member from Slack, refuses a guest, and sets roles, teams and offices', async () => {
    expect(await cli(['staff', 'add', 'U0SUPERV01'], env)).toMatchObject({ code: 0, stdout: 'registered U0SUPERV01 (case_manager)\n' });
    const guest = await cli(['staff', 'add', 'U0GUEST001'], env);
    expect(guest.code).toBe(2);
    expect(guest.stderr).toContain('not a full member');
    expect((await cli(['staff', 'lead', 'U0WORKER01', 'U0SUPERV01'], env)).stderr).toContain('is not a supervisor');
    expect((await cli(['staff', 'role', 'U0SUPERV01', 'supervisor'], env)).code).toBe(0);
    expect((await cli(['staff', 'lead', 'U0WORKER01', 'U0SUPERV01'], env)).code).toBe(0);
    expect((await cli(['staff', 'office', 'U0WORKER01', 'Main', 'St.', 'One-Stop'], env)).code).toBe(0);
    const list = await cli(['staff', 'list'], env);
    expect(list.stdout).toContain('U0WORKER01\tcase_manager\tU0SUPERV01\tactive\tDana');
    expect(list.stdout).toContain('U0SUPERV01\tsupervisor\t-\tactive\tsol');
    const db = openDatabase(files.path);
    expect(getStaff(db, 'U0WORKER01')?.defaultOffice).toBe('Main St. One-Stop');
    closeDatabase(db);
  });

  it('moves a leaving worker’s caseload and turns off their access', async () => {
    expect(await cli(['caseload', 'reassign', '--from', 'U0WORKER01', '--to', 'U0WORKER02'], env)).toMatchObject({ code: 0, stdout: '2 participants moved from U0WORKER01 to U0WORKER02\n' });
    expect((await cli(['staff', 'deactivate', 'U0WORKER01'], env)).code).toBe(0);
    const db = new Database(files.path, { readonly: true });
    expect(db.prepare("select count(*) n from assignments where staff_id = 'U0WORKER02' and role = 'primary'").get()).toEqual({ n: 2 });
    expect(db.prepare("select active from staff where slack_user_id = 'U0WORKER01'").get()).toEqual({ active: 0 });
    expect(db.prepare("select count(*) n from audit_log where actor_id = 'cli' and action = 'reassign'").get()).toEqual({ n: 2 });
    db.close();
  });

  it('writes an online backup that opens with the data', async () => {
    const target = join(files.dir, 'backups', 'copy.db');
    expect((await cli(['backup', target], env)).code).toBe(0);
    const copy = new Database(target, { readonly: true });
    expect(copy.prepare('select full_name from participants order by id').all()).toEqual([{ full_name: 'Ana One' }, { full_name: 'Ben Two' }]);
    copy.close();
  });

  it('digest --now --dry-run prints the digest and sends nothing; --now sends it as a DM', async () => {
    const before = fake.callsTo('chat.postMessage').length;
    const dry = await cli(['digest', '--now', '--user', 'U0WORKER02', '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('U0WORKER02\tdry-run');
    expect(dry.stdout).toContain('Ana One');
    expect(fake.callsTo('chat.postMessage')).toHaveLength(before);

    const sent = await cli(['digest', '--now', '--user', 'U0WORKER02'], env);
    expect(sent).toMatchObject({ code: 0, stdout: 'U0WORKER02\tsent\n' });
    const post = fake.callsTo('chat.postMessage').at(-1)!;
    expect(post.ok).toBe(true);
    expect(post.args['channel']).toBe(fake.dmChannelFor('U0WORKER02'));
    expect(JSON.stringify(post.args['blocks'])).toContain('Ana One');
  });

  it('digest --now for someone not registered exits 1 and says why', async () => {
    const out = await cli(['digest', '--now', '--user', 'U0NOBODY01'], env);
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('U0NOBODY01\tfailed\tnot_registered');
  });

  it('an unknown command prints the usage and exits 2', async () => {
    const out = await cli(['staff', 'promote', 'U0WORKER01'], env);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('Usage: npm run cli');
  });
});
