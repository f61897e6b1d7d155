import { dateOf } from './calendar';
import type { Org } from './org-chart';
import type { Simulation } from './simulation';

/**
 * Brings everyone in the org under the manager the chart now implies (after a leader left or a
 * replacement started): one ManagerChanged per person whose line changed.
 */
export function alignReportingLines(sim: Simulation, org: Org, day: number): void {
  for (const person of org.roster.toArray()) {
    const manager = sim.chart.managerOf(person);
    if (manager && manager.id !== sim.employee(person).managerId) {
      sim.act(person, { type: 'ChangeManager', data: { managerId: manager.id, effectiveDate: dateOf(day) } }, day);
    }
  }
}
