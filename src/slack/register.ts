// The table of contents: every feature registers its listeners here.
import type { App } from '@slack/bolt';
import { registerCaseload } from './caseload/register';
import { registerCasenote } from './casenote/register';
import { registerHome } from './home/register';
import { registerIrt } from './irt/register';
import { registerIrtMembership } from './irt/membership';
import { registerIrtOutcome } from './irt-outcome/register';
import { registerParticipant } from './participant/register';
import { registerPartners } from './partners/register';
import { registerPlan } from './plan/register';
import { registerReleases } from './releases/register';
import type { Services } from './services';

export function registerListeners(app: App, services: Services): void {
  registerParticipant(app, services);
  registerCasenote(app, services);
  registerPlan(app, services);
  registerPartners(app, services);
  registerReleases(app, services);
  registerCaseload(app, services);
  registerHome(app, services);
  registerIrtOutcome(app, services);
  registerIrt(app, services);
  registerIrtMembership(app, services);
}
