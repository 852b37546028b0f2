// Every command, callback, block and action id the app listens for, in one place. The manifest
// test reads COMMANDS and EVENTS to check manifest.yml declares exactly what the code uses.

export const COMMANDS = {
  participant: '/participant',
  caseload: '/caseload',
  casenote: '/casenote',
  irt: '/irt',
} as const;

export const EVENTS = ['app_home_opened', 'member_joined_channel'] as const;

/** Message and global shortcuts (callback ids); later issues add theirs. */
export const SHORTCUTS: ReadonlyArray<{ callbackId: string; type: 'message' | 'global'; name: string; description: string }> = [
  { callbackId: 'save_as_case_note', type: 'message', name: 'Save as case note', description: 'Turn this message into a case note (collateral contact)' },
];
export const SAVE_AS_NOTE_SHORTCUT = 'save_as_case_note';

export const VIEWS = {
  enroll: 'participant_enroll',
  closeCase: 'participant_close',
  reopenCase: 'participant_reopen',
  reassign: 'participant_reassign',
  card: 'participant_card',
  casenote: 'casenote',
  amend: 'casenote_amend',
  snooze: 'due_snooze',
  digestSettings: 'digest_settings',
  plan: 'plan',
  planNeed: 'plan_need',
  planGoal: 'plan_goal',
  planService: 'plan_service',
  planServiceComplete: 'plan_service_complete',
  planReferral: 'plan_referral',
  planReferralStatus: 'plan_referral_status',
  planAcknowledge: 'plan_acknowledge',
  planReview: 'plan_review',
  // #5, the rest of the plan
  planAssessment: 'plan_assessment',
  planServiceExtend: 'plan_service_extend',
  planNeedStatus: 'plan_need_status',
  planGoalStatus: 'plan_goal_status',
  // #6 partners and releases
  partnerDirectory: 'partner_directory',
  partnerEdit: 'partner_edit',
  partnerContact: 'partner_contact',
  releaseRecord: 'release_record',
  releaseRevoke: 'release_revoke',
  releases: 'releases_list',
  // #6 IRT meetings
  irtPlan: 'irt_plan',
  irtConfirm: 'irt_confirm',
  irtOutcome: 'irt_outcome',
} as const;

export const ACTIONS = {
  participantSearch: 'participant_search',
  openCard: 'participant_open',
  enrollStart: 'participant_enroll_start',
  closeCase: 'participant_close_start',
  reopenCase: 'participant_reopen_start',
  reassign: 'participant_reassign_start',
  caseloadPage: 'caseload_page',
  homePage: 'home_page',
  logNote: 'casenote_start',
  addDetails: 'casenote_add_details',
  amendStart: 'casenote_amend_start',
  notesPageNext: 'card_notes_next',
  notesPagePrev: 'card_notes_prev',
  searchPageNext: 'casenote_search_next',
  searchPagePrev: 'casenote_search_prev',
  snoozeStart: 'due_snooze_start',
  workerCaseload: 'caseload_worker',
  teamPage: 'caseload_team_page',
  digestSettings: 'digest_settings_start',
  planOpen: 'plan_open',
  planAddNeed: 'plan_add_need',
  planAddGoal: 'plan_add_goal',
  planAddService: 'plan_add_service',
  planCompleteService: 'plan_complete_service',
  planAddReferral: 'plan_add_referral',
  planReferralStatus: 'plan_referral_status_start',
  planAcknowledge: 'plan_acknowledge_start',
  planReview: 'plan_review_start',
  planPostSummary: 'plan_post_summary',
  planPrint: 'plan_print',
  // #5, the rest of the plan
  planAddAssessment: 'plan_add_assessment',
  planExtendService: 'plan_extend_service',
  planNeedStatus: 'plan_need_status_start',
  planGoalStatus: 'plan_goal_status_start',
  // #6 partners and releases
  partnerAdd: 'partner_add',
  partnerEdit: 'partner_edit_start',
  partnerAddContact: 'partner_add_contact',
  partnerPage: 'partner_page',
  releasesOpen: 'releases_open',
  releaseRecord: 'release_record_start',
  releaseRevoke: 'release_revoke_start',
  partnerPagePrev: 'partner_page_prev',
  partnerEditContact: 'partner_edit_contact',
  partnerShowInactive: 'partner_show_inactive',
  releasePartnerPick: 'release_partner_pick',
  // #6 IRT meetings
  irtStart: 'irt_start',
  irtAvailable: 'irt_available',
  irtUnavailable: 'irt_unavailable',
  irtConfirmStart: 'irt_confirm_start',
  irtRepropose: 'irt_repropose',
  irtOutcomeStart: 'irt_outcome_start',
  irtActionDone: 'irt_action_done',
  irtPartnerSearch: 'irt_partner_search',
  irtPostThread: 'irt_post_thread',
  irtOutcomeAddStep: 'irt_outcome_add_step',
  irtCancel: 'irt_cancel',
  irtRecordRelease: 'irt_record_release',
} as const;

/** Commands whose text may name a person: Slack escapes mentions to `<@U123|name>` for these. */
export const COMMANDS_TAKING_MENTIONS: ReadonlyArray<string> = [COMMANDS.caseload];
