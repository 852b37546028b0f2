// Every due rule Tickler evaluates. A new rule: one file in ./rules, one line here, its tests.
import type { DueRule } from './rule';
import { appointmentToday } from './rules/appointment-today';
import { contactDue } from './rules/contact-due';

export const DUE_RULES: ReadonlyArray<DueRule<any>> = [contactDue, appointmentToday];
