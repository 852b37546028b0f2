import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, participants } from '../../src/db/schema';
import { startTestApp, type TestApp } from '../harness/app';
import { checkboxes, datepicker, emailInput, multiUsersSelect, plainText, staticSelect, usersSelect } from '../harness/slack-request';

const WORKER = 'U0WORKER01';

/** What a case manager types into the enrollment modal, keyed block_id → action_id → state. */
function enrollmentValues(overrides: Record<string, Record<string, unknown>> = {}) {
  return {
    full_name: { value: plainText('María José González') },
    preferred_name: { value: plainText('Majo') },
    preferred_language: { value: plainText('Spanish') },
    interpreter: { value: checkboxes([{ value: 'yes', text: 'An interpreter is needed' }]) },
    'program_wioa-adult': { date: datepicker('2026-11-02') },
    'program_wagner-peyser': { date: datepicker('2026-11-03') },
    mis_id: { value: plainText('wi-4471902') },
    phone: { value: plainText('(608) 555-0142') },
    email: { value: emailInput('majo@example.org') },
    contact_method: { value: staticSelect('text', 'Text message') },
    case_manager: { value: usersSelect(WORKER) },
    other_staff: { value: multiUsersSelect([]) },
    ...overrides,
  };
}

describe('enrolling a participant with /participant new', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startTestApp();
    app.addUser(WORKER, 'Dana Rivera');
  });
  afterEach(() => app.close());

  async function openEnrollModal() {
    const res = await app.slack.command({ command: '/participant', text: 'new', userId: WORKER });
    expect(res.status).toBe(200);
    expect(res.problems).toEqual([]);
    const open = await app.fake.waitForCall('views.open');
    expect(open.ok).toBe(true);
    return { responseUrl: res.responseUrl, view: open.args.view as { callback_id: string; blocks: Array<{ block_id: string; element?: { initial_user?: string } }> } };
  }

  it('a case manager enrolls a co-enrolled participant and gets the card privately', async () => {
    const { responseUrl, view } = await openEnrollModal();
    expect(view.callback_id).toBe('participant_enroll');
    expect(view.blocks.find((b) => b.block_id === 'case_manager')?.element?.initial_user).toBe(WORKER);

    const submit = await app.slack.viewSubmission({ userId: WORKER, callbackId: 'participant_enroll', values: enrollmentValues() });
    expect(submit.status).toBe(200);
    expect(submit.body).toBe('');
    expect(submit.problems).toEqual([]);

    const reply = await app.fake.waitForResponse((r) => r.url === responseUrl);
    expect(reply.ok).toBe(true);
    expect(reply.body.response_type).toBe('ephemeral');
    const shown = JSON.stringify(reply.body.blocks);
    expect(shown).toContain('María José González (Majo)');
    expect(shown).toContain('WIOA Adult');
    expect(shown).toContain('Wagner-Peyser');
    expect(shown).toContain(`<@${WORKER}>`);
    expect(shown).toContain('interpreter needed');

    const rows = app.db.select().from(participants).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ misId: 'WI-4471902', preferredContactMethod: 'text', status: 'active', statusDate: '2026-11-02', createdBy: WORKER });
    expect(app.db.select().from(auditLog).all().map((a) => a.action)).toEqual(['enroll']);
  });

  it('blank and malformed fields come back as errors on their own fields, and nothing is written', async () => {
    await openEnrollModal();
    const submit = await app.slack.viewSubmission({
      userId: WORKER,
      callbackId: 'participant_enroll',
      values: enrollmentValues({
        full_name: { value: plainText('   ') },
        'program_wioa-adult': { date: datepicker(null) },
        'program_wagner-peyser': { date: datepicker(null) },
        phone: { value: plainText('call me') },
        email: { value: emailInput('not-an-email') },
        mis_id: { value: plainText('WI 44/71') },
        contact_method: { value: staticSelect(null) },
      }),
    });
    expect(submit.status).toBe(200);
    expect(submit.problems).toEqual([]);
    const answer = submit.json<{ response_action: string; errors: Record<string, string> }>();
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors).sort()).toEqual(['contact_method', 'email', 'full_name', 'mis_id', 'phone', 'program_wioa-adult']);
    expect(answer.errors['full_name']).toBe('Enter the participant’s full name.');
    expect(answer.errors['program_wioa-adult']).toBe('Pick an enrollment date for at least one program.');
    expect(app.db.select().from(participants).all()).toEqual([]);
    expect(app.db.select().from(auditLog).all()).toEqual([]);
  });

  it('an enrollment date in the future is refused on that program’s date field', async () => {
    await openEnrollModal();
    const submit = await app.slack.viewSubmission({
      userId: WORKER,
      callbackId: 'participant_enroll',
      values: enrollmentValues({ 'program_wagner-peyser': { date: datepicker('2026-11-24') } }),
    });
    expect(submit.json()).toEqual({ response_action: 'errors', errors: { 'program_wagner-peyser': 'The enrollment date cannot be in the future.' } });
    expect(app.db.select().from(participants).all()).toEqual([]);
  });

  it('a MIS id already enrolled is refused with a message that names no one', async () => {
    await openEnrollModal();
    await app.slack.viewSubmission({ userId: WORKER, callbackId: 'participant_enroll', values: enrollmentValues() });
    await app.fake.waitForResponse();

    const other = 'U0WORKER02';
    app.addUser(other, 'Sam Okafor');
    await app.slack.command({ command: '/participant', text: 'new', userId: other });
    await app.fake.waitForCall('views.open', (c) => c.args.trigger_id !== undefined && app.fake.callsTo('views.open').length === 2);
    const submit = await app.slack.viewSubmission({
      userId: other,
      callbackId: 'participant_enroll',
      values: enrollmentValues({ full_name: { value: plainText('Another Person') }, mis_id: { value: plainText('WI-4471902') }, case_manager: { value: usersSelect(other) } }),
    });
    const answer = submit.json<{ response_action: string; errors: Record<string, string> }>();
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors)).toEqual(['mis_id']);
    expect(answer.errors['mis_id']).not.toMatch(/Mar[ií]a|Gonz|Majo|Dana|Rivera/);
    expect(app.db.select().from(participants).all()).toHaveLength(1);
  });

  it('the case manager must be staff of this workspace, not a guest', async () => {
    app.addUser('U0GUEST001', 'Gus Guest', { is_restricted: true });
    await openEnrollModal();
    const submit = await app.slack.viewSubmission({
      userId: WORKER,
      callbackId: 'participant_enroll',
      values: enrollmentValues({ case_manager: { value: usersSelect('U0GUEST001') } }),
    });
    const answer = submit.json<{ errors: Record<string, string> }>();
    expect(Object.keys(answer.errors)).toEqual(['case_manager']);
    expect(app.db.select().from(participants).all()).toEqual([]);
  });

  it('enrolling for a colleague assigns them; the enroller is told the file is theirs', async () => {
    const colleague = 'U0WORKER03';
    app.addUser(colleague, 'Lee Chen');
    const { responseUrl } = await openEnrollModal();
    await app.slack.viewSubmission({
      userId: WORKER,
      callbackId: 'participant_enroll',
      values: enrollmentValues({ case_manager: { value: usersSelect(colleague) } }),
    });
    const reply = await app.fake.waitForResponse((r) => r.url === responseUrl);
    expect(JSON.stringify(reply.body)).not.toContain('González');
    expect(String(reply.body.text)).toContain('assigned to another case manager');
  });
});
