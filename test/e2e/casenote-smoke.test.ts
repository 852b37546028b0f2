import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrollParticipant, type NewParticipant } from '../../src/db/participants';
import { caseNotes } from '../../src/db/schema';
import { actorFor, getStaff } from '../../src/db/staff';
import { startTestApp, type TestApp } from '../harness/app';
import { addStaff } from '../harness/db';

const WORKER = 'U0WORKER01';

describe('/casenote quick entry (smoke)', () => {
  let app: TestApp;
  let maria: number;
  beforeEach(async () => {
    app = await startTestApp({ now: '2026-11-23T16:00:00.000Z' });
    app.addUser(WORKER, 'Dana Rivera');
    addStaff(app.db, WORKER, { name: 'Dana Rivera' }, app.clock.now());
    const p: NewParticipant = {
      fullName: 'María González', preferredName: null, preferredLanguage: 'Spanish', interpreterNeeded: false,
      programs: [{ profileId: 'wioa-adult', enrollmentDate: '2026-10-01' }], misId: null, phone: null, email: null,
      preferredContactMethod: 'phone', primaryCaseManagerId: WORKER, otherStaffIds: [],
    };
    maria = enrollParticipant(app.db, actorFor(getStaff(app.db, WORKER)!, new Set()), p, app.clock.now());
  });
  afterEach(() => app.close());

  it('a one-liner is saved before the ack and confirmed privately through the response_url', async () => {
    const res = await app.slack.command({ command: '/casenote', text: 'maria g phone yesterday confirmed CASAS appt for 12/3, will bring ID', userId: WORKER });
    expect(res.status).toBe(200);
    expect(res.problems).toEqual([]);
    expect(app.db.select().from(caseNotes).all()).toMatchObject([
      { participantId: maria, method: 'phone', contactKind: 'participant', interactionDate: '2026-11-22', body: 'confirmed CASAS appt for 12/3, will bring ID', source: 'quick_entry', location: 'Remote' },
    ]);
    const reply = await app.fake.waitForResponse((r) => r.url === res.responseUrl);
    expect(reply.ok).toBe(true);
    const shown = JSON.stringify(reply.body.blocks);
    expect(shown).toContain('Note saved for *María González*');
    expect(shown).toContain('casenote_add_details');
    expect(shown).toContain('casenote_amend_start');
  });
});
