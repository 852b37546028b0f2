// The table of contents: every feature registers its listeners here.
import type { App } from '@slack/bolt';
import { registerCaseload } from './caseload/register';
import { registerCasenote } from './casenote/register';
import { registerHome } from './home/register';
import { registerParticipant } from './participant/register';
import { registerPending } from './pending/register';
import { registerPlan } from './plan/register';
import type { Services } from './services';

export function registerListeners(app: App, services: Services): void {
  registerParticipant(app, services);
  registerCasenote(app, services);
  registerPlan(app, services);
  registerCaseload(app, services);
  registerHome(app, services);
  registerPending(app);
}
