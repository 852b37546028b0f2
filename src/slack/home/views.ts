// The App Home: the same dashboard as /caseload, always current, and the digest settings.
import type { KnownBlock, View } from '@slack/types';
import { displayDate, localTime } from '../../domain/dates';
import { formatSlotFor, IRT_LOCATION_KIND_LABELS } from '../../domain/irt';
import { escapeMrkdwn, truncate } from '../../domain/text';
import type { DigestPreferences } from '../../db/digest-settings';
import type { UpcomingMeeting } from '../../db/irt';
import type { Appointment } from '../../due/appointments';
import type { CaseloadDue } from '../../due/engine';
import { countsLine, participantDueBlocks } from '../caseload/views';
import { ACTIONS, VIEWS } from '../ids';
import { displayName, participantPicker } from '../participant/views';

/** Participants with something due shown on the Home tab (2 blocks each; a Home holds 100). */
export const HOME_MAX_ENTRIES = 30;
/** IRT meetings shown on the Home tab (1 block each; with 30 due entries the Home holds 84 blocks), and how far ahead scheduled ones are shown. */
export const HOME_MAX_MEETINGS = 10;
export const HOME_MEETING_DAYS = 14;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const md = (text: string) => ({ type: 'mrkdwn' as const, text });

export function digestSummary(p: DigestPreferences, isSupervisor: boolean): string {
  if (!p.enabled) return 'Off. Turn it on to get what is due each morning.';
  const days = p.weekdays.map((d) => WEEKDAYS[d - 1]).join(', ');
  return [
    `At *${p.localTime}* on ${days}${p.skipHolidays ? ', except holidays' : ''}, in your Slack time zone.`,
    p.sendWhenEmpty ? 'Sent even when nothing is due.' : 'Skipped when nothing is due.',
    isSupervisor ? (p.teamSummary ? 'Includes a summary of your team.' : 'Without a team summary.') : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The Home's IRT meetings: each with its time in the viewer's zone (or "being planned") and *Open card*. */
function meetingBlocks(upcoming: { meetings: UpcomingMeeting[]; total: number }, timeZone: string): KnownBlock[] {
  const shown = upcoming.meetings.slice(0, HOME_MAX_MEETINGS);
  const blocks: KnownBlock[] = [
    { type: 'divider', block_id: 'home_irt_divider' },
    {
      type: 'section',
      block_id: 'home_irt_title',
      text: md(`*IRT meetings* — the next ${HOME_MEETING_DAYS} days, and those being planned${shown.length ? '' : '\nNone. Plan one with `/irt` or from a participant’s card.'}`),
    },
  ];
  for (const m of shown) {
    const name = escapeMrkdwn(truncate(displayName(m), 200));
    const text =
      m.status === 'scheduled' && m.startsAt && m.endsAt
        ? `*${formatSlotFor(new Date(m.startsAt), new Date(m.endsAt), timeZone)}* — ${name}\n${IRT_LOCATION_KIND_LABELS[m.locationKind]}`
        : `*Being planned* — ${name}\nNo time confirmed yet — planning in <#${m.planningChannelId}>.`;
    blocks.push({
      type: 'section',
      block_id: `home_irt_${m.id}`,
      text: md(text),
      accessory: { type: 'button', action_id: ACTIONS.openCard, text: plain('Open card'), value: String(m.participantId) },
    });
  }
  const more = upcoming.total - shown.length;
  if (more > 0) blocks.push({ type: 'context', block_id: 'home_irt_more', elements: [md(`…and ${more} more IRT meeting${more === 1 ? '' : 's'}.`)] });
  return blocks;
}

export function homeView(
  due: CaseloadDue,
  appointments: Appointment[],
  meetings: { meetings: UpcomingMeeting[]; total: number },
  opts: { today: string; timeZone: string; digest: DigestPreferences; isSupervisor: boolean },
): View {
  const names = new Map(due.entries.map((e) => [e.id, displayName(e)]));
  const needing = due.entries.filter((e) => e.items.length > 0);
  const shown = needing.slice(0, HOME_MAX_ENTRIES);
  const blocks: KnownBlock[] = [
    { type: 'header', block_id: 'home_header', text: plain(`Today, ${displayDate(opts.today)}`) },
    participantPicker('home_picker'),
    { type: 'section', block_id: 'home_counts', text: md(due.counts.active ? countsLine(due) : 'You have no active participants. Enroll one with `/participant new` or the button above.') },
  ];
  if (shown.length) {
    blocks.push({ type: 'divider', block_id: 'home_due_divider' }, { type: 'section', block_id: 'home_due_title', text: md('*Needs attention* — most urgent first') });
    blocks.push(...shown.flatMap((e) => participantDueBlocks(e, { canAct: true })));
    if (needing.length > shown.length) {
      blocks.push({ type: 'context', block_id: 'home_due_more', elements: [md(`…and ${needing.length - shown.length} more participants with something due. \`/caseload\` lists everyone.`)] });
    }
  } else if (due.counts.active) {
    blocks.push({ type: 'section', block_id: 'home_all_clear', text: md(':white_check_mark: Nothing is due this week.') });
  }
  const quiet = due.entries.length - needing.length;
  if (quiet > 0 && shown.length) blocks.push({ type: 'context', block_id: 'home_quiet', elements: [md(`${quiet} other participant${quiet === 1 ? ' has' : 's have'} nothing due.`)] });

  blocks.push({ type: 'divider', block_id: 'home_appointments_divider' });
  const lines = appointments.slice(0, 25).map((a) => {
    const time = a.at ? ` at ${localTime(new Date(a.at), opts.timeZone)}` : '';
    return `• ${a.date === opts.today ? '*Today*' : displayDate(a.date)}${time} — ${escapeMrkdwn(truncate(names.get(a.participantId) ?? 'Participant', 80))}`;
  });
  blocks.push({
    type: 'section',
    block_id: 'home_appointments',
    text: md(truncate(`*Appointments in the next 7 days*\n${lines.length ? lines.join('\n') : 'None recorded. Add the next appointment when you log a note.'}`, 3000)),
  });

  blocks.push(...meetingBlocks(meetings, opts.timeZone));

  blocks.push(
    { type: 'divider', block_id: 'home_digest_divider' },
    {
      type: 'section',
      block_id: 'home_digest',
      text: md(`*Daily digest*\n${digestSummary(opts.digest, opts.isSupervisor)}`),
      accessory: { type: 'button', action_id: ACTIONS.digestSettings, text: plain('Change…'), value: 'digest' },
    },
  );
  return { type: 'home', callback_id: 'home', blocks };
}

export const DIGEST_BLOCKS = { enabled: 'digest_enabled', time: 'digest_time', days: 'digest_days', options: 'digest_options' } as const;

export function digestSettingsModal(p: DigestPreferences, isSupervisor: boolean): View {
  const yes = { text: plain('Send me the daily digest'), value: 'yes' };
  const dayOptions = WEEKDAYS.map((label, i) => ({ text: plain(label), value: String(i + 1) }));
  const extra = [
    { text: plain('Skip holidays'), value: 'skip_holidays' },
    { text: plain('Send it even when nothing is due'), value: 'send_when_empty' },
    ...(isSupervisor ? [{ text: plain('Include a summary of my team'), value: 'team_summary' }] : []),
  ];
  const extraOn = extra.filter((o) => (o.value === 'skip_holidays' && p.skipHolidays) || (o.value === 'send_when_empty' && p.sendWhenEmpty) || (o.value === 'team_summary' && p.teamSummary));
  const daysOn = dayOptions.filter((o) => p.weekdays.includes(Number(o.value)));
  return {
    type: 'modal',
    callback_id: VIEWS.digestSettings,
    title: plain('Daily digest'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      { type: 'input', block_id: DIGEST_BLOCKS.enabled, optional: true, label: plain('Digest'), element: { type: 'checkboxes', action_id: 'value', options: [yes], ...(p.enabled ? { initial_options: [yes] } : {}) } },
      { type: 'input', block_id: DIGEST_BLOCKS.time, label: plain('Time'), hint: plain('In your Slack time zone.'), element: { type: 'timepicker', action_id: 'value', initial_time: p.localTime } },
      { type: 'input', block_id: DIGEST_BLOCKS.days, label: plain('Days'), element: { type: 'checkboxes', action_id: 'value', options: dayOptions, ...(daysOn.length ? { initial_options: daysOn } : {}) } },
      { type: 'input', block_id: DIGEST_BLOCKS.options, optional: true, label: plain('Options'), element: { type: 'checkboxes', action_id: 'value', options: extra, ...(extraOn.length ? { initial_options: extraOn } : {}) } },
    ],
  };
}
