import { addBusinessDays, focusTrigger, toDayNumber, type PivotOption } from '@pm/domain';
import { dateOf } from './calendar';
import { leaveCompany } from './hiring';
import type { Person } from './org-chart';
import type { Simulation } from './simulation';
import { focusReason, goalNote, goals, pivotReason } from './texts';

/**
 * After a final rating is delivered: Focus where the policy triggers it (e.g. one LE), for someone
 * in good standing whose triggering ratings have not already led to a Focus (the decider's rules).
 */
export function considerFocus(sim: Simulation, person: Person, day: number): void {
  const state = sim.employee(person);
  if (state.status !== 'active' || state.escalatedFocusOn !== undefined) return;
  const trigger = focusTrigger(
    sim.policy,
    state.ratings.map((r) => r.rating),
  );
  if (!trigger || state.ratings.slice(-trigger.consecutive).some((r) => state.focusTriggerCycles.includes(r.cycleId))) return;
  const start = day + sim.random.int(3, 10);
  sim.agenda.at(start, () => enterFocus(sim, person, start));
}

function enterFocus(sim: Simulation, person: Person, start: number): void {
  if (!person.active) return;
  const { policy, random, params } = sim;
  const { minDays, maxDays, defaultDays } = policy.focus;
  const due = start + Math.min(Math.max(defaultDays ?? minDays, minDays), maxDays);
  const focusGoals = goals(random, 'g', random.int(2, 4));
  const grade = sim.employee(person).ratings.at(-1)?.rating ?? '';
  sim.act(person, { type: 'EnterFocus', data: { startDate: dateOf(start), dueDate: dateOf(due), reason: focusReason(grade), goals: focusGoals } }, start);

  // The outcome is the manager's judgment at the due date; goal updates on the way lean the same way.
  const escalated = random.chance(params.focusEscalationRate);
  for (const goal of focusGoals) {
    const met = random.chance(escalated ? 0.25 : 0.9);
    const day = random.int(start + 1, due - 1);
    sim.agenda.at(day, () => {
      if (person.active) sim.act(person, { type: 'UpdateFocusGoal', data: { goalId: goal.goalId, status: met ? 'met' : 'missed', note: goalNote(met) } }, day);
    });
  }
  sim.agenda.at(due, () => closeFocus(sim, person, due, escalated));
}

function closeFocus(sim: Simulation, person: Person, day: number, escalated: boolean): void {
  if (!person.active) return;
  sim.act(person, { type: 'CloseFocus', data: { outcome: escalated ? 'escalated' : 'succeeded', effectiveDate: dateOf(day) } }, day);
  if (!escalated) return;
  const pivotDay = day + sim.random.int(1, 7);
  sim.agenda.at(pivotDay, () => placeInPivot(sim, person, pivotDay));
}

function placeInPivot(sim: Simulation, person: Person, day: number): void {
  if (!person.active) return;
  sim.act(person, { type: 'PlaceInPivot', data: { startDate: dateOf(day), reason: pivotReason() } }, day);
  const choiceDay = toDayNumber(addBusinessDays(dateOf(day), sim.random.int(0, sim.policy.pivot.choiceWindowBusinessDays)));
  sim.agenda.at(choiceDay, () => chooseInPivot(sim, person, choiceDay));
}

const OPTIONS: Record<keyof Simulation['params']['pivotChoice'], PivotOption> = { buyout: 'buyout', appeal: 'appeal', improvementPlan: 'improvement_plan' };

/** Buyout, appeal or improvement plan, chosen within the policy's window by the parameters' shares. */
function chooseInPivot(sim: Simulation, person: Person, day: number): void {
  if (!person.active) return;
  const { random, policy } = sim;
  const option = OPTIONS[random.weighted(sim.params.pivotChoice)];
  const effectiveDate = dateOf(day);
  if (option === 'buyout') {
    sim.act(person, { type: 'ChoosePivotOption', data: { option, effectiveDate } }, day);
    leaveCompany(sim, person, day);
  } else if (option === 'appeal') {
    sim.act(person, { type: 'ChoosePivotOption', data: { option, effectiveDate } }, day);
    const decided = day + random.int(10, 30);
    sim.agenda.at(decided, () => decideAppeal(sim, person, decided));
  } else {
    const due = day + random.int(policy.pivot.planMinDays, policy.pivot.planMaxDays);
    sim.act(person, { type: 'ChoosePivotOption', data: { option, effectiveDate, planDueDate: dateOf(due), goals: goals(random, 'p', random.int(3, 4)) } }, day);
    sim.agenda.at(due, () => closePlan(sim, person, due));
  }
}

/** A panel that does not include the employee or their manager (people who do not know the employee). */
function decideAppeal(sim: Simulation, person: Person, day: number): void {
  if (!person.active) return;
  const { random, policy, chart } = sim;
  const manager = chart.byId.get(sim.employee(person).managerId ?? '');
  const size = random.int(policy.pivot.appealPanelMin ?? 1, policy.pivot.appealPanelMax ?? 5);
  const panel = chart.everyone.sample(random, size, manager ? [person, manager] : [person]).map((p) => p.id);
  const outcome = random.chance(sim.params.appealWinRate) ? 'overturned' : 'upheld';
  const decidedAt = `${dateOf(day)}T16:00:00.000Z`;
  // The panel is drawn from the people on the chart today, so every member is employed.
  const panelStanding = Object.fromEntries(panel.map((id) => [id, 'employed' as const]));
  sim.act(person, { type: 'DecideAppeal', data: { outcome, panel, decidedAt }, panelStanding }, day, { occurredAt: decidedAt });
  if (outcome === 'upheld') leaveCompany(sim, person, day);
}

function closePlan(sim: Simulation, person: Person, day: number): void {
  if (!person.active) return;
  const outcome = sim.random.chance(sim.params.planPassRate) ? 'passed' : 'failed';
  sim.act(person, { type: 'ClosePivot', data: { outcome, effectiveDate: dateOf(day) } }, day);
  if (outcome === 'failed') leaveCompany(sim, person, day);
}
