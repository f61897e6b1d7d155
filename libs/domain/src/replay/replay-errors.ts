import { DomainError } from '../core/domain-error';

/** The proposed policy's scale cannot express a recorded grade, even through its aliases. */
export class ReplayScaleMismatch extends DomainError {
  constructor(
    readonly grade: string,
    readonly policy: string,
  ) {
    super(
      'replay-scale-mismatch',
      `Policy ${policy} cannot express the recorded grade ${grade}: add it to scale.grades or map it in scale.aliases`,
      'invalid',
      {
        field: 'policy.scale',
        grade,
      },
    );
    this.name = 'ReplayScaleMismatch';
  }
}

/** A replay needs a window: none was given and the history holds no dated fact to take it from. */
export const nothingToReplay = (): DomainError =>
  new DomainError('nothing-to-replay', 'The history holds no dated fact yet: give from and to, or replay later', 'invalid');
