import { employeeDecider, type EmployeeEvent, type Policy } from '@pm/domain';
import { spec } from '../../test/decider-specification';
import { BYTEDANCE, command, DEFAULT, EMPLOYEE, event, focusEntered, hired, inPivot, MANAGER, ratingReceived } from '../../test/employee-fixtures';

const employee = spec(employeeDecider);

const nominate = (promotionId = 'promo-1', nominatedOn = '2024-02-01', overrides: { toLevel?: string; nominatedBy?: string } = {}) =>
  command('NominateForPromotion', { promotionId, toLevel: 'L6', nominatedBy: MANAGER, document: 'Led the ranking rewrite', nominatedOn, ...overrides });

const nominated = (promotionId = 'promo-1', nominatedOn = '2024-02-01') =>
  event('PromotionNominated', {
    employeeId: EMPLOYEE,
    promotionId,
    fromLevel: 'L5',
    toLevel: 'L6',
    nominatedBy: MANAGER,
    document: 'Led the ranking rewrite',
    nominatedOn,
  });

const decide = (approved: boolean, promotionId = 'promo-1', panel = ['p-1', 'p-2']) =>
  command('DecidePromotion', { promotionId, approved, panel, effectiveDate: '2024-04-01' });

/** Hired 2022-03-01 at L5, latest final rating HV1 (the default bar). */
const strong = (): EmployeeEvent[] => [hired(), ratingReceived('2023', 'HV1')];

describe('approving a promotion', () => {
  it('is refused when a final rating below the bar arrived after the nomination', () => {
    employee
      .given([...strong(), nominated(), ratingReceived('2024', 'HV3')])
      .when(decide(true))
      .thenThrows('promotion-below-bar', 'rule');
  });

  it('may still be declined then', () => {
    employee
      .given([...strong(), nominated(), ratingReceived('2024', 'HV3')])
      .when(decide(false))
      .then([event('PromotionDecided', { employeeId: EMPLOYEE, promotionId: 'promo-1', approved: false, panel: ['p-1', 'p-2'], effectiveDate: '2024-04-01' })]);
  });
});

describe('nominating for promotion', () => {
  it('records the nomination with the level it starts from', () => {
    employee.given(strong()).when(nominate()).then([nominated()]);
  });

  it.each([
    ['HV2, below the promotion bar', [hired(), ratingReceived('2023', 'HV2')]],
    ['LE, below the performance bar', [hired(), ratingReceived('2023', 'LE')]],
    ['no final rating yet', [hired()]],
    ['a grade not on the scale', [hired(), ratingReceived('2023', 'ZZ')]],
    ['an earlier TT but a latest HV3', [hired(), ratingReceived('2022', 'TT'), ratingReceived('2023', 'HV3')]],
  ])('is refused with %s', (_name, history) => {
    employee.given(history).when(nominate()).thenThrows('promotion-below-bar', 'rule');
  });

  describe('with a policy look-back of two ratings', () => {
    const twoInARow: Policy = { ...DEFAULT, promotion: { ...DEFAULT.promotion, lookBack: 2 } };
    const nominateUnder = () => ({ ...nominate(), policy: twoInARow });

    it('is allowed when both latest final ratings are at the bar', () => {
      employee
        .given([hired(), ratingReceived('2022', 'TT'), ratingReceived('2023', 'HV1')])
        .when(nominateUnder())
        .then([nominated()]);
    });

    it.each([
      ['an HV3 before the latest HV1', [hired(), ratingReceived('2022', 'HV3'), ratingReceived('2023', 'HV1')]],
      ['a single final rating', [hired(), ratingReceived('2023', 'TT')]],
    ])('is refused with %s', (_name, history) => {
      employee.given(history).when(nominateUnder()).thenThrows('promotion-below-bar', 'rule');
    });
  });

  it('is allowed at the ByteDance bar (M+)', () => {
    employee
      .given([hired(), ratingReceived('2023', 'M+', BYTEDANCE)])
      .when({ ...nominate(), policy: BYTEDANCE })
      .then([nominated()]);
  });

  it('is refused with 11 months in level and allowed with 12', () => {
    const recent = [hired({ hireDate: '2023-06-01' }), ratingReceived('2023', 'TT')];
    employee.given(recent).when(nominate('promo-1', '2024-05-31')).thenThrows('promotion-too-soon-in-level');
    employee
      .given(recent)
      .when(nominate('promo-1', '2024-06-01'))
      .then([nominated('promo-1', '2024-06-01')]);
  });

  it('counts time in level from the last promotion, not the hire', () => {
    const promoted = event('Promoted', { employeeId: EMPLOYEE, promotionId: 'promo-0', fromLevel: 'L4', toLevel: 'L5', effectiveDate: '2023-10-01' });
    employee
      .given([...strong(), promoted])
      .when(nominate('promo-1', '2024-02-01'))
      .thenThrows('promotion-too-soon-in-level');
  });

  it('is blocked during Focus', () => {
    employee
      .given([...strong(), ratingReceived('2024', 'LE'), focusEntered(['2024'])])
      .when(nominate())
      .thenThrows('promotion-blocked-during-focus');
  });

  it('is blocked during Pivot', () => {
    employee.given(inPivot()).when(nominate()).thenThrows('promotion-blocked-during-pivot');
  });

  it('refuses a promotionId already open', () => {
    employee
      .given([...strong(), nominated()])
      .when(nominate())
      .thenThrows('promotion-already-exists', 'already-exists');
  });

  it('refuses a promotionId already decided', () => {
    const decided = event('PromotionDecided', { employeeId: EMPLOYEE, promotionId: 'promo-1', approved: false, panel: ['p-1'], effectiveDate: '2024-04-01' });
    employee
      .given([...strong(), nominated(), decided])
      .when(nominate())
      .thenThrows('promotion-already-exists', 'already-exists');
  });

  it.each(['toString', 'constructor', 'valueOf'])('accepts %s as a promotionId: ids that only an object prototype has are new', (promotionId) => {
    employee
      .given(strong())
      .when(nominate(promotionId))
      .then([nominated(promotionId)]);
  });

  it('refuses a promotion to the current level', () => {
    employee
      .given(strong())
      .when(nominate('promo-1', '2024-02-01', { toLevel: 'L5' }))
      .thenThrows('promotion-to-same-level');
  });

  it('refuses a self-nomination', () => {
    employee
      .given(strong())
      .when(nominate('promo-1', '2024-02-01', { nominatedBy: EMPLOYEE }))
      .thenThrows('self-nomination');
  });
});

describe('deciding a promotion', () => {
  const open = (): EmployeeEvent[] => [...strong(), nominated()];

  it('approved: the decision and the promotion, in one decision', () => {
    employee
      .given(open())
      .when(decide(true))
      .then([
        {
          type: 'PromotionDecided',
          data: { employeeId: EMPLOYEE, promotionId: 'promo-1', approved: true, panel: ['p-1', 'p-2'], effectiveDate: '2024-04-01' },
        },
        { type: 'Promoted', data: { employeeId: EMPLOYEE, promotionId: 'promo-1', fromLevel: 'L5', toLevel: 'L6', effectiveDate: '2024-04-01' } },
      ]);
  });

  it('approved: the employee is at the new level from the effective date', () => {
    employee
      .given(open())
      .when(decide(true))
      .thenState((state) => expect(state).toMatchObject({ level: 'L6', levelSince: '2024-04-01', openPromotions: {}, decidedPromotions: ['promo-1'] }));
  });

  it('rejected: only the decision; the level stays', () => {
    employee
      .given(open())
      .when(decide(false))
      .thenState((state, decided) => {
        expect(decided).toEqual([
          {
            type: 'PromotionDecided',
            data: { employeeId: EMPLOYEE, promotionId: 'promo-1', approved: false, panel: ['p-1', 'p-2'], effectiveDate: '2024-04-01' },
          },
        ]);
        expect(state).toMatchObject({ level: 'L5', levelSince: '2022-03-01' });
      });
  });

  it('refuses an unknown promotion', () => {
    employee.given(open()).when(decide(true, 'promo-9')).thenThrows('promotion-not-found', 'not-found');
  });

  it.each(['constructor', 'toString', 'hasOwnProperty'])('refuses %s, a promotionId that only an object prototype has', (promotionId) => {
    employee.given(strong()).when(decide(true, promotionId)).thenThrows('promotion-not-found', 'not-found');
  });

  it('refuses deciding twice', () => {
    const decided = event('PromotionDecided', { employeeId: EMPLOYEE, promotionId: 'promo-1', approved: false, panel: ['p-1'], effectiveDate: '2024-04-01' });
    employee
      .given([...open(), decided])
      .when(decide(true))
      .thenThrows('promotion-already-decided');
  });

  it('refuses to approve during Focus', () => {
    employee
      .given([...open(), ratingReceived('2024', 'LE'), focusEntered(['2024'])])
      .when(decide(true))
      .thenThrows('promotion-blocked-during-focus');
  });

  it('refuses to approve during Pivot, but may reject', () => {
    const [hire, ...rest] = inPivot();
    const history = [hire, ratingReceived('2022', 'HV1'), nominated(), ...rest];
    employee.given(history).when(decide(true)).thenThrows('promotion-blocked-during-pivot');
    employee
      .given(history)
      .when(decide(false))
      .then([
        {
          type: 'PromotionDecided',
          data: { employeeId: EMPLOYEE, promotionId: 'promo-1', approved: false, panel: ['p-1', 'p-2'], effectiveDate: '2024-04-01' },
        },
      ]);
  });

  it('cannot take effect before the hire date', () => {
    employee
      .given(open())
      .when(command('DecidePromotion', { promotionId: 'promo-1', approved: true, panel: ['p-1'], effectiveDate: '2022-02-28' }))
      .thenThrows('date-before-hire');
  });

  it('needs a panel', () => {
    employee
      .given(open())
      .when(decide(true, 'promo-1', []))
      .thenThrows('promotion-panel-required', 'invalid');
  });
});

describe('the promotion bar reads the latest rating by period', () => {
  const rated = (cycleId: string, periodEnd: string, rating: string) =>
    event('RatingReceived', { employeeId: EMPLOYEE, cycleId, rating, calibrated: false, periodEnd, policy: 'default@1' });
  const nominate = () => command('NominateForPromotion', { promotionId: 'p-order', toLevel: 'L6', nominatedBy: 'm-1', nominatedOn: '2025-03-01' });

  it('H2 TT delivered before a late H1 LE: the latest period is H2, at the bar', () => {
    employee
      .given([hired(), rated('2024-H2', '2024-12-31', 'TT'), rated('2024-H1', '2024-06-30', 'LE')])
      .when(nominate())
      .then([
        event('PromotionNominated', {
          employeeId: EMPLOYEE,
          promotionId: 'p-order',
          fromLevel: 'L5',
          toLevel: 'L6',
          nominatedBy: 'm-1',
          document: undefined,
          nominatedOn: '2025-03-01',
        }),
      ]);
  });

  it('H2 LE delivered before a late H1 TT: the latest period is H2, below the bar', () => {
    employee
      .given([hired(), rated('2024-H2', '2024-12-31', 'LE'), rated('2024-H1', '2024-06-30', 'TT')])
      .when(nominate())
      .thenThrows('promotion-below-bar', 'rule');
  });
});

describe('a promotion decision comes after its nomination', () => {
  it('refuses a decision effective before the nomination, and accepts one on its day', () => {
    const open = [...strong(), nominated('promo-1', '2024-04-02')];
    employee.given(open).when(decide(true)).thenThrows('date-before-nomination', 'rule');
    employee
      .given(open)
      .when(command('DecidePromotion', { promotionId: 'promo-1', approved: false, panel: ['p-1'], effectiveDate: '2024-04-02' }))
      .then([event('PromotionDecided', { employeeId: EMPLOYEE, promotionId: 'promo-1', approved: false, panel: ['p-1'], effectiveDate: '2024-04-02' })]);
  });
});

describe('the job family level ladder', () => {
  const { levels: _none, ...noLadder } = DEFAULT;
  /** A policy stored before ladders existed: no `levels` at all. */
  const WITHOUT_LADDERS: Policy = noLadder;
  const WITH_DEFAULT_LADDER: Policy = { ...WITHOUT_LADDERS, levels: { '*': ['IC1', 'IC2', 'IC3'] } };
  const nominateTo = (toLevel: string, policy: Policy = DEFAULT) => ({ ...nominate('promo-1', '2024-02-01', { toLevel }), policy });
  const nominatedTo = (toLevel: string, fromLevel = 'L5') =>
    event('PromotionNominated', {
      employeeId: EMPLOYEE,
      promotionId: 'promo-1',
      fromLevel,
      toLevel,
      nominatedBy: MANAGER,
      document: 'Led the ranking rewrite',
      nominatedOn: '2024-02-01',
    });

  it('allows a nomination up the SDE ladder, also by more than one level', () => {
    employee
      .given(strong())
      .when(nominateTo('L7'))
      .then([nominatedTo('L7')]);
  });

  it('refuses a nomination down the ladder, naming toLevel', () => {
    const error = employee.given(strong()).when(nominateTo('L4')).thenThrows('promotion-not-upward', 'rule');
    expect(error.details).toMatchObject({ field: 'toLevel' });
  });

  it('refuses a level that is not on the ladder', () => {
    const error = employee.given(strong()).when(nominateTo('L11')).thenThrows('level-not-on-ladder', 'rule');
    expect(error.details).toMatchObject({ field: 'toLevel' });
  });

  it('refuses when the current level is not on the ladder', () => {
    employee
      .given([hired({ level: 'Senior' }), ratingReceived('2023', 'HV1')])
      .when(nominateTo('L6'))
      .thenThrows('level-not-on-ladder', 'rule');
  });

  it('checks nothing for a job family without a ladder', () => {
    employee
      .given([hired({ jobFamily: 'Legal' }), ratingReceived('2023', 'HV1')])
      .when(nominateTo('Counsel'))
      .then([nominatedTo('Counsel')]);
  });

  it('checks nothing under a policy stored before ladders existed', () => {
    employee
      .given(strong())
      .when(nominateTo('L4', WITHOUT_LADDERS))
      .then([nominatedTo('L4')]);
  });

  it('uses the "*" ladder for every job family not listed', () => {
    const ic = [hired({ level: 'IC2', jobFamily: 'Legal' }), ratingReceived('2023', 'HV1')];
    employee
      .given(ic)
      .when(nominateTo('IC3', WITH_DEFAULT_LADDER))
      .then([nominatedTo('IC3', 'IC2')]);
    employee.given(ic).when(nominateTo('IC1', WITH_DEFAULT_LADDER)).thenThrows('promotion-not-upward', 'rule');
  });

  it('refuses to approve a nomination that no longer goes up the ladder, and still lets the panel decline it', () => {
    // Nominated to L4 while the policy had no ladder; the version in force now has one.
    const history = [...strong(), nominatedTo('L4')];
    employee.given(history).when(decide(true)).thenThrows('promotion-not-upward', 'rule');
    employee
      .given(history)
      .when(decide(false))
      .then([event('PromotionDecided', { employeeId: EMPLOYEE, promotionId: 'promo-1', approved: false, panel: ['p-1', 'p-2'], effectiveDate: '2024-04-01' })]);
  });
});
