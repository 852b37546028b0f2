import type { Server } from 'node:http';
import { App, HTTPReceiver, type AnyMiddlewareArgs, type Middleware, type ReceiverEvent } from '@slack/bolt';
import { boltLogger } from '../logger';
import { registerListeners } from './register';
import type { Services } from './services';
import { staffMiddleware } from './staff';

/** A signed request whose body is not shaped like anything Slack sends: answered 400. */
export class MalformedRequestError extends Error {
  readonly code = 'tickler_malformed_request';
}

export interface SlackApp {
  app: App;
  /** Starts listening (HTTP: on `port`, 0 for any free port) and resolves with the bound port. */
  start(port: number): Promise<number | undefined>;
  stop(): Promise<void>;
}

const hasUser = (b: Record<string, unknown>) => typeof (b.user as { id?: unknown } | undefined)?.id === 'string';

/** Rejects bodies missing what every request of their type carries, before any listener runs. */
const requireWellFormed: Middleware<AnyMiddlewareArgs> = async ({ body, next }) => {
  const b = body as unknown as Record<string, unknown>;
  const ok = (() => {
    if (typeof b.command === 'string') return typeof b.user_id === 'string' && typeof b.text === 'string';
    switch (b.type) {
      case 'block_actions':
        return hasUser(b) && Array.isArray(b.actions) && b.actions.length > 0;
      case 'view_submission':
      case 'view_closed':
        return hasUser(b) && typeof b.view === 'object' && b.view !== null;
      case 'block_suggestion':
        return hasUser(b) && typeof b.action_id === 'string' && typeof b.value === 'string';
      case 'message_action':
      case 'shortcut':
        return hasUser(b) && typeof b.callback_id === 'string';
      case 'event_callback':
        return typeof b.event === 'object' && b.event !== null;
      default:
        return true;
    }
  })();
  if (!ok) throw new MalformedRequestError('malformed request body');
  await next();
};

export function createSlackApp(services: Services, opts: { onReady?: () => boolean } = {}): SlackApp {
  const { config, logger } = services;
  const log = boltLogger(logger);
  const ready = opts.onReady ?? (() => true);
  const healthRoute = {
    path: '/healthz',
    method: ['GET'],
    handler: (_req: unknown, res: import('node:http').ServerResponse) => {
      const ok = ready();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok, migrated: ok }));
    },
  };
  const clientOptions = config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {};

  let receiver: HTTPReceiver | undefined;
  let app: App;
  if (config.mode === 'socket') {
    app = new App({
      token: config.botToken,
      appToken: config.appToken,
      socketMode: true,
      logger: log,
      clientOptions,
      customRoutes: [healthRoute],
      installerOptions: { port: config.port },
    });
  } else {
    receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      endpoints: '/slack/events',
      customRoutes: [healthRoute],
      logger: log,
      processBeforeResponse: false,
      processEventErrorHandler: async ({ error, response, logger: l }) => {
        if (response.headersSent) return false;
        // Anything thrown out of Bolt's dispatch is a body it could not make sense of.
        l.warn(`request rejected: ${(error as Error).message}`);
        response.writeHead(400);
        response.end();
        return false;
      },
      dispatchErrorHandler: ({ error, response, logger: l }) => {
        l.warn(`request not dispatched: ${error.message}`);
        if (!response.headersSent) {
          response.writeHead('code' in error && error.code === 'slack_bolt_http_receiver_deferred_request_error' ? 404 : 400);
          response.end();
        }
      },
    });
    app = new App({ token: config.botToken, receiver, logger: log, clientOptions });
  }

  app.use(requireWellFormed);
  app.use(staffMiddleware(services));
  app.error(async (error) => {
    if (error instanceof MalformedRequestError || (error as { original?: unknown }).original instanceof MalformedRequestError) throw error;
    logger.error({ err: { name: error.name, code: error.code, message: error.message, stack: error.stack } }, 'listener failed');
  });
  registerListeners(app, services);

  let server: Server | undefined;
  return {
    app,
    async start(port) {
      if (receiver) {
        server = (await receiver.start(port)) as Server;
        const address = server.address();
        return typeof address === 'object' && address ? address.port : undefined;
      }
      await app.start();
      return undefined;
    },
    async stop() {
      if (receiver) await receiver.stop();
      else await app.stop();
    },
  };
}

export type { ReceiverEvent };
