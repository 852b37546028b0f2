// After an IRT meeting: *Record outcome* (from the meeting message in the planning thread, or
// the participant card) opens the outcome modal; *Add step* grows the action plan in place; the
// submission is validated, committed in one transaction and acknowledged, then the planning
// thread gets a short logistics-only summary (how many steps, the next IRT date) and the case
// manager a private confirmation. *Done* on a step's reminder marks it done.
import type { App, BlockAction, ButtonAction, Context } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../domain/access';
import { displayDate, localDate } from '../../domain/dates';
import { daysBetween } from '../../domain/due';
import { blockerText, FIRST_STEP_ROWS, MAX_STEP_ROWS, threadSummary } from '../../domain/irt-outcome';
import { checkNoteText, type NoteWarning } from '../../domain/note-checks';
import { markActionItemDone, outcomeFormFor, recordOutcome, type OutcomeForm, type RecordedOutcome } from '../../db/irt-outcome';
import { meetingDetail } from '../../db/irt';
import type { StoredWarning } from '../../db/notes';
import { partnerNames } from '../../db/partners';
import { actorFor, getStaff } from '../../db/staff';
import { flattenState } from '../forms';
import { refreshHomesFor } from '../home/register';
import { ACTIONS, VIEWS } from '../ids';
import { openForm } from '../participant/card';
import { displayName } from '../participant/views';
import { replyPrivately } from '../reply';
import type { Services } from '../services';
import { actorOf, zoneOf } from '../staff';
import { checkedTexts, outcomeBlockErrors, parseOutcomeForm, parseOutcomeMetadata, type OutcomeMetadata } from './forms';
import {
  alreadyDoneText,
  DONE_REFUSED_TEXT,
  doneMessage,
  OUTCOME_BLOCKS,
  OUTCOME_REFUSED_TEXT,
  outcomeConfirmation,
  outcomeModal,
  outcomeThreadMessage,
  STEP_GONE_TEXT,
  type OutcomeValues,
} from './views';

type CheckedField = { field: string; label: string; text: string; warnings: NoteWarning[] };

/** From this many days after the meeting the note may be late: the form asks why (optional). */
const ASK_LATE_AFTER_DAYS = 2;

function checkFields(fields: ReadonlyArray<{ field: string; label: string; text: string | null }>): CheckedField[] {
  return fields.flatMap((f) => {
    const warnings = f.text ? checkNoteText(f.text) : [];
    return warnings.length ? [{ field: f.field, label: f.label, text: f.text!, warnings }] : [];
  });
}

function storedWarnings(checked: CheckedField[]): StoredWarning[] {
  return checked.flatMap((c) => c.warnings.map((w) => ({ kind: w.kind, field: c.field, start: w.start, end: w.end, matched: w.matched })));
}

function metadata(m: OutcomeMetadata): string {
  return JSON.stringify(m);
}

function isId(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0;
}

export function registerIrtOutcome(app: App, services: Services): void {
  const { db, clock, config, logger } = services;

  const today = (context: Context) => localDate(clock.now(), zoneOf(services, context));

  const modalFor = (form: OutcomeForm, values: OutcomeValues | null, meta: OutcomeMetadata, warnings?: CheckedField[]) =>
    outcomeModal(form, values, { steps: meta.steps, askLate: meta.askLate, ...(warnings?.length ? { warnings } : {}), privateMetadata: metadata(meta) });

  // ----------------------------------------------------------------------- opening the form

  app.action<BlockAction<ButtonAction>>(ACTIONS.irtOutcomeStart, async ({ ack, body, action, client, context }) => {
    await ack();
    const actor = actorOf(context);
    const meetingId = Number(action.value);
    const tz = zoneOf(services, context);
    const found = isId(meetingId) ? outcomeFormFor(db, actor, meetingId, { now: clock.now(), timeZone: tz }) : ({ kind: 'not-found' } as const);
    const privately = (text: string) => replyPrivately(client, { userId: actor.staffId, responseUrl: body.response_url }, { text });
    if (found.kind === 'not-found') return privately(OUTCOME_REFUSED_TEXT);
    if (found.kind === 'blocked') return privately(blockerText(found.blocker, found.meetingDate));
    // From the private card the confirmation returns there; from the shared thread it goes by DM.
    const fromCard = body.container?.type === 'message' && body.container?.is_ephemeral === true && body.response_url;
    const meta: OutcomeMetadata = {
      meetingId,
      steps: FIRST_STEP_ROWS,
      askLate: daysBetween(found.form.meetingDate, today(context)) >= ASK_LATE_AFTER_DAYS,
      ...(fromCard ? { responseUrl: body.response_url } : {}),
    };
    await openForm(client, body, modalFor(found.form, null, meta));
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.irtOutcomeAddStep, async ({ ack, body, client, context }) => {
    await ack();
    const view = body.view;
    const meta = parseOutcomeMetadata(view?.private_metadata);
    if (!view || !meta.meetingId) return;
    const found = outcomeFormFor(db, actorOf(context), meta.meetingId, { now: clock.now(), timeZone: zoneOf(services, context) }, { audit: false });
    if (found.kind !== 'ok') return;
    const parsed = parseOutcomeForm(flattenState(view.state.values));
    const next: OutcomeMetadata = { meetingId: meta.meetingId, steps: Math.min(MAX_STEP_ROWS, Math.max(meta.steps ?? FIRST_STEP_ROWS, parsed.layout.steps) + 1), askLate: meta.askLate ?? false, ...(meta.warned ? { warned: true } : {}), ...(meta.responseUrl ? { responseUrl: meta.responseUrl } : {}) };
    // The entries so far are written back as initial values, so nothing typed is lost.
    await client.views
      .update({ view_id: view.id, hash: view.hash, view: modalFor(found.form, parsed.ok ? parsed.data.values : null, next) })
      .catch((err: unknown) => logger.warn({ err: String(err), meeting: meta.meetingId }, 'could not add a step to the outcome form'));
  });

  // ------------------------------------------------------------------------------ submitting

  app.view(VIEWS.irtOutcome, async ({ ack, view, client, context }) => {
    const actor = actorOf(context);
    const tz = zoneOf(services, context);
    const now = clock.now();
    const meta = parseOutcomeMetadata(view.private_metadata);
    if (!meta.meetingId) {
      await ack({ response_action: 'errors', errors: { [OUTCOME_BLOCKS.goal]: OUTCOME_REFUSED_TEXT } });
      return;
    }
    const full: OutcomeMetadata = { meetingId: meta.meetingId, steps: meta.steps ?? FIRST_STEP_ROWS, askLate: meta.askLate ?? false, ...(meta.responseUrl ? { responseUrl: meta.responseUrl } : {}) };
    const parsed = parseOutcomeForm(flattenState(view.state.values));
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const { values, saveAnyway } = parsed.data;

    // The note checks, as on every note: flagged wording is shown; revise it or save anyway.
    const checked = checkFields(checkedTexts(values, partnerNames(db, parsed.layout.partnerIds)));
    if (checked.length && !saveAnyway) {
      const found = outcomeFormFor(db, actor, meta.meetingId, { now, timeZone: tz }, { audit: false });
      if (found.kind === 'ok') {
        await ack({ response_action: 'update', view: modalFor(found.form, values, { ...full, steps: Math.max(full.steps, parsed.layout.steps), warned: true }, checked) });
        return;
      }
    }
    const result = recordOutcome(
      db,
      actor,
      {
        meetingId: meta.meetingId,
        draft: { ...values, attendedIds: values.attendedIds ?? [] },
        lateExplanation: values.lateExplanation,
        checkWarnings: storedWarnings(checked),
        checkChoice: checked.length ? 'saved_anyway' : meta.warned ? 'revised' : 'none',
        view: { id: view.id, hash: view.hash },
      },
      { profiles: config.profiles, now, today: localDate(now, tz), timeZone: tz, office: context.staff?.defaultOffice ?? null },
    );
    switch (result.kind) {
      case 'not-found':
        await ack({ response_action: 'errors', errors: { [OUTCOME_BLOCKS.goal]: OUTCOME_REFUSED_TEXT } });
        return;
      case 'blocked':
        await ack({ response_action: 'errors', errors: { [OUTCOME_BLOCKS.goal]: blockerText(result.blocker, result.meetingDate) } });
        return;
      case 'invalid':
        await ack({ response_action: 'errors', errors: outcomeBlockErrors(result.errors) });
        return;
      case 'explanation-required': {
        const message = `This outcome is past the participant’s program limit for notes (the last on-time day was ${displayDate(result.lastCompliantDate)}). Say why it is late.`;
        await ack({ response_action: 'errors', errors: { [parsed.layout.hasLate ? OUTCOME_BLOCKS.late : OUTCOME_BLOCKS.goal]: message } });
        return;
      }
      case 'duplicate':
        await ack();
        logger.info({ meeting: result.meetingId, note: result.noteId, user: actor.staffId }, 'IRT outcome already recorded (repeat submit)');
        return;
      case 'recorded':
        await ack();
        logger.info({ meeting: result.outcome.meetingId, note: result.outcome.noteId, needs: result.outcome.needIds.length, steps: result.outcome.steps.length, user: actor.staffId }, 'IRT outcome recorded');
        await afterRecorded(client, actor, result.outcome, meta.responseUrl, localDate(now, tz), tz);
    }
  });

  /** Slow work after the ack: the thread summary (logistics only), the private confirmation, the App Homes. */
  const afterRecorded = async (client: WebClient, actor: Actor, recorded: RecordedOutcome, responseUrl: string | undefined, day: string, tz: string) => {
    const detail = meetingDetail(db, recorded.meetingId);
    if (!detail) return;
    let thread: { posted: boolean } | null = null;
    if (detail.meeting.threadTs) {
      const summary = threadSummary({ stepCount: recorded.steps.length, nextIrtDate: recorded.nextIrtDate });
      try {
        await client.chat.postMessage({ channel: detail.meeting.planningChannelId, thread_ts: detail.meeting.threadTs, ...outcomeThreadMessage(summary) });
        thread = { posted: true };
      } catch (err) {
        logger.warn({ err: String(err), meeting: recorded.meetingId }, 'could not post the IRT outcome in the planning thread');
        thread = { posted: false };
      }
    }
    const who = { participantName: displayName(detail.participant), meetingDate: detail.meeting.startsAt ? localDate(new Date(detail.meeting.startsAt), tz) : day };
    await replyPrivately(client, { userId: actor.staffId, responseUrl }, outcomeConfirmation(recorded, who, thread)).catch((err: unknown) =>
      logger.warn({ err: String(err), meeting: recorded.meetingId }, 'could not confirm the IRT outcome'),
    );
    refreshHomesFor(services, client, actor, recorded.participantId);
  };

  // ------------------------------------------------------------------------- marking a step done

  app.action<BlockAction<ButtonAction>>(ACTIONS.irtActionDone, async ({ ack, body, action, client, context }) => {
    await ack();
    const userId = body.user.id;
    const itemId = Number(action.value);
    const now = clock.now();
    const tz = context.staff?.tz ?? config.agencyTz;
    const result = isId(itemId) ? markActionItemDone(db, { userId, actor: context.actor ?? null }, itemId, now) : ({ kind: 'not-found' } as const);
    const privately = (text: string) =>
      replyPrivately(client, { userId, responseUrl: body.response_url }, { text }).catch((err: unknown) => logger.warn({ err: String(err) }, 'could not answer a Done click'));
    if (result.kind === 'refused') return privately(DONE_REFUSED_TEXT);
    if (result.kind === 'not-found') return privately(STEP_GONE_TEXT);

    const item = result.item;
    const channel = body.container?.channel_id ?? body.channel?.id;
    const ts = body.container?.message_ts ?? body.message?.ts;
    if (channel && ts && body.message) {
      const updated = doneMessage({ text: body.message.text, blocks: body.message.blocks }, item.doneBy ?? userId, localDate(new Date(item.doneAt ?? now.toISOString()), tz), item.id);
      await client.chat.update({ channel, ts, ...updated }).catch(async (err: unknown) => {
        logger.warn({ err: String(err), step: item.id }, 'could not update the reminder with chat.update; trying its response_url');
        if (body.response_url) await replyPrivately(client, { userId, responseUrl: body.response_url, replaceOriginal: true }, updated).catch(() => undefined);
      });
    }
    if (result.kind === 'already-done') return privately(alreadyDoneText(item.doneBy, item.doneAt, tz));
    logger.info({ step: item.id, meeting: item.meetingId, user: userId, basis: result.basis }, 'IRT step marked done');
    // Someone outside the staff (a partner) did it: the organizer's and the caseload's homes refresh.
    const organizer = context.actor ? null : getStaff(db, meetingDetail(db, item.meetingId)?.meeting.organizerId ?? '');
    const staffActor = context.actor ?? (organizer?.active ? actorFor(organizer, config.adminUserIds) : null);
    if (staffActor) refreshHomesFor(services, client, staffActor, item.participantId);
  });
}
