// Who becomes staff: the release gate trusts "staff", so registration must fail closed.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staff } from '../../src/db/schema';
import { ACTIONS } from '../../src/slack/ids';
import { isFullMember } from '../../src/slack/staff';
import { startTestApp, type TestApp } from '../harness/app';

const MEMBER = 'U0MEMBER01';
const CHANNEL = 'C0PLANNING';

describe('staff registration', () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await startTestApp();
    app.addUser(MEMBER, 'Morgan Member', { tz: 'America/Chicago' });
    app.fake.addChannel({ id: CHANNEL, name: 'irt-planning', is_private: true, members: [MEMBER, app.fake.botUserId] });
  });
  afterEach(async () => {
    await app.close();
  });

  const isStaff = () => app.db.select().from(staff).where(eq(staff.slackUserId, MEMBER)).get() !== undefined;

  it('an IRT attendee button pressed by an unregistered workspace member registers nobody', async () => {
    app.fake.addMessage({ channel: CHANNEL, ts: '1764000000.000100', text: 'slots', user: app.fake.botUserId });
    for (const actionId of [ACTIONS.irtAvailable, ACTIONS.irtUnavailable, ACTIONS.irtActionDone]) {
      const res = await app.slack.blockAction({ userId: MEMBER, channelId: CHANNEL, messageTs: '1764000000.000100', actionId, value: '999' });
      expect(res.status).toBe(200);
    }
    expect(isStaff()).toBe(false);
    // The same person using Tickler itself is registered as usual.
    const res = await app.slack.command({ command: '/caseload', userId: MEMBER });
    expect(res.status).toBe(200);
    expect(isStaff()).toBe(true);
  });

  it('a daily refresh that cannot confirm the home workspace leaves a registered person as they are', async () => {
    expect((await app.slack.command({ command: '/caseload', userId: MEMBER })).status).toBe(200);
    expect(isStaff()).toBe(true);
    app.clock.advance(25 * 60 * 60 * 1000); // the profile is due for its daily refresh
    const authCalls = app.fake.callsTo('auth.test').length;
    await app.restart(); // a new process asks Slack for the home workspace again
    await expect.poll(() => app.fake.callsTo('auth.test').length).toBeGreaterThan(authCalls);
    app.fake.failNext('auth.test', { error: 'fatal_error' }, 3);
    const infoCalls = app.fake.callsTo('users.info').length;
    expect((await app.slack.command({ command: '/caseload', userId: MEMBER })).status).toBe(200);
    await expect.poll(() => app.fake.callsTo('users.info').length).toBeGreaterThan(infoCalls); // the refresh ran
    await new Promise((r) => setTimeout(r, 50));
    expect(app.db.select().from(staff).where(eq(staff.slackUserId, MEMBER)).get()!.active).toBe(true);
    const again = await app.slack.command({ command: '/caseload', userId: MEMBER });
    expect(JSON.stringify(again.body)).not.toContain('turned off');
  });

  it('fails closed: nobody is a full member while the home workspace is unknown', () => {
    const user = { id: MEMBER, team_id: 'T0HOME0001' };
    expect(isFullMember(user, 'T0HOME0001')).toBe(true);
    expect(isFullMember(user, undefined)).toBe(false);
    expect(isFullMember({ ...user, team_id: 'T0ELSEWHER' }, 'T0HOME0001')).toBe(false);
    expect(isFullMember({ ...user, is_stranger: true }, 'T0HOME0001')).toBe(false);
  });
});
