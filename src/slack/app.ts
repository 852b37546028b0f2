import type { Server } from 'node:http';
import { App, HTTPReceiver } from '@slack/bolt';
import { boltLogger } from '../logger';
import { cancelHomeRefreshes } from './home/register';
import { registerListeners } from './register';
import type { Services } from './services';
import { staffMiddleware } from './staff';
import { verifyAndRejectMalformed } from './well-formed';

export interface SlackApp {
  app: App;
  /** Starts listening (HTTP: on `port`, 0 for any free port) and resolves with the bound port. */
  start(port: number): Promise<number | undefined>;
  stop(): Promise<void>;
}

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
      // The signature is checked once, in verifyAndRejectMalformed, before Bolt sees the request.
      signatureVerification: false,
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
    verifyAndRejectMalformed(receiver, config.signingSecret, '/slack/events', log);
    app = new App({ token: config.botToken, receiver, logger: log, clientOptions });
  }

  app.use(staffMiddleware(services));
  app.error(async (error) => {
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
      cancelHomeRefreshes(services);
      if (receiver) await receiver.stop();
      else await app.stop();
    },
  };
}

