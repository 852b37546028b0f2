import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS, COMMANDS_TAKING_MENTIONS, EVENTS, SHORTCUTS } from '../../src/slack/ids';
import { METHOD_SCOPES } from '../harness/fake-slack';

const root = new URL('../../', import.meta.url).pathname;
const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8'));
const schema = JSON.parse(readFileSync(join(root, 'test/fixtures/slack-app-manifest.schema.json'), 'utf8'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every Web API method the code calls as `client.<family>.<method>(`. */
function methodsCalledByCode(): Set<string> {
  const methods = new Set<string>();
  for (const file of sourceFiles(join(root, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bclient\.([a-z]+)\.([a-zA-Z]+)\(/g)) methods.add(`${m[1]}.${m[2]}`);
  }
  return methods;
}

describe('manifest.yml', () => {
  it('follows Slack’s manifest schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  it('runs in HTTP mode with every request URL ending in /slack/events', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    const urls = [
      ...manifest.features.slash_commands.map((c: { url: string }) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      manifest.settings.interactivity.message_menu_options_url,
    ];
    expect(urls).toHaveLength(manifest.features.slash_commands.length + 3);
    for (const url of urls) expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('declares exactly the commands the code listens for, escaping those that take a mention', () => {
    const declared = manifest.features.slash_commands.map((c: { command: string }) => c.command).sort();
    expect(declared).toEqual(Object.values(COMMANDS).sort());
    for (const c of manifest.features.slash_commands as Array<{ command: string; should_escape: boolean }>) {
      expect([c.command, c.should_escape]).toEqual([c.command, COMMANDS_TAKING_MENTIONS.includes(c.command)]);
    }
  });

  it('subscribes to exactly the events the code handles', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([...EVENTS].sort());
    const registered = new Set<string>();
    for (const file of sourceFiles(join(root, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/app\.event\('([a-z_]+)'/g)) registered.add(m[1]!);
    }
    expect([...registered].sort()).toEqual([...EVENTS].sort());
  });

  it('declares exactly the shortcuts the code handles', () => {
    const declared = (manifest.features.shortcuts ?? []).map((s: { callback_id: string; type: string }) => `${s.type}:${s.callback_id}`).sort();
    expect(declared).toEqual(SHORTCUTS.map((s) => `${s.type}:${s.callbackId}`).sort());
  });

  it('asks for every scope the code’s Slack calls need, and no scope nothing uses', () => {
    const methods = methodsCalledByCode();
    expect(methods.size).toBeGreaterThan(3);
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    const needed = new Set<string>(['commands']);
    for (const method of methods) {
      expect(Object.keys(METHOD_SCOPES), `the fake Slack does not know ${method}`).toContain(method);
      const need = METHOD_SCOPES[method];
      if (typeof need === 'string') needed.add(need);
      else if (Array.isArray(need)) {
        const have = need.filter((s) => scopes.includes(s));
        expect(have.length, `${method} needs one of ${need.join(', ')}`).toBeGreaterThan(0);
        for (const s of have) needed.add(s);
      }
    }
    expect([...scopes].sort()).toEqual([...needed].sort());
  });
});
