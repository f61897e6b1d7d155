import { canonicalGrade, gradeRank, isGrade, policyRef, ReplayScaleMismatch, type Policy } from '@pm/domain';

interface OnScale {
  code: string;
  /** 0 = best. */
  rank: number;
}

/** Recorded grade codes read on the proposed scale (through its aliases), each looked up once per replay. */
export class ProposedScale {
  private readonly known = new Map<string, OnScale>();

  constructor(readonly policy: Policy) {}

  /** The recorded grade as a code of the proposed scale; one it cannot express is an error. */
  code(recorded: string): string {
    return this.lookUp(recorded).code;
  }

  rank(recorded: string): number {
    return this.lookUp(recorded).rank;
  }

  private lookUp(recorded: string): OnScale {
    let found = this.known.get(recorded);
    if (found === undefined) {
      if (!isGrade(this.policy, recorded)) throw new ReplayScaleMismatch(recorded, policyRef(this.policy));
      this.known.set(recorded, (found = { code: canonicalGrade(this.policy, recorded), rank: gradeRank(this.policy, recorded) }));
    }
    return found;
  }
}
