// Commands declared in the manifest whose features have not landed yet answer plainly.
import type { App } from '@slack/bolt';
import { COMMANDS } from '../ids';

export const NOT_YET = {
  [COMMANDS.irt]: 'IRT meeting planning is not available in Tickler yet. `/irt` will work here soon.',
} as const;

export function registerPending(app: App): void {
  for (const [command, text] of Object.entries(NOT_YET)) {
    app.command(command, async ({ ack }) => {
      await ack({ response_type: 'ephemeral', text });
    });
  }
}
