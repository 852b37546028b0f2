// /casenote: quick entry, the note modal, amendments, search, and *Save as case note*.
// Parse → (commit) → ack → Slack calls. A quick entry is committed before the ack.
import type { App, BlockAction, ButtonAction, Context, MessageShortcut } from '@slack/bolt';
import type { View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../domain/access';
import { defaultLocation, interactionInstant, summarySubject } from '../../domain/case-note';
import { displayDate, instantAt, localDate, localTime } from '../../domain/dates';
import { checkNoteText, type NoteWarning } from '../../domain/note-checks';
import { parseQuickEntry, type QuickEntryParse } from '../../domain/quick-entry';
import { truncate, unescapeSlackText } from '../../domain/text';
import { amendNote, quickEntryCandidates, readNote, saveLinkedNote, saveNote, searchNotes, type NewNote, type NotePlanLinks, type StoredWarning } from '../../db/notes';
import { openPlanItems } from '../../db/plan';
import { participantSummaryFor } from '../../db/participants';
import { fieldErrors, flattenState } from '../forms';
import { ACTIONS, COMMANDS, SAVE_AS_NOTE_SHORTCUT, VIEWS } from '../ids';
import { cardModal, openForm, refreshCard, replyTargetOf, showCard } from '../participant/card';
import { displayName, NOT_AVAILABLE_TEXT } from '../participant/views';
import { refreshHomesFor } from '../home/register';
import { replyPrivately } from '../reply';
import type { Services } from '../services';
import { actorOf, zoneOf } from '../staff';
import { amendSchema, draftFromForm, parseNoteForm, parseNoteMetadata, planLinkErrors, type NoteForm, type NoteMetadata } from './forms';
import {
  AMEND_BLOCKS,
  amendModal,
  BODY_MAX,
  casenoteHelpText,
  methodLabel,
  NOTE_BLOCKS,
  noteModal,
  savedNoteBlocks,
  SEARCH_PAGE_SIZE,
  searchResultBlocks,
  type NoteDraft,
  type NoteModalOptions,
} from './views';

type CheckedField = { field: string; label: string; text: string; warnings: NoteWarning[] };



/** Runs the note checks over every free-text field a note keeps. */
function checkFields(fields: Array<{ field: string; label: string; text: string | null | undefined }>): CheckedField[] {
  return fields.flatMap((f) => {
    const warnings = f.text ? checkNoteText(f.text) : [];
    return warnings.length ? [{ field: f.field, label: f.label, text: f.text!, warnings }] : [];
  });
}

function storedWarnings(checked: CheckedField[]): StoredWarning[] {
  return checked.flatMap((c) => c.warnings.map((w) => ({ kind: w.kind, field: c.field, start: w.start, end: w.end, matched: w.matched })));
}

function metadata(m: NoteMetadata): string {
  return JSON.stringify(m);
}

function participantLabel(view: { state: { values: Record<string, Record<string, { selected_option?: { text?: { text?: string } } | null }>> } }): string {
  const selected = Object.values(view.state.values[NOTE_BLOCKS.participant] ?? {})[0]?.selected_option;
  return selected?.text?.text ?? 'Participant';
}

function draftFromQuickEntry(parsed: QuickEntryParse, today: string): NoteDraft {
  const only = parsed.participants.length === 1 ? parsed.participants[0]! : null;
  return {
    participant: only ? { id: only.id, label: displayName(only) } : null,
    date: parsed.problems.includes('future-date') ? today : parsed.interactionDate,
    method: parsed.method,
    contactKind: parsed.attempt ? 'attempt' : 'participant',
    body: parsed.body || null,
  };
}

function quickEntryNotices(parsed: QuickEntryParse): string[] {
  const notes: string[] = [];
  if (parsed.problems.includes('no-participant')) {
    notes.push(parsed.whoText ? `• No participant you can see matches “${parsed.whoText}”. Pick one below.` : '• Tickler could not tell who the note is about. Pick the participant below.');
  }
  if (parsed.problems.includes('ambiguous-participant')) {
    notes.push(`• “${parsed.whoText}” matches ${parsed.participants.length} participants: ${parsed.participants.slice(0, 5).map((p) => displayName(p)).join(', ')}. Pick the right one below.`);
  }
  if (parsed.problems.includes('no-method')) notes.push('• Say how the contact happened (phone, face to face, email, text, video or mail).');
  if (parsed.problems.includes('no-body')) notes.push('• Write what happened.');
  if (parsed.problems.includes('future-date')) notes.push(`• “${parsed.dateText}” is in the future; a note records a contact that already happened.`);
  return notes.length ? [':pencil: *Almost there — a few things to fill in:*', ...notes] : [];
}

export function registerCasenote(app: App, services: Services): void {
  const { db, clock, config, logger } = services;

  const openNoteModal = async (client: WebClient, triggerId: string, draft: NoteDraft, opts: NoteModalOptions) => {
    await client.views.open({ trigger_id: triggerId, view: noteModal(draft, opts) });
  };

  /** The draft with the participant's active services and open goals, when the participant is known and the actor may write. */
  const withPlanItems = (actor: Actor, draft: NoteDraft): NoteDraft =>
    draft.participant ? { ...draft, planItems: openPlanItems(db, actor, draft.participant.id) } : draft;

  const confirmSaved = async (
    client: WebClient,
    actor: Actor,
    noteId: number,
    duplicate: boolean,
    target: { responseUrl?: string | undefined },
    servicesCompleted = 0,
  ) => {
    const entry = readNote(db, actor, noteId, clock.now());
    if (!entry) return;
    const participant = participantSummaryFor(db, actor, entry.note.participantId);
    const name = participant ? displayName(participant) : 'the participant';
    await replyPrivately(
      client,
      { userId: actor.staffId, ...target },
      { text: duplicate ? 'This note was already saved' : 'Note saved', blocks: savedNoteBlocks(entry, name, { duplicate, servicesCompleted }) },
    );
    refreshHomesFor(services, client, actor, entry.note.participantId);
  };

  app.command(COMMANDS.casenote, async ({ command, ack, respond, client, context }) => {
    const actor = actorOf(context);
    const tz = zoneOf(services, context);
    const now = clock.now();
    const today = localDate(now, tz);
    const text = unescapeSlackText(command.text).trim();
    if (!text) {
      await ack();
      await openNoteModal(client, command.trigger_id, { date: today, contactKind: 'participant' }, { privateMetadata: metadata({ responseUrl: command.response_url, source: 'modal' }) });
      return;
    }
    if (/^help$/i.test(text)) {
      await ack();
      await respond({ response_type: 'ephemeral', text: casenoteHelpText() });
      return;
    }
    const search = /^search(?:\s+([\s\S]*))?$/i.exec(text);
    if (search) {
      await ack();
      const query = (search[1] ?? '').trim();
      if (!query) {
        await respond({ response_type: 'ephemeral', text: 'Type what to look for: `/casenote search bus pass`' });
        return;
      }
      const { hits, more } = searchNotes(db, actor, query, { offset: 0, limit: SEARCH_PAGE_SIZE }, now);
      await respond({ response_type: 'ephemeral', text: `Case notes matching “${truncate(query, 100)}”`, blocks: searchResultBlocks(query, hits, 0, more) });
      return;
    }

    const firstWord = text.split(/\s+/)[0] ?? '';
    const parsed = parseQuickEntry({ text, candidates: quickEntryCandidates(db, actor, firstWord), now, timeZone: tz });
    const participant = parsed.participants.length === 1 ? parsed.participants[0]! : null;
    const checked = checkFields([{ field: NOTE_BLOCKS.body, label: 'Note', text: parsed.body }]);
    const tooLong = parsed.body.length > BODY_MAX;
    if (participant && parsed.method && parsed.problems.length === 0 && checked.length === 0 && !tooLong) {
      const when = interactionInstant(parsed.interactionDate, null, tz, now);
      const result = saveNote(
        db,
        actor,
        {
          participantId: participant.id,
          source: 'quick_entry',
          contactKind: parsed.attempt ? 'attempt' : 'participant',
          method: parsed.method,
          interactionAt: when.at,
          interactionTz: tz,
          timeKnown: when.timeKnown,
          location: defaultLocation(parsed.method, context.staff?.defaultOffice),
          subject: summarySubject(methodLabel(parsed.method, parsed.attempt ? 'attempt' : 'participant'), parsed.body),
          body: parsed.body,
          checkWarnings: [],
          checkChoice: 'none',
          quickEntry: true,
        },
        config.profiles,
        now,
      );
      if (result.kind === 'saved' || result.kind === 'duplicate') {
        await ack();
        logger.info({ note: result.noteId, user: actor.staffId, duplicate: result.kind === 'duplicate' }, 'quick entry saved');
        await confirmSaved(client, actor, result.noteId, result.kind === 'duplicate', { responseUrl: command.response_url });
        return;
      }
      if (result.kind === 'explanation-required') {
        await ack();
        await openNoteModal(client, command.trigger_id, withPlanItems(actor, draftFromQuickEntry(parsed, today)), {
          notices: [`:hourglass: This contact was on ${displayDate(parsed.interactionDate)}: the note is past the participant’s program limit (the last on-time day was ${displayDate(result.lastCompliantDate)}). Say why it is late at the bottom, then save.`],
          privateMetadata: metadata({ responseUrl: command.response_url, source: 'quick_entry' }),
        });
        return;
      }
    }
    await ack();
    await openNoteModal(client, command.trigger_id, withPlanItems(actor, draftFromQuickEntry(parsed, today)), {
      notices: [...quickEntryNotices(parsed), ...(tooLong ? [`• A note holds at most ${BODY_MAX.toLocaleString('en-US')} characters; shorten it below.`] : [])],
      ...(checked.length ? { warnings: checked } : {}),
      privateMetadata: metadata({ responseUrl: command.response_url, source: 'quick_entry', ...(checked.length ? { warned: true } : {}) }),
    });
  });

  app.view(VIEWS.casenote, async ({ ack, view, client, context }) => {
    const actor = actorOf(context);
    const tz = zoneOf(services, context);
    const now = clock.now();
    const today = localDate(now, tz);
    const meta = parseNoteMetadata(view.private_metadata);
    const parsed = parseNoteForm(flattenState(view.state.values), today);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const f = parsed.data;
    const when = interactionInstant(f.date, f.time, tz, now);
    if (when.at.getTime() > now.getTime()) {
      await ack({ response_action: 'errors', errors: { [NOTE_BLOCKS.time]: 'That time has not come yet today: a note records a contact that already happened.' } });
      return;
    }
    const checked = checkFields([
      { field: NOTE_BLOCKS.body, label: 'Note', text: f.body },
      { field: NOTE_BLOCKS.subject, label: 'Subject', text: f.subject },
      { field: NOTE_BLOCKS.nextSteps, label: 'Next steps', text: f.nextSteps },
      { field: NOTE_BLOCKS.othersPresent, label: 'Others present', text: f.othersPresent },
      { field: NOTE_BLOCKS.needDescription, label: 'Need', text: f.emergentNeed?.description },
      { field: NOTE_BLOCKS.needImpact, label: 'Need’s effect', text: f.emergentNeed?.impact },
      { field: NOTE_BLOCKS.lateExplanation, label: 'Late explanation', text: f.lateExplanation },
      { field: 'plan_links', label: 'Services and goals', text: planLinksText(f) },
    ]);
    if (checked.length && !f.saveAnyway) {
      await ack({
        response_action: 'update',
        view: noteModal(meta.detailsFor ? draftFromForm(f, participantLabel(view)) : withPlanItems(actor, draftFromForm(f, participantLabel(view))), { warnings: checked, privateMetadata: metadata({ ...meta, warned: true }) }),
      });
      return;
    }
    const checkChoice = checked.length ? 'saved_anyway' : meta.warned ? 'revised' : 'none';
    const nextAppointment = f.nextApptDate ? { date: f.nextApptDate, at: f.nextApptTime ? instantAt(f.nextApptDate, f.nextApptTime, tz) : null } : null;

    if (meta.detailsFor) {
      const result = amendNote(
        db,
        actor,
        meta.detailsFor,
        {
          reason: 'Details added',
          text: detailsText(f),
          nextAppointmentAt: nextAppointment?.at ?? null,
          nextAppointmentDate: nextAppointment?.date ?? null,
          emergentNeed: f.emergentNeed,
          employmentChange: f.employmentChange,
          checkWarnings: storedWarnings(checked),
          checkChoice,
          view: { id: view.id, hash: view.hash },
        },
        now,
      );
      if (result.kind === 'not-found') {
        await ack({ response_action: 'errors', errors: { [NOTE_BLOCKS.participant]: NOT_AVAILABLE_TEXT } });
        return;
      }
      await ack();
      await confirmSaved(client, actor, meta.detailsFor, false, { responseUrl: meta.responseUrl });
      return;
    }

    const note: NewNote = {
      participantId: f.participantId,
      source: meta.source === 'message_shortcut' ? 'message_shortcut' : 'modal',
      contactKind: f.contactKind,
      method: f.method,
      collateralName: f.collateralName,
      collateralRelationship: f.collateralRelationship,
      interactionAt: when.at,
      interactionTz: tz,
      timeKnown: when.timeKnown,
      location: f.location ?? defaultLocation(f.method, context.staff?.defaultOffice),
      subject: f.subject ?? summarySubject(methodLabel(f.method, f.contactKind), f.body),
      body: f.body,
      othersPresent: f.othersPresent,
      nextSteps: f.nextSteps,
      nextAppointmentAt: nextAppointment?.at ?? null,
      nextAppointmentDate: nextAppointment?.date ?? null,
      lateExplanation: f.lateExplanation,
      checkWarnings: storedWarnings(checked),
      checkChoice,
      sourcePermalink: meta.permalink ?? null,
      view: { id: view.id, hash: view.hash },
      emergentNeed: f.emergentNeed,
      employmentChange: f.employmentChange,
    };
    const result = saveLinkedNote(db, actor, note, planLinksOf(f), config.profiles, now);
    if (result.kind === 'invalid') {
      await ack({ response_action: 'errors', errors: planLinkErrors(result.errors) });
      return;
    }
    if (result.kind === 'not-found') {
      await ack({ response_action: 'errors', errors: { [NOTE_BLOCKS.participant]: 'You cannot write notes for this participant. Pick one from your caseload.' } });
      return;
    }
    if (result.kind === 'explanation-required') {
      await ack({
        response_action: 'errors',
        errors: {
          [NOTE_BLOCKS.lateExplanation]: `This note is past the participant’s program limit (the last on-time day was ${displayDate(result.lastCompliantDate)}). Say why it is late.`,
        },
      });
      return;
    }
    await ack();
    logger.info({ note: result.noteId, user: actor.staffId, duplicate: result.kind === 'duplicate' }, 'case note saved');
    await confirmSaved(client, actor, result.noteId, result.kind === 'duplicate', { responseUrl: meta.responseUrl }, result.kind === 'saved' ? result.servicesCompleted.length : 0);
    if (meta.cardViewId) await refreshCard(services, client, actor, f.participantId, { cardViewId: meta.cardViewId });
  });

  // From a card: *Log a note* opens the modal for that participant.
  app.action<BlockAction<ButtonAction>>(ACTIONS.logNote, async ({ ack, body, action, client, context }) => {
    await ack();
    const actor = actorOf(context);
    const participantId = Number(action.value);
    const match = participantSummaryFor(db, actor, participantId);
    const today = localDate(clock.now(), zoneOf(services, context));
    const target = replyTargetOf(body);
    await openForm(
      client,
      body,
      noteModal(withPlanItems(actor, { participant: match ? { id: match.id, label: displayName(match) } : null, date: today, contactKind: 'participant' }), {
        privateMetadata: metadata({ ...target, source: 'modal' }),
      }),
    );
  });

  // *Add details* after a quick entry: the full form, pre-filled; saved as an amendment.
  app.action<BlockAction<ButtonAction>>(ACTIONS.addDetails, async ({ ack, body, action, client, context }) => {
    await ack();
    const actor = actorOf(context);
    const entry = readNote(db, actor, Number(action.value), clock.now());
    if (!entry) {
      await replyPrivately(client, { userId: actor.staffId, ...replyTargetOf(body) }, { text: NOT_AVAILABLE_TEXT });
      return;
    }
    const n = entry.note;
    const draft: NoteDraft = {
      participant: { id: n.participantId, label: displayName(participantSummaryFor(db, actor, n.participantId) ?? { fullName: 'Participant', preferredName: null }) },
      date: n.interactionDate,
      time: n.interactionTimeKnown ? localTime(new Date(n.interactionAt), n.interactionTz) : null,
      method: n.method,
      contactKind: n.contactKind,
      location: n.location,
      subject: n.subject,
      body: n.body,
    };
    await openForm(
      client,
      body,
      noteModal(draft, {
        title: 'Add details',
        notices: ['The note is saved. What you add here is kept as an amendment under it (notes are never changed).'],
        privateMetadata: metadata({ ...replyTargetOf(body), detailsFor: n.id }),
      }),
    );
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.amendStart, async ({ ack, body, action, client, context }) => {
    await ack();
    const actor = actorOf(context);
    const entry = readNote(db, actor, Number(action.value), clock.now());
    if (!entry) {
      await replyPrivately(client, { userId: actor.staffId, ...replyTargetOf(body) }, { text: NOT_AVAILABLE_TEXT });
      return;
    }
    await openForm(client, body, amendModal(amendSummary(entry.note), { privateMetadata: metadata({ ...replyTargetOf(body), noteId: entry.note.id }) }));
  });

  app.view(VIEWS.amend, async ({ ack, view, client, context }) => {
    const actor = actorOf(context);
    const meta = parseNoteMetadata(view.private_metadata);
    const parsed = amendSchema.safeParse(flattenState(view.state.values));
    if (!parsed.success) {
      await ack({ response_action: 'errors', errors: fieldErrors(parsed.error) });
      return;
    }
    const f = parsed.data;
    const checked = checkFields([
      { field: AMEND_BLOCKS.text, label: 'Correction', text: f.text },
      { field: AMEND_BLOCKS.reason, label: 'Reason', text: f.reason },
    ]);
    const entry = meta.noteId ? readNote(db, actor, meta.noteId, clock.now()) : null;
    if (!entry) {
      await ack({ response_action: 'errors', errors: { [AMEND_BLOCKS.text]: NOT_AVAILABLE_TEXT } });
      return;
    }
    if (checked.length && !f.saveAnyway) {
      await ack({
        response_action: 'update',
        view: amendModal(amendSummary(entry.note), { privateMetadata: metadata({ ...meta, warned: true }), reason: f.reason, text: f.text, warnings: checked }),
      });
      return;
    }
    const result = amendNote(
      db,
      actor,
      entry.note.id,
      { reason: f.reason, text: f.text, checkWarnings: storedWarnings(checked), checkChoice: checked.length ? 'saved_anyway' : meta.warned ? 'revised' : 'none', view: { id: view.id, hash: view.hash } },
      clock.now(),
    );
    if (result.kind === 'not-found') {
      await ack({ response_action: 'errors', errors: { [AMEND_BLOCKS.text]: NOT_AVAILABLE_TEXT } });
      return;
    }
    await ack();
    await refreshCard(services, client, actor, result.participantId, meta);
    refreshHomesFor(services, client, actor, result.participantId);
  });

  const turnNotesPage = async ({ ack, body, action, client, context }: { ack: () => Promise<void>; body: BlockAction; action: ButtonAction; client: WebClient; context: Context }) => {
    await ack();
    const [id, offset] = (action.value ?? '').split(':').map(Number);
    if (!id || offset === undefined || !Number.isSafeInteger(offset) || offset < 0) return;
    const actor = actorOf(context);
    const target = replyTargetOf(body);
    if (target.cardViewId) {
      await client.views.update({ view_id: target.cardViewId, view: cardModal(services, actor, id, offset) });
    } else {
      await showCard(services, client, actor, id, { responseUrl: target.responseUrl, replaceOriginal: true }, offset);
    }
  };
  app.action<BlockAction<ButtonAction>>(ACTIONS.notesPageNext, turnNotesPage);
  app.action<BlockAction<ButtonAction>>(ACTIONS.notesPagePrev, turnNotesPage);

  const turnSearchPage = async ({ ack, action, respond, context }: { ack: () => Promise<void>; action: ButtonAction; respond: (m: object) => Promise<unknown>; context: Context }) => {
    await ack();
    let state: { q?: unknown; o?: unknown };
    try {
      state = JSON.parse(action.value ?? '{}') as { q?: unknown; o?: unknown };
    } catch {
      return;
    }
    const query = typeof state.q === 'string' ? state.q : '';
    const offset = typeof state.o === 'number' && Number.isSafeInteger(state.o) && state.o >= 0 ? state.o : 0;
    const { hits, more } = searchNotes(db, actorOf(context), query, { offset, limit: SEARCH_PAGE_SIZE }, clock.now());
    await respond({ response_type: 'ephemeral', replace_original: true, text: `Case notes matching “${truncate(query, 100)}”`, blocks: searchResultBlocks(query, hits, offset, more) });
  };
  app.action<BlockAction<ButtonAction>>(ACTIONS.searchPageNext, turnSearchPage);
  app.action<BlockAction<ButtonAction>>(ACTIONS.searchPagePrev, turnSearchPage);

  // Message shortcut: a partner's update in Slack becomes a collateral-contact note.
  app.shortcut<MessageShortcut>(SAVE_AS_NOTE_SHORTCUT, async ({ ack, shortcut, client, context }) => {
    await ack();
    const tz = zoneOf(services, context);
    const at = new Date(Number(shortcut.message.ts) * 1000);
    const authorId = shortcut.message.user;
    const draft: NoteDraft = {
      date: localDate(at, tz),
      time: localTime(at, tz),
      method: 'text',
      contactKind: 'collateral',
      collateralName: authorId ? `<@${authorId}>` : null,
      body: truncate(unescapeSlackText(shortcut.message.text ?? ''), 3000) || null,
    };
    const opened = await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: noteModal(draft, { title: 'Save as case note', privateMetadata: metadata({ source: 'message_shortcut' }) }),
    });
    // After the modal is open (the trigger is spent): the permalink and the author's name.
    const viewId = opened.view?.id;
    if (!viewId) return;
    const [permalink, author] = await Promise.all([
      client.chat.getPermalink({ channel: shortcut.channel.id, message_ts: shortcut.message.ts }).then((r) => r.permalink, () => undefined),
      authorId ? client.users.info({ user: authorId }).then((r) => r.user?.real_name || r.user?.name, () => undefined) : Promise.resolve(undefined),
    ]);
    const view: View = noteModal(
      { ...draft, collateralName: author ?? draft.collateralName ?? null },
      { title: 'Save as case note', privateMetadata: metadata({ source: 'message_shortcut', ...(permalink ? { permalink } : {}) }) },
    );
    await client.views.update({ view_id: viewId, hash: opened.view?.hash, view }).catch((err: unknown) => logger.warn({ err: String(err) }, 'could not add the permalink to the note modal'));
  });

}

/** The services and goals the form says the note touches, for the db. */
function planLinksOf(f: NoteForm): NotePlanLinks {
  return {
    services: f.serviceUpdates.map((u) => ({
      serviceId: u.serviceId,
      updateKind: u.choice.startsWith('completed') ? ('completed' as const) : u.choice === 'started' ? ('started' as const) : ('progress' as const),
      outcome: u.outcome,
      needMet: u.choice === 'completed_met' ? true : u.choice === 'completed_not_met' ? false : null,
    })),
    goals: f.goalProgress.map((g) => ({ goalId: g.goalId, progress: g.progress })),
  };
}

/** The free text of the services-and-goals part, checked like the rest of the note. */
function planLinksText(f: NoteForm): string | null {
  const lines = [...f.serviceUpdates.map((u) => u.outcome), ...f.goalProgress.map((g) => g.progress)].filter((x): x is string => !!x);
  return lines.length ? lines.join('\n') : null;
}

function amendSummary(note: { interactionDate: string; method: string; contactKind: string; body: string }): string {
  return `*${note.interactionDate} · ${methodLabel(note.method, note.contactKind)}*\n>${truncate(note.body, 2500).replace(/\n/g, '\n>')}`;
}

/** The details added after a quick entry, as the amendment's text. */
function detailsText(f: NoteForm): string {
  const lines = [
    f.subject && `Subject: ${f.subject}`,
    f.time && `Time of contact: ${f.time}`,
    f.location && `Location: ${f.location}`,
    f.contactKind === 'collateral' && f.collateralName && `Contact with: ${f.collateralName}${f.collateralRelationship ? ` (${f.collateralRelationship})` : ''}`,
    f.othersPresent && `Others present: ${f.othersPresent}`,
    `Note: ${f.body}`,
    f.nextSteps && `Next steps: ${f.nextSteps}`,
    f.nextApptDate && `Next appointment: ${f.nextApptDate}${f.nextApptTime ? ` ${f.nextApptTime}` : ''}`,
    f.emergentNeed && `Emergent need (${f.emergentNeed.category}): ${f.emergentNeed.description} — ${f.emergentNeed.impact}`,
    f.employmentChange && `${f.employmentChange.kind === 'hired' ? 'Hired by' : 'Job ended at'} ${f.employmentChange.employerName} on ${f.employmentChange.effectiveDate}`,
    f.lateExplanation && `Late because: ${f.lateExplanation}`,
  ].filter(Boolean);
  return truncate(lines.join('\n'), 3000);
}
