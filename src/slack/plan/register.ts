// The plan from the participant card: the plan modal, the sub-modals it pushes (assessments,
// needs and their status, SMART goals and their status, services, extension, completion,
// referrals, acknowledgment, review), the ephemeral summary and the printable copy uploaded to
// the case manager's DM (its file id kept on the version).
// Parse → (errors keyed by block_id) → db → ack → Slack calls. After a sub-modal is saved the
// ack closes it and the plan modal under it is updated in place (its view id is in the
// sub-modal's private_metadata).
import type { App, BlockAction, ButtonAction, Context } from '@slack/bolt';
import type { View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { decideAccess, type Actor } from '../../domain/access';
import type { FieldErrors } from '../../domain/plan';
import { participantNotes } from '../../db/notes';
import { accessFacts, participantSummaryFor } from '../../db/participants';
import {
  acknowledgePlanVersion,
  addAssessment,
  addGoal,
  addNeed,
  addReferral,
  addService,
  completeService,
  extendableServiceIds,
  extendService,
  outcomeRulesFor,
  readPlan,
  readPlanVersion,
  recordPlanPdf,
  serviceCatalogsFor,
  reviewPlan,
  updateGoalStatus,
  updateNeedStatus,
  updateReferralStatus,
  type PlanContext,
  type PlanView,
} from '../../db/plan';
import { viewRequestKey } from '../../db/requests';
import { flattenState, type FlatForm } from '../forms';
import { ACTIONS, VIEWS } from '../ids';
import { refreshHomesFor } from '../home/register';
import { openForm, replyTargetOf } from '../participant/card';
import { displayName, NOT_AVAILABLE_TEXT } from '../participant/views';
import { replyPrivately } from '../reply';
import type { Services } from '../services';
import { actorOf, userToday } from '../staff';
import {
  ACK_FIELD_BLOCKS,
  assessmentFieldBlocks,
  blockErrors,
  COMPLETE_FIELD_BLOCKS,
  EXTEND_FIELD_BLOCKS,
  GOAL_FIELD_BLOCKS,
  GOAL_STATUS_FIELD_BLOCKS,
  NEED_FIELD_BLOCKS,
  NEED_STATUS_FIELD_BLOCKS,
  parseAckForm,
  parseAssessmentForm,
  parseCompleteForm,
  parseExtendForm,
  parseGoalForm,
  parseGoalStatusForm,
  parseNeedForm,
  parseNeedStatusForm,
  parsePlanMetadata,
  parseReferralForm,
  parseReferralStatusForm,
  parseReviewForm,
  parseServiceForm,
  REFERRAL_FIELD_BLOCKS,
  REFERRAL_STATUS_FIELD_BLOCKS,
  SERVICE_FIELD_BLOCKS,
  type PlanMetadata,
} from './forms';
import { uploadToDm } from '../files';
import {
  ACK_BLOCKS,
  acknowledgeModal,
  ASSESSMENT_BLOCKS,
  assessmentModal,
  COMPLETE_BLOCKS,
  completeServiceModal,
  EXTEND_BLOCKS,
  extendServiceModal,
  GOAL_BLOCKS,
  GOAL_STATUS_BLOCKS,
  goalModal,
  goalStatusModal,
  NEED_BLOCKS,
  NEED_STATUS_BLOCKS,
  needLabel,
  needModal,
  needStatusModal,
  NO_PLAN_VERSION_TEXT,
  planModal,
  planSummaryBlocks,
  planSummaryText,
  REFERRAL_BLOCKS,
  REFERRAL_STATUS_BLOCKS,
  referralModal,
  referralStatusModal,
  REVIEW_BLOCKS,
  reviewModal,
  SERVICE_BLOCKS,
  serviceModal,
} from './views';


function metadata(m: PlanMetadata): string {
  return JSON.stringify(m);
}

function mayWrite(services: Services, actor: Actor, participantId: number): boolean {
  return decideAccess(actor, accessFacts(services.db, participantId), 'write').allowed;
}

function planContext(services: Services, context: Context): PlanContext {
  return { profiles: services.config.profiles, now: services.clock.now(), today: userToday(services, context) };
}

function nameOf(services: Services, actor: Actor, participantId: number): string {
  const p = participantSummaryFor(services.db, actor, participantId);
  return p ? displayName(p) : 'Participant';
}

/** The plan modal for a reader, or null when the file is not available to them. */
export function planModalFor(services: Services, actor: Actor, participantId: number, meta: PlanMetadata): View | null {
  const read = readPlan(services.db, actor, participantId, { now: services.clock.now() });
  if (read.kind !== 'ok') return null;
  return planModal(
    read.plan,
    {
      participantId,
      name: nameOf(services, actor, participantId),
      mayWrite: mayWrite(services, actor, participantId),
      extendableServiceIds: extendableServiceIds(services.db, read.plan, services.config.profiles),
    },
    metadata({ participantId, ...(meta.responseUrl ? { responseUrl: meta.responseUrl } : {}) }),
  );
}

/**
 * Opens the plan modal: pushed on top of a modal it was asked from (the card), else opened.
 * A reader who may not see the file gets the plain refusal, privately.
 */
export async function openPlan(
  services: Services,
  client: WebClient,
  actor: Actor,
  participantId: number,
  how: { triggerId: string; push: boolean; responseUrl?: string | undefined },
): Promise<void> {
  const view = Number.isSafeInteger(participantId) && participantId > 0 ? planModalFor(services, actor, participantId, { responseUrl: how.responseUrl }) : null;
  if (!view) {
    await replyPrivately(client, { userId: actor.staffId, responseUrl: how.responseUrl }, { text: NOT_AVAILABLE_TEXT });
    return;
  }
  if (how.push) await client.views.push({ trigger_id: how.triggerId, view });
  else await client.views.open({ trigger_id: how.triggerId, view });
}

/** Needs a new service or referral may answer: on the plan and not met. */
function unmetNeeds(plan: PlanView) {
  return plan.needs.filter((n) => n.status !== 'met').map((n) => ({ id: n.id, category: n.category, description: n.description }));
}

type SubmitOutcome = { kind: 'ok' } | { kind: 'errors'; errors: Record<string, string> };

const planErrors = (errors: FieldErrors, map: Record<string, string>, fallback: string): SubmitOutcome => ({ kind: 'errors', errors: blockErrors(errors, map, fallback) });

export function registerPlan(app: App, services: Services): void {
  const { db, clock, config, logger } = services;

  // ------------------------------------------------------------------------ opening

  app.action<BlockAction<ButtonAction>>(ACTIONS.planOpen, async ({ ack, body, action, client, context }) => {
    await ack();
    const target = replyTargetOf(body);
    await openPlan(services, client, actorOf(context), Number(action.value), {
      triggerId: body.trigger_id,
      push: body.container?.type === 'view' && body.view?.type === 'modal',
      responseUrl: target.responseUrl,
    });
  });

  /**
   * A button in the plan modal: the participant (from the modal's metadata, never trusted over
   * access), the plan as the reader may see it, and the metadata a pushed sub-modal carries.
   */
  const fromPlanModal = (body: BlockAction, actor: Actor, opts: { write: boolean }) => {
    const meta = parsePlanMetadata(body.view?.private_metadata);
    const participantId = meta.participantId;
    if (!participantId) return null;
    if (opts.write && !mayWrite(services, actor, participantId)) return null;
    const read = readPlan(db, actor, participantId, { now: clock.now() });
    if (read.kind !== 'ok') return null;
    const sub: PlanMetadata = { participantId, ...(body.view?.id ? { planViewId: body.view.id } : {}), ...(meta.responseUrl ? { responseUrl: meta.responseUrl } : {}) };
    return { participantId, plan: read.plan, meta, sub, name: nameOf(services, actor, participantId) };
  };

  const refuse = (client: WebClient, actor: Actor, body: BlockAction) =>
    replyPrivately(client, { userId: actor.staffId, responseUrl: parsePlanMetadata(body.view?.private_metadata).responseUrl ?? replyTargetOf(body).responseUrl }, { text: NOT_AVAILABLE_TEXT });

  /** A button in the plan modal that pushes a sub-modal built from the plan. */
  const pushing =
    (build: (p: NonNullable<ReturnType<typeof fromPlanModal>>, action: ButtonAction, context: Context) => View | null) =>
    async ({ ack, body, action, client, context }: { ack: () => Promise<void>; body: BlockAction; action: ButtonAction; client: WebClient; context: Context }) => {
      await ack();
      const actor = actorOf(context);
      const p = fromPlanModal(body, actor, { write: true });
      const view = p ? build(p, action, context) : null;
      if (!view) {
        await refuse(client, actor, body);
        return;
      }
      await openForm(client, body, view);
    };

  /** The participant's latest notes, to pick the one documenting a need or an assessment. */
  const recentNotes = (actor: Actor, participantId: number) =>
    (participantNotes(db, actor, participantId, { offset: 0, limit: 50 }, clock.now(), { audit: false })?.notes ?? []).map((n) => ({
      id: n.note.id,
      date: n.note.interactionDate,
      subject: n.note.subject,
    }));

  app.action<BlockAction<ButtonAction>>(
    ACTIONS.planAddNeed,
    pushing((p, _action, context) =>
      needModal(
        p.name,
        {
          assessments: [...p.plan.assessments].reverse().map((a) => ({ id: a.id, date: a.assessmentDate, tool: a.instrumentName ?? a.tool })),
          notes: recentNotes(actorOf(context), p.participantId),
        },
        metadata(p.sub),
      ),
    ),
  );

  app.action<BlockAction<ButtonAction>>(
    ACTIONS.planAddAssessment,
    pushing((p, _action, context) => assessmentModal(p.name, recentNotes(actorOf(context), p.participantId), userToday(services, context), metadata(p.sub))),
  );

  app.action<BlockAction<ButtonAction>>(
    ACTIONS.planNeedStatus,
    pushing((p, action, context) => {
      const need = p.plan.needs.find((n) => n.id === Number(action.value));
      if (!need) return null;
      return needStatusModal(p.name, need, userToday(services, context), metadata({ ...p.sub, needId: need.id }));
    }),
  );

  app.action<BlockAction<ButtonAction>>(
    ACTIONS.planGoalStatus,
    pushing((p, action, context) => {
      const goal = p.plan.goals.find((g) => g.id === Number(action.value) && g.status === 'open');
      if (!goal) return null;
      return goalStatusModal(p.name, goal, outcomeRulesFor(db, p.participantId, config.profiles), userToday(services, context), metadata({ ...p.sub, goalId: goal.id }));
    }),
  );

  app.action<BlockAction<ButtonAction>>(
    ACTIONS.planExtendService,
    pushing((p, action) => {
      const service = p.plan.services.find((s) => s.id === Number(action.value));
      if (!service) return null;
      const extendable = extendableServiceIds(db, { services: [service] }, config.profiles).has(service.id);
      return extendServiceModal(p.name, { ...service, extensions: service.extensions.length }, extendable, metadata({ ...p.sub, serviceId: service.id }));
    }),
  );

  app.action<BlockAction<ButtonAction>>(
    ACTIONS.planAddGoal,
    pushing((p, _action, context) =>
      goalModal(
        p.name,
        p.plan.goals.filter((g) => g.term === 'long' && g.status === 'open').map((g) => ({ id: g.id, specific: g.specific })),
        userToday(services, context),
        metadata(p.sub),
      ),
    ),
  );

  app.action<BlockAction<ButtonAction>>(
    ACTIONS.planAddService,
    pushing((p, _action, context) => {
      return serviceModal(p.name, serviceCatalogsFor(db, p.participantId, config.profiles), unmetNeeds(p.plan), userToday(services, context), metadata(p.sub));
    }),
  );

  app.action<BlockAction<ButtonAction>>(
    ACTIONS.planCompleteService,
    pushing((p, action, context) => {
      const service = p.plan.services.find((s) => s.id === Number(action.value) && s.status === 'active');
      if (!service) return null;
      const needs = service.needIds.map((id) => p.plan.needs.find((n) => n.id === id)).filter((n) => !!n).map((n) => needLabel(n!)).join('; ');
      return completeServiceModal(p.name, { serviceName: service.serviceName, startDate: service.startDate, needs }, userToday(services, context), metadata({ ...p.sub, serviceId: service.id }));
    }),
  );

  app.action<BlockAction<ButtonAction>>(
    ACTIONS.planAddReferral,
    pushing((p, _action, context) => referralModal(p.name, unmetNeeds(p.plan), userToday(services, context), metadata(p.sub))),
  );

  app.action<BlockAction<ButtonAction>>(
    ACTIONS.planReferralStatus,
    pushing((p, action, context) => {
      const referral = p.plan.referrals.find((r) => r.id === Number(action.value));
      if (!referral) return null;
      return referralStatusModal(p.name, referral, userToday(services, context), metadata({ ...p.sub, referralId: referral.id }));
    }),
  );

  app.action<BlockAction<ButtonAction>>(
    ACTIONS.planAcknowledge,
    pushing((p, _action, context) => {
      const v = p.plan.latestVersion;
      if (!v) return null;
      return acknowledgeModal(p.name, v, userToday(services, context), metadata({ ...p.sub, versionId: v.id }));
    }),
  );

  app.action<BlockAction<ButtonAction>>(
    ACTIONS.planReview,
    pushing((p) => (p.plan.latestVersion ? reviewModal(p.name, metadata(p.sub)) : null)),
  );

  // ------------------------------------------------------------------- sub-modal saves

  /**
   * One sub-modal's submission: `save` parses and writes; on success the ack closes the pushed
   * view, then the plan modal under it is updated and the App Homes refreshed. The forms that
   * create rows pass `requestKey` to the db, so a double submit writes once and is answered
   * like the first.
   */
  const onSubmit = (
    callbackId: string,
    firstBlock: string,
    save: (form: FlatForm, meta: PlanMetadata, actor: Actor, ctx: PlanContext, requestKey: string) => SubmitOutcome | 'not-found',
  ) =>
    app.view(callbackId, async ({ ack, view, client, context }) => {
      const actor = actorOf(context);
      const meta = parsePlanMetadata(view.private_metadata);
      const outcome = meta.participantId ? save(flattenState(view.state.values), meta, actor, planContext(services, context), viewRequestKey(view)) : 'not-found';
      if (outcome === 'not-found') {
        await ack({ response_action: 'errors', errors: { [firstBlock]: NOT_AVAILABLE_TEXT } });
        return;
      }
      if (outcome.kind === 'errors') {
        await ack({ response_action: 'errors', errors: outcome.errors });
        return;
      }
      await ack();
      logger.info({ participant: meta.participantId, user: actor.staffId, form: callbackId }, 'plan changed');
      if (meta.planViewId) {
        const updated = planModalFor(services, actor, meta.participantId!, meta);
        if (updated) {
          await client.views
            .update({ view_id: meta.planViewId, view: updated })
            .catch((err: unknown) => logger.warn({ err: String(err) }, 'could not refresh the plan modal'));
        }
      }
      refreshHomesFor(services, client, actor, meta.participantId!);
    });

  const written = <R extends { kind: string }>(result: R, map: Record<string, string>, fallback: string): SubmitOutcome | 'not-found' => {
    if (result.kind === 'not-found') return 'not-found';
    if (result.kind === 'invalid') return planErrors((result as unknown as { errors: FieldErrors }).errors, map, fallback);
    return { kind: 'ok' };
  };

  onSubmit(VIEWS.planNeed, NEED_BLOCKS.category, (form, meta, actor, ctx, requestKey) => {
    const parsed = parseNeedForm(form);
    if (!parsed.ok) return { kind: 'errors', errors: parsed.errors };
    const f = parsed.data;
    return written(
      addNeed(
        db,
        actor,
        { participantId: meta.participantId!, category: f.category, description: f.description, impact: f.impact, source: f.source, sourceNoteId: f.sourceNoteId, assessmentId: f.assessmentId },
        ctx,
        { requestKey },
      ),
      NEED_FIELD_BLOCKS,
      NEED_BLOCKS.description,
    );
  });

  onSubmit(VIEWS.planGoal, GOAL_BLOCKS.specific, (form, meta, actor, ctx, requestKey) => {
    const parsed = parseGoalForm(form);
    if (!parsed.ok) return { kind: 'errors', errors: parsed.errors };
    return written(addGoal(db, actor, { participantId: meta.participantId!, ...parsed.data }, ctx, { requestKey }), GOAL_FIELD_BLOCKS, GOAL_BLOCKS.specific);
  });

  onSubmit(VIEWS.planService, SERVICE_BLOCKS.service, (form, meta, actor, ctx, requestKey) => {
    const parsed = parseServiceForm(form);
    if (!parsed.ok) return { kind: 'errors', errors: parsed.errors };
    return written(addService(db, actor, { participantId: meta.participantId!, ...parsed.data }, ctx, { requestKey }), SERVICE_FIELD_BLOCKS, SERVICE_BLOCKS.service);
  });

  onSubmit(VIEWS.planServiceComplete, COMPLETE_BLOCKS.outcome, (form, meta, actor, ctx) => {
    if (!meta.serviceId) return 'not-found';
    const parsed = parseCompleteForm(form);
    if (!parsed.ok) return { kind: 'errors', errors: parsed.errors };
    return written(completeService(db, actor, meta.serviceId, parsed.data, ctx), COMPLETE_FIELD_BLOCKS, COMPLETE_BLOCKS.outcome);
  });

  onSubmit(VIEWS.planReferral, REFERRAL_BLOCKS.partner, (form, meta, actor, ctx, requestKey) => {
    const parsed = parseReferralForm(form);
    if (!parsed.ok) return { kind: 'errors', errors: parsed.errors };
    return written(addReferral(db, actor, { participantId: meta.participantId!, ...parsed.data }, ctx, { requestKey }), REFERRAL_FIELD_BLOCKS, REFERRAL_BLOCKS.partner);
  });

  onSubmit(VIEWS.planReferralStatus, REFERRAL_STATUS_BLOCKS.status, (form, meta, actor, ctx) => {
    if (!meta.referralId) return 'not-found';
    const parsed = parseReferralStatusForm(form);
    if (!parsed.ok) return { kind: 'errors', errors: parsed.errors };
    return written(updateReferralStatus(db, actor, meta.referralId, parsed.data, ctx), REFERRAL_STATUS_FIELD_BLOCKS, REFERRAL_STATUS_BLOCKS.status);
  });

  onSubmit(VIEWS.planAcknowledge, ACK_BLOCKS.initials, (form, meta, actor, ctx) => {
    if (!meta.versionId) return 'not-found';
    const parsed = parseAckForm(form);
    if (!parsed.ok) return { kind: 'errors', errors: parsed.errors };
    const result = acknowledgePlanVersion(db, actor, meta.versionId, parsed.data, ctx);
    if (result.kind === 'already-acknowledged') return { kind: 'errors', errors: { [ACK_BLOCKS.initials]: 'This version of the plan is already acknowledged.' } };
    return written(result, ACK_FIELD_BLOCKS, ACK_BLOCKS.initials);
  });

  onSubmit(VIEWS.planAssessment, ASSESSMENT_BLOCKS.summary, (form, meta, actor, ctx, requestKey) => {
    const parsed = parseAssessmentForm(form);
    if (!parsed.ok) return { kind: 'errors', errors: parsed.errors };
    const { needs, ...f } = parsed.data;
    const result = addAssessment(
      db,
      actor,
      { participantId: meta.participantId!, ...f, needs: needs.map((n) => ({ category: n.category, description: n.description })) },
      ctx,
      { requestKey },
    );
    return written(result, assessmentFieldBlocks(needs.map((n) => n.row)), ASSESSMENT_BLOCKS.summary);
  });

  onSubmit(VIEWS.planServiceExtend, EXTEND_BLOCKS.newEnd, (form, meta, actor, ctx) => {
    if (!meta.serviceId) return 'not-found';
    const parsed = parseExtendForm(form);
    if (!parsed.ok) return { kind: 'errors', errors: parsed.errors };
    return written(extendService(db, actor, meta.serviceId, parsed.data, ctx), EXTEND_FIELD_BLOCKS, EXTEND_BLOCKS.newEnd);
  });

  onSubmit(VIEWS.planNeedStatus, NEED_STATUS_BLOCKS.status, (form, meta, actor, ctx) => {
    if (!meta.needId) return 'not-found';
    const parsed = parseNeedStatusForm(form);
    if (!parsed.ok) return { kind: 'errors', errors: parsed.errors };
    return written(updateNeedStatus(db, actor, meta.needId, parsed.data, ctx), NEED_STATUS_FIELD_BLOCKS, NEED_STATUS_BLOCKS.status);
  });

  onSubmit(VIEWS.planGoalStatus, GOAL_STATUS_BLOCKS.status, (form, meta, actor, ctx) => {
    if (!meta.goalId) return 'not-found';
    const parsed = parseGoalStatusForm(form);
    if (!parsed.ok) return { kind: 'errors', errors: parsed.errors };
    return written(updateGoalStatus(db, actor, meta.goalId, parsed.data, ctx), GOAL_STATUS_FIELD_BLOCKS, GOAL_STATUS_BLOCKS.status);
  });

  onSubmit(VIEWS.planReview, REVIEW_BLOCKS.confirm, (form, meta, actor, ctx) => {
    const parsed = parseReviewForm(form);
    if (!parsed.ok) return { kind: 'errors', errors: parsed.errors };
    return written(reviewPlan(db, actor, meta.participantId!, ctx), {}, REVIEW_BLOCKS.confirm);
  });

  // ------------------------------------------------------------ summary and printing

  app.action<BlockAction<ButtonAction>>(ACTIONS.planPostSummary, async ({ ack, body, client, context }) => {
    await ack();
    const actor = actorOf(context);
    const p = fromPlanModal(body, actor, { write: false });
    if (!p) {
      await refuse(client, actor, body);
      return;
    }
    await replyPrivately(client, { userId: actor.staffId, responseUrl: p.meta.responseUrl }, { text: planSummaryText(p.name), blocks: planSummaryBlocks(p.plan, p.name) });
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.planPrint, async ({ ack, body, client, context }) => {
    await ack();
    const actor = actorOf(context);
    const p = fromPlanModal(body, actor, { write: false });
    if (!p) {
      await refuse(client, actor, body);
      return;
    }
    const latest = p.plan.latestVersion;
    const version = latest ? readPlanVersion(db, actor, latest.id, { now: clock.now() }) : null;
    if (!version || version.kind !== 'ok') {
      await replyPrivately(client, { userId: actor.staffId, responseUrl: p.meta.responseUrl }, { text: NO_PLAN_VERSION_TEXT });
      return;
    }
    try {
      // pdfkit (and its fonts) load on the first print, not at start-up: most processes never print.
      const { buildPlanPdf } = await import('./pdf');
      const bytes = await buildPlanPdf({
        participantName: p.name,
        versionNo: version.version.versionNo,
        createdAt: version.version.createdAt,
        planKinds: version.planKinds,
        snapshot: version.snapshot,
        printedOn: userToday(services, context),
      });
      const fileId = await uploadToDm(client, actor.staffId, bytes, {
        filename: `plan-${p.participantId}-v${version.version.versionNo}.pdf`,
        title: `Plan for ${p.name}, version ${version.version.versionNo}`,
        comment: `The printable plan for ${p.name} (version ${version.version.versionNo}), with a line for the participant’s initials and date.`,
      });
      const kept = recordPlanPdf(db, actor, version.version.id, fileId, { now: clock.now() });
      if (kept.kind !== 'ok') logger.warn({ participant: p.participantId, version: version.version.id, result: kept.kind }, 'could not keep the plan copy’s file id');
    } catch (err) {
      logger.warn({ err: String(err), participant: p.participantId }, 'could not upload the plan copy');
      await replyPrivately(client, { userId: actor.staffId, responseUrl: p.meta.responseUrl }, { text: 'Tickler could not upload the printable copy. Try *Print copy* again in a minute.' });
    }
  });
}
