import type { Goal } from '@pm/domain';
import type { SeededRandom } from './seeded-random';

/** Amazon's published Leadership Principles, which proposals and feedback cite (16 by default). */
export const PRINCIPLES = [
  'Customer Obsession',
  'Ownership',
  'Invent and Simplify',
  'Are Right, A Lot',
  'Learn and Be Curious',
  'Hire and Develop the Best',
  'Insist on the Highest Standards',
  'Think Big',
  'Bias for Action',
  'Frugality',
  'Earn Trust',
  'Dive Deep',
  'Have Backbone; Disagree and Commit',
  'Deliver Results',
  "Strive to be Earth's Best Employer",
  'Success and Scale Bring Broad Responsibility',
];

const WORK = [
  'the payments retry service',
  'the onboarding flow',
  'the on-call runbook',
  'the Q3 capacity plan',
  'the search ranking experiment',
  'the billing migration',
  'the partner API',
  'the warehouse dashboard',
  'the latency budget review',
  'the hiring loop redesign',
  'the data retention project',
  'the mobile release train',
  'the incident review process',
  'the pricing model',
  'the accessibility audit',
];
const STRONG = ['delivered', 'led', 'shipped ahead of plan', 'turned around', 'simplified', 'owned end to end'];
const WEAK = ['missed the date on', 'needed close guidance on', 'left unfinished', 'struggled to scope', 'handed off late'];

export function principles(random: SeededRandom, count: number, except: readonly string[] = []): string[] {
  const chosen: string[] = [];
  while (chosen.length < count) {
    const p = random.pick(PRINCIPLES);
    if (!except.includes(p) && !chosen.includes(p)) chosen.push(p);
  }
  return chosen;
}

export function selfAssessment(random: SeededRandom, performance: number): string {
  const verb = performance > -0.5 ? random.pick(STRONG) : random.pick(STRONG.slice(0, 3));
  return `This half I ${verb} ${random.pick(WORK)} and supported ${random.pick(WORK)}. Next I want to grow in ${random.pick(PRINCIPLES)}.`;
}

export function narrative(random: SeededRandom, grade: string, strong: boolean): string {
  const verb = strong ? random.pick(STRONG) : random.pick(WEAK);
  return `${grade}: ${verb} ${random.pick(WORK)}; ${strong ? 'raised the bar on' : 'below the bar on'} ${random.pick(PRINCIPLES)}.`;
}

export function peerFeedback(random: SeededRandom, sentiment: 'positive' | 'neutral' | 'negative'): string {
  const work = random.pick(WORK);
  if (sentiment === 'positive') return `Great partner on ${work}; I would work with them again any time.`;
  if (sentiment === 'neutral') return `Solid on ${work}; could share plans earlier with the team.`;
  return `On ${work} deadlines slipped without warning and reviews were late.`;
}

export function anytimeFeedback(random: SeededRandom): string {
  return `Thanks for jumping in on ${random.pick(WORK)} - it unblocked us.`;
}

export function calibrationRationale(from: string, to: string, rank: number, size: number): string {
  return `Moved from ${from} to ${to}: ranked ${rank} of ${size} in the group against the curve.`;
}

export function focusReason(grade: string): string {
  return `Final rating ${grade}: goals below the bar for the role; Focus with written objectives.`;
}

export function pivotReason(): string {
  return 'Focus goals not met by the due date; escalated to Pivot.';
}

/** Written, objective goals: ids unique within the plan. */
export function goals(random: SeededRandom, prefix: string, count: number): Goal[] {
  return Array.from({ length: count }, (_, i) => ({
    goalId: `${prefix}${i + 1}`,
    description: `Deliver ${random.pick(WORK)} to the agreed scope`,
    measure: `Signed off by the manager by the due date with no open sev-2 issues`,
  }));
}

export function goalNote(met: boolean): string {
  return met ? 'Done and signed off; evidence linked.' : 'Not done by the due date.';
}

export function voluntaryReason(random: SeededRandom, cliff: boolean): string {
  if (cliff) return 'Initial grant fully vested; total pay dropped and an outside offer was higher.';
  return random.pick([
    'Accepted an offer at another company.',
    'Relocating with family.',
    'Returning to study.',
    'Moving to a smaller company.',
    'Taking a career break.',
    'Wanted a different role than the ones open here.',
  ]);
}

export function promotionDocument(random: SeededRandom, toLevel: string): string {
  return `Operates at ${toLevel} scope: ${random.pick(STRONG)} ${random.pick(WORK)} and ${random.pick(WORK)}; strong on ${random.pick(PRINCIPLES)}.`;
}
