import type { ChangedOutcome, ReplayOutcome } from './replay-result';

/** Changed outcomes as they are found, listed by employee (as named for the reader). */
export class ChangedOutcomes {
  private readonly found: ChangedOutcome[] = [];
  private readonly names = new Map<string, string>();

  constructor(
    private readonly pseudonym?: (employeeId: string) => string,
    private readonly withOrgs = false,
  ) {}

  add(
    employeeId: string,
    outcome: ReplayOutcome,
    baseline: ChangedOutcome['baseline'],
    counterfactual: ChangedOutcome['counterfactual'],
    cycleId: string | undefined,
    org: string,
  ): void {
    this.found.push({
      employee: this.nameOf(employeeId),
      ...(cycleId === undefined ? {} : { cycleId }),
      outcome,
      baseline,
      counterfactual,
      ...(this.withOrgs ? { org } : {}),
    });
  }

  list(): ChangedOutcome[] {
    return [...this.found].sort((a, b) => (a.employee < b.employee ? -1 : a.employee > b.employee ? 1 : 0));
  }

  private nameOf(employeeId: string): string {
    let name = this.names.get(employeeId);
    if (name === undefined) this.names.set(employeeId, (name = this.pseudonym?.(employeeId) ?? employeeId));
    return name;
  }
}
