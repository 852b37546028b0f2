// `npm start` as an IT person runs it: a real process, configured only through the environment.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manifestBotScopes, SIGNING_SECRET } from '../harness/app';
import { FakeSlack } from '../harness/fake-slack';
import { SlackRequestClient } from '../harness/slack-request';

const root = new URL('../../', import.meta.url).pathname;
const tsx = join(root, 'node_modules/.bin/tsx');

interface Running {
  exit: Promise<{ code: number | null; stdout: string; stderr: string }>;
  stdoutSoFar(): string;
  kill(signal: NodeJS.Signals): void;
}

function startMain(env: Record<string, string>): Running {
  const child = spawn(tsx, ['src/main.ts'], { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
  return { exit, stdoutSoFar: () => stdout, kill: (s) => child.kill(s) };
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the bot process', { timeout: 60_000 }, () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tickler-proc-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [{}, /^Tickler cannot start: SLACK_BOT_TOKEN is required/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /^Tickler cannot start: SLACK_SIGNING_SECRET is required/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', PORT: 'eighty' }, /^Tickler cannot start: PORT must be a port number/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', AGENCY_TZ: 'Central' }, /^Tickler cannot start: AGENCY_TZ must be an IANA time zone/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', ADMIN_USER_IDS: 'dana' }, /^Tickler cannot start: ADMIN_USER_IDS must be a comma-separated list of Slack user ids/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'slack-gov' }, /^Tickler cannot start: SLACK_API_URL must be a URL/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', LOG_LEVEL: 'loud' }, /^Tickler cannot start: LOG_LEVEL must be one of/],
  ])('a missing or malformed setting ends the process with one line naming it (%o)', async (env, message) => {
    const { code, stderr, stdout } = await startMain({ DATABASE_PATH: join(dir, 'db.sqlite'), ...env }).exit;
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(stdout).toBe('');
  });

  it('an invalid TICKLER_CONFIG file is named with the field that is wrong', async () => {
    const file = join(dir, 'agency.yml');
    writeFileSync(file, 'profiles:\n  wioa-adult:\n    noteDueRequiredDays: 0\n');
    const { code, stderr } = await startMain({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', TICKLER_CONFIG: file, DATABASE_PATH: join(dir, 'db.sqlite') }).exit;
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/TICKLER_CONFIG .*profiles\.wioa-adult\.noteDueRequiredDays/);
  });

  it('starts, migrates, answers /healthz and Slack, and closes cleanly on SIGTERM', async () => {
    const fake = new FakeSlack({ scopes: manifestBotScopes() });
    await fake.start();
    fake.addUser({ id: 'U0WORKER01', name: 'Dana', tz: 'America/Chicago', team_id: fake.teamId });
    const dbPath = join(dir, 'nested', 'tickler.db');
    const proc = startMain({
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      DATABASE_PATH: dbPath,
      PORT: '0',
      LOG_LEVEL: 'info',
    });
    try {
      const started = await waitFor(() => {
        const line = proc.stdoutSoFar().split('\n').find((l) => l.includes('Tickler is running'));
        return line ? (JSON.parse(line) as { port: number; startupMs: number }) : undefined;
      });
      expect(started.port).toBeGreaterThan(0);
      const health = await fetch(`http://127.0.0.1:${started.port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ ok: true });

      const slack = new SlackRequestClient({ url: `http://127.0.0.1:${started.port}/slack/events`, signingSecret: SIGNING_SECRET, fake });
      const res = await slack.command({ command: '/participant', text: 'nobody', userId: 'U0WORKER01' });
      expect(res.status).toBe(200);
      const reply = await fake.waitForResponse((r) => r.url === res.responseUrl, 10_000);
      expect(JSON.stringify(reply.body)).toContain('No participant you can see matches');

      proc.kill('SIGTERM');
      const { code } = await proc.exit;
      expect(code).toBe(0);
      const db = new Database(dbPath, { readonly: true });
      expect(db.prepare('select slack_user_id from staff').all()).toEqual([{ slack_user_id: 'U0WORKER01' }]);
      db.close();
    } finally {
      proc.kill('SIGKILL');
      await fake.stop();
    }
  });
});
