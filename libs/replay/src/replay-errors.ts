import { DomainError } from '@pm/domain';

/** The proposed policy's scale cannot express a recorded grade, even through its aliases. */
export class ReplayScaleMismatch extends DomainError {
  constructor(
    readonly grade: string,
    readonly policy: string,
  ) {
    super('replay-scale-mismatch', `Policy ${policy} cannot express the recorded grade ${grade}: add it to scale.grades or map it in scale.aliases`, 'invalid', {
      field: 'policy.scale',
      grade,
    });
    this.name = 'ReplayScaleMismatch';
  }
}
