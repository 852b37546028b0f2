// The printable copy of a plan version (pdfkit): the participant's goals, needs, services and
// referrals, who is responsible for what, and a line for the participant's initials and date.
// Built from the version's frozen snapshot, so the copy matches what the participant initials.
import PDFDocument from 'pdfkit';
import { displayDate } from '../../domain/dates';
import { NEED_CATEGORY_LABELS, isNeedCategory, type PlanSnapshot } from '../../domain/plan';

export interface PlanPdfInput {
  participantName: string;
  versionNo: number;
  /** When the version was made (ISO instant); shown as its date. */
  createdAt: string;
  planKinds: string;
  snapshot: PlanSnapshot;
  /** Date printed (`YYYY-MM-DD`). */
  printedOn: string;
}

const NEED_STATUS = { open: 'Open', being_addressed: 'Being addressed', met: 'Met' } as const;
const PARTY = { case_manager: 'Case manager', participant: 'Participant', provider: 'Provider' } as const;

/**
 * The standard PDF fonts only draw Windows-1252 text; anything else (a name in another script)
 * is kept readable as far as possible and never breaks the document.
 */
export function printable(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[^\t\n\r\u0020-\u007E\u00A0-\u00FF]/g, (c) => {
      const folded = c.normalize('NFD').replace(/\p{Diacritic}/gu, '');
      return /^[\u0020-\u007E\u00A0-\u00FF]+$/.test(folded) ? folded : '?';
    });
}

const day = (iso: string) => displayDate(iso.slice(0, 10));

/** The PDF bytes. `compress: false` keeps the text streams readable (tests). */
export function buildPlanPdf(input: PlanPdfInput, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: 54,
    compress: opts.compress ?? true,
    info: { Title: printable(`Plan - ${input.participantName} - version ${input.versionNo}`), Author: 'Tickler' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const s = input.snapshot;
  const needName = new Map(s.needs.map((n) => [n.id, isNeedCategory(n.category) ? NEED_CATEGORY_LABELS[n.category] : n.category]));
  const needsOf = (ids: readonly number[]) => ids.map((id) => needName.get(id) ?? `need ${id}`).join(', ') || '-';

  const heading = (text: string) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(printable(text)).moveDown(0.3);
    doc.font('Helvetica').fontSize(10);
  };
  const item = (title: string, lines: string[]) => {
    doc.font('Helvetica-Bold').fontSize(10).text(printable(title));
    doc.font('Helvetica').fontSize(10);
    for (const line of lines) doc.text(printable(line), { indent: 14 });
    doc.moveDown(0.3);
  };
  const none = (what: string) => doc.font('Helvetica-Oblique').fontSize(10).text(`No ${what}.`).font('Helvetica');

  doc.font('Helvetica-Bold').fontSize(18).text(printable(`Plan (${input.planKinds})`));
  doc.font('Helvetica').fontSize(11).text(printable(input.participantName));
  doc.fontSize(10).text(printable(`Version ${input.versionNo} of ${day(input.createdAt)} - printed ${displayDate(input.printedOn)}`));
  if (s.caseManager) doc.text(printable(`Case manager: ${s.caseManager.name}`));

  heading('Goals');
  if (s.goals.length === 0) none('goals');
  for (const g of s.goals) {
    item(`${g.term === 'long' ? 'Long-term' : 'Short-term'} goal: ${g.specific}`, [
      `Measured by: ${g.measure}`,
      `Why it is attainable and relevant: ${g.attainableRelevant}`,
      `Target date: ${displayDate(g.targetDate)} - ${g.status}${g.achievedDate ? ` ${displayDate(g.achievedDate)}` : ''}`,
    ]);
  }

  heading('Needs');
  if (s.needs.length === 0) none('needs');
  for (const n of s.needs) {
    item(`${needName.get(n.id)}: ${n.description}`, [`${NEED_STATUS[n.status]}${n.metDate ? ` on ${displayDate(n.metDate)}` : ''}`]);
  }

  heading('Services');
  if (s.services.length === 0) none('services');
  for (const sv of s.services) {
    const who = sv.responsible.party === 'provider' ? `${sv.responsible.name ?? 'Partner provider'} (partner)` : `${sv.responsible.name ?? 'Case manager'} (case manager)`;
    item(sv.name, [
      `For: ${needsOf(sv.needIds)}`,
      `Responsible: ${who}`,
      `${displayDate(sv.startDate)} to ${displayDate(sv.actualEndDate ?? sv.plannedEndDate)} - ${sv.status}`,
      ...(sv.outcome ? [`Outcome: ${sv.outcome}${sv.needMet === null ? '' : sv.needMet ? ' (need met)' : ' (need not met)'}`] : []),
    ]);
  }

  heading('Referrals');
  if (s.referrals.length === 0) none('referrals');
  for (const r of s.referrals) {
    item(`Referral to ${r.partnerName}`, [`For: ${needsOf(r.needIds)}`, `Sent ${displayDate(r.sentDate)} - ${r.status} - review by ${displayDate(r.reviewDate)}`]);
  }

  heading('Who is responsible for what');
  for (const resp of s.responsibilities) {
    item(`${PARTY[resp.party]}${resp.name ? `: ${resp.name}` : ''}`, resp.tasks.map((t) => `- ${t}`));
  }

  heading('Acknowledgment');
  doc.text('I have reviewed this plan with my case manager and received a copy.');
  doc.moveDown(1.5);
  doc.text('Participant initials: ____________________        Date: ____________________');
  doc.moveDown(1.2);
  doc.text('Case manager: ____________________        Date: ____________________');
  doc.end();
  return done;
}
