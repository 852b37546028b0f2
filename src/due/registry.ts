// Every due rule Tickler evaluates. A new rule: one file in ./rules, one line here, its tests.
import type { DueRule } from './rule';
import { appointmentToday } from './rules/appointment-today';
import { contactDue } from './rules/contact-due';
import { emergentNeedNotOnPlan } from './rules/emergent-need-not-on-plan';
import { fspNotComplete } from './rules/fsp-not-complete';
import { goalPastTarget } from './rules/goal-past-target';
import { irtActionItem } from './rules/irt-action-item';
import { openNeedUncovered } from './rules/open-need-uncovered';
import { planNotAcknowledged } from './rules/plan-not-acknowledged';
import { planReviewDue } from './rules/plan-review-due';
import { referralReview } from './rules/referral-review';
import { releaseExpiring } from './rules/release-expiring';
import { serviceEndingSoon } from './rules/service-ending-soon';
import { servicePastEnd } from './rules/service-past-end';
import { serviceWithoutNeed } from './rules/service-without-need';

export const DUE_RULES: ReadonlyArray<DueRule<any>> = [
  contactDue,
  appointmentToday,
  // The plan (#5)
  servicePastEnd,
  serviceEndingSoon,
  serviceWithoutNeed,
  openNeedUncovered,
  emergentNeedNotOnPlan,
  goalPastTarget,
  planNotAcknowledged,
  planReviewDue,
  fspNotComplete,
  referralReview,
  // Releases of information (#6)
  releaseExpiring,
  // IRT meetings (#6)
  irtActionItem,
];
