// The baseline: a bare Bolt app on the same HTTPReceiver and Bolt version as Tickler, with an
// ack-only listener for each request type the benchmark sends. Whatever our app costs above
// this is ours (middleware, parsing, SQL, rendering, and anything done before the ack).
import type { Server } from 'node:http';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { COMMANDS, VIEWS, ACTIONS } from '../src/slack/ids';

export interface BareApp {
  app: App;
  server: Server;
  port: number;
  stop(): Promise<void>;
}

export async function startBareApp(opts: { signingSecret: string; botToken: string; slackApiUrl: string }): Promise<BareApp> {
  const receiver = new HTTPReceiver({ signingSecret: opts.signingSecret, endpoints: '/slack/events', processBeforeResponse: false, logLevel: LogLevel.ERROR });
  const app = new App({ token: opts.botToken, receiver, clientOptions: { slackApiUrl: opts.slackApiUrl }, logLevel: LogLevel.ERROR });
  app.command(COMMANDS.casenote, async ({ ack }) => ack());
  app.command(COMMANDS.caseload, async ({ ack }) => ack());
  app.view(VIEWS.casenote, async ({ ack }) => ack());
  app.options(ACTIONS.participantSearch, async ({ ack }) => ack({ options: [] }));
  app.event('app_home_opened', async () => {});
  const server = (await receiver.start(0)) as Server;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, server, port, stop: () => receiver.stop() };
}
