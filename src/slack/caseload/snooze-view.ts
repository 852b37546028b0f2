import type { View } from '@slack/types';
import { displayDate } from '../../domain/dates';
import type { DueItem } from '../../domain/due';
import { escapeMrkdwn, truncate } from '../../domain/text';
import { VIEWS } from '../ids';

export const SNOOZE_BLOCKS = { item: 'snooze_item', reason: 'snooze_reason', until: 'snooze_until' } as const;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/** Snooze an item that cannot be cleared today: which one, why, and until when. */
export function snoozeModal(participantName: string, items: DueItem[], today: string, privateMetadata: string): View {
  const options = items.slice(0, 10).map((i) => ({ text: plain(truncate(i.title, 75)), value: i.key.slice(0, 150) }));
  return {
    type: 'modal',
    callback_id: VIEWS.snooze,
    title: plain('Snooze'),
    submit: plain('Snooze'),
    close: plain('Cancel'),
    private_metadata: privateMetadata,
    blocks: [
      { type: 'section', block_id: 'snooze_who', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(truncate(participantName, 2900))}*` } },
      {
        type: 'input',
        block_id: SNOOZE_BLOCKS.item,
        label: plain('Item'),
        element: { type: 'radio_buttons', action_id: 'value', options, ...(options.length === 1 ? { initial_option: options[0]! } : {}) },
      },
      {
        type: 'input',
        block_id: SNOOZE_BLOCKS.reason,
        label: plain('Why can it not be cleared today?'),
        element: { type: 'plain_text_input', action_id: 'value', max_length: 300 },
      },
      {
        type: 'input',
        block_id: SNOOZE_BLOCKS.until,
        label: plain('Remind me again on'),
        hint: plain(`The item stays in your supervisor’s figures while snoozed. Today is ${displayDate(today)}.`),
        element: { type: 'datepicker', action_id: 'value' },
      },
    ],
  };
}
