// Every command, callback, block and action id the app listens for, in one place. The manifest
// test reads COMMANDS and EVENTS to check manifest.yml declares exactly what the code uses.

export const COMMANDS = {
  participant: '/participant',
  caseload: '/caseload',
  casenote: '/casenote',
  irt: '/irt',
} as const;

export const EVENTS = ['app_home_opened'] as const;

/** Message and global shortcuts (callback ids); later issues add theirs. */
export const SHORTCUTS: ReadonlyArray<{ callbackId: string; type: 'message' | 'global'; name: string; description: string }> = [];

export const VIEWS = {
  enroll: 'participant_enroll',
  closeCase: 'participant_close',
  reopenCase: 'participant_reopen',
  reassign: 'participant_reassign',
  card: 'participant_card',
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
} as const;

/** Commands whose text may name a person: Slack escapes mentions to `<@U123|name>` for these. */
export const COMMANDS_TAKING_MENTIONS: ReadonlyArray<string> = [COMMANDS.caseload];
