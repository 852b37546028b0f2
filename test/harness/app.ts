// Runs the real app — real Bolt HTTP receiver, real migrations on a temp SQLite file — against
// the fake Slack Web API, with an injected clock. One call per test file or test.
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { parse } from 'yaml';
import { loadConfig, type Config } from '../../src/config';
import type { Db } from '../../src/db/connection';
import { fixedClock } from '../../src/domain/clock';
import { createSlackApp, type SlackApp } from '../../src/slack/app';
import { tempDatabase } from './db';
import { FakeSlack, type FakeUserInput } from './fake-slack';
import { SlackRequestClient } from './slack-request';

export const SIGNING_SECRET = 'test-signing-secret-8f2a';

interface Manifest {
  oauth_config: { scopes: { bot: string[] } };
}

export function manifestBotScopes(): string[] {
  const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as Manifest;
  return manifest.oauth_config.scopes.bot;
}

export interface TestAppOptions {
  /** The app's clock (instant, ISO). Slack's own timing (signatures, trigger ids) stays real. */
  now?: string;
  adminUserIds?: string[];
  agencyTz?: string;
  env?: Record<string, string>;
}

export interface TestApp {
  fake: FakeSlack;
  slack: SlackRequestClient;
  clock: ReturnType<typeof fixedClock>;
  config: Config;
  readonly db: Db;
  baseUrl: string;
  /** A workspace member the app can look up with users.info. */
  addUser(id: string, name: string, extra?: Partial<FakeUserInput>): void;
  /** Stops the app and starts a new one on the same database file (a process restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const fake = new FakeSlack({ scopes: manifestBotScopes() });
  await fake.start();
  const files = tempDatabase();
  const clock = fixedClock(opts.now ?? '2026-11-23T15:00:00.000Z');
  const config = loadConfig({
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    DATABASE_PATH: files.path,
    ADMIN_USER_IDS: (opts.adminUserIds ?? []).join(','),
    AGENCY_TZ: opts.agencyTz ?? 'America/Chicago',
    LOG_LEVEL: 'warn',
    ...opts.env,
  });
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

  let db = files.db;
  let app: SlackApp;
  let baseUrl = '';
  let slack!: SlackRequestClient;
  const boot = async () => {
    app = createSlackApp({ db, clock, config, logger });
    const port = await app.start(0);
    baseUrl = `http://127.0.0.1:${port}`;
    slack = new SlackRequestClient({ url: `${baseUrl}/slack/events`, signingSecret: SIGNING_SECRET, fake });
  };
  await boot();

  return {
    fake,
    get slack() {
      return slack;
    },
    clock,
    config,
    get db() {
      return db;
    },
    get baseUrl() {
      return baseUrl;
    },
    addUser(id, name, extra = {}) {
      fake.addUser({ id, name, real_name: name, tz: 'America/Chicago', team_id: fake.teamId, ...extra });
    },
    async restart() {
      await app.stop();
      db = files.reopen();
      await boot();
    },
    async close() {
      await app.stop();
      files.cleanup();
      await fake.stop();
    },
  };
}
