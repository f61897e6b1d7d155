import { BYTEDANCE_POLICY, CLASSIC_POLICY, DEFAULT_LEAVE_LIKELIHOOD, DEFAULT_POLICY, leaveLikelihoodOf, refresherSharesOf, validatePolicy } from '@pm/domain';

/** A policy document as a client could send it: any field may be changed or removed. */
type Doc = Record<string, any>;

/** The fields named as problems after changing a copy of the default draft. */
function fieldsAfter(change: (doc: Doc) => void): string[] {
  const doc: Doc = structuredClone(DEFAULT_POLICY);
  change(doc);
  return validatePolicy(doc).map((p) => p.field);
}

describe('validating a policy document', () => {
  it.each([DEFAULT_POLICY, CLASSIC_POLICY, BYTEDANCE_POLICY].map((p) => [p.name, p] as const))('accepts the shipped %s draft', (_name, draft) => {
    expect(validatePolicy(draft)).toEqual([]);
  });

  it('accepts a policy without levels (as stored before ladders) and a "*" ladder for every job family', () => {
    expect(fieldsAfter((d) => delete d.levels)).toEqual([]);
    expect(fieldsAfter((d) => (d.levels = { '*': ['IC1', 'IC2'], SDE: ['L1', 'L2', 'L3'] }))).toEqual([]);
  });

  it('accepts the ByteDance alias from the old code F to the current grade N, and a policy stored with the former N to F', () => {
    expect(BYTEDANCE_POLICY.scale.aliases).toEqual({ F: 'N' });
    const stored = structuredClone(BYTEDANCE_POLICY) as Doc;
    stored.scale.grades[7].code = 'F';
    stored.scale.aliases = { N: 'F' };
    stored.curve.targets = { O: 0.05, 'E+': 0.1, I: 0.05, F: 0.02 };
    stored.focus.triggers[1].grades = ['I', 'F'];
    expect(validatePolicy(stored)).toEqual([]);
  });

  it('accepts a policy without compensation (as stored before pay was recorded)', () => {
    expect(fieldsAfter((d) => delete d.compensation)).toEqual([]);
  });

  it('accepts a compensation section stored before refreshers and the leave likelihood, and reads them with defaults', () => {
    expect(
      fieldsAfter((d) => {
        delete d.compensation.refreshers;
        delete d.compensation.retentionRisk.leaveLikelihood;
      }),
    ).toEqual([]);
    const { refreshers: _none, ...older } = DEFAULT_POLICY.compensation!;
    const policy = { ...DEFAULT_POLICY, version: 1, compensation: { ...older, retentionRisk: { minGrade: 'HV1', latest: 2, drop: 0.1 } } };
    expect(refresherSharesOf(policy)).toEqual({});
    expect(leaveLikelihoodOf(policy)).toBe(DEFAULT_LEAVE_LIKELIHOOD);
    expect(refresherSharesOf({ ...DEFAULT_POLICY, version: 1 })).toEqual({ TT: 0.5, HV1: 0.25 });
    expect(refresherSharesOf({ ...CLASSIC_POLICY, version: 1 })).toEqual({ EE: 0.5, ME: 0.25 });
    expect(refresherSharesOf({ ...BYTEDANCE_POLICY, version: 1 })).toEqual({ O: 0.5, 'E+': 0.25 });
  });

  it('ships a USD band for every level of every job family it has a ladder for, SDE L6 covering 130,000 to 200,000', () => {
    for (const draft of [DEFAULT_POLICY, CLASSIC_POLICY, BYTEDANCE_POLICY]) {
      const { bands } = draft.compensation!;
      for (const [family, ladder] of Object.entries(draft.levels ?? {}))
        for (const level of ladder) expect({ family, level, currency: bands[family]?.[level]?.currency }).toEqual({ family, level, currency: 'USD' });
      expect(bands.SDE.L6.min).toBeLessThanOrEqual(13_000_000);
      expect(bands.SDE.L6.max).toBeGreaterThanOrEqual(20_000_000);
    }
  });

  it('accepts a document that still carries a version (PUT ignores it)', () => {
    expect(validatePolicy({ ...DEFAULT_POLICY, version: 7 })).toEqual([]);
  });

  it('accepts a policy without severance and with no Focus trigger (Focus never allowed by rating)', () => {
    expect(fieldsAfter((d) => delete d.severance)).toEqual([]);
    expect(fieldsAfter((d) => (d.focus.triggers = []))).toEqual([]);
  });

  it.each([null, [], 'default', 42])('refuses %p: not a JSON object', (doc) => {
    expect(validatePolicy(doc)).toEqual([{ field: '', message: 'must be a JSON object' }]);
  });

  it.each<[string, (d: Doc) => void, string[]]>([
    ['a policyId with a space', (d) => (d.policyId = 'my policy'), ['policyId']],
    ['an empty name', (d) => (d.name = ''), ['name']],
    ['a name of 201 characters', (d) => (d.name = 'x'.repeat(201)), ['name']],
    ['a grade code with a space', (d) => (d.scale.grades[2].code = 'HV 2'), ['scale.grades[2].code']],
    ['a duplicated grade code', (d) => (d.scale.grades[2].code = 'HV1'), ['scale.grades[2].code']],
    ['belowBar that is not a boolean', (d) => (d.scale.grades[3].belowBar = 'no'), ['scale.grades[3].belowBar']],
    ['no grade below the bar', (d) => delete d.scale.grades[4].belowBar, ['scale.grades']],
    ['aliases that are not a map', (d) => (d.scale.aliases = ['LE']), ['scale.aliases']],
    ['an alias to a grade not on the scale', (d) => (d.scale.aliases = { OLD: 'XX' }), ['scale.aliases.OLD']],
    ['an alias from a grade still on the scale', (d) => (d.scale.aliases = { HV3: 'HV2' }), ['scale.aliases.HV3']],
    ['an alias written backwards (current code to old code)', (d) => (d.scale.aliases = { LE: 'OLD' }), ['scale.aliases.LE', 'scale.aliases.LE']],
    ['levels that are not a map', (d) => (d.levels = ['L1', 'L2']), ['levels']],
    ['a ladder that is not a list', (d) => (d.levels = { SDE: 'L1..L10' }), ['levels.SDE']],
    ['a ladder of one level', (d) => (d.levels = { SDE: ['L1'] }), ['levels.SDE']],
    ['a ladder with an empty level', (d) => (d.levels = { SDE: ['L1', ''] }), ['levels.SDE']],
    ['a ladder listing a level twice', (d) => (d.levels = { SDE: ['L1', 'L2', 'L1'] }), ['levels.SDE']],
    ['a job family name of 65 characters', (d) => (d.levels = { ['x'.repeat(65)]: ['L1', 'L2'] }), [`levels.${'x'.repeat(65)}`]],
    ['a curve target for a grade not on the scale', (d) => (d.curve.targets.XX = 0.1), ['curve.targets.XX']],
    ['a curve share above 1', (d) => (d.curve.targets.TT = 1.5), ['curve.targets.TT']],
    ['curve shares adding up to more than 1', (d) => (d.curve.targets = { TT: 0.6, LE: 0.6 }), ['curve.targets']],
    ['a curve group size of 0', (d) => (d.curve.minGroupSize = 0), ['curve.minGroupSize']],
    ['no curve', (d) => delete d.curve, ['curve.targets']],
    ['no focus section', (d) => delete d.focus, ['focus']],
    ['a Focus of at least 0 days', (d) => (d.focus.minDays = 0), ['focus.minDays']],
    ['a Focus maximum below its minimum', (d) => delete d.focus.defaultDays && (d.focus.maxDays = 20), ['focus.maxDays']],
    ['a default Focus length outside the window', (d) => (d.focus.defaultDays = 100), ['focus.defaultDays']],
    ['triggers that are not a list', (d) => (d.focus.triggers = { grades: ['LE'] }), ['focus.triggers']],
    ['a trigger with no grades', (d) => (d.focus.triggers = [{ grades: [], consecutive: 1 }]), ['focus.triggers[0].grades']],
    ['a trigger on a grade not on the scale', (d) => (d.focus.triggers = [{ grades: ['LE', 'NI'], consecutive: 1 }]), ['focus.triggers[0].grades[1]']],
    ['a trigger of 0 consecutive ratings', (d) => (d.focus.triggers[0].consecutive = 0), ['focus.triggers[0].consecutive']],
    ['a trigger of 11 consecutive ratings', (d) => (d.focus.triggers[0].consecutive = 11), ['focus.triggers[0].consecutive']],
    ['no pivot section', (d) => delete d.pivot, ['pivot']],
    ['requiresEscalatedFocus that is not a boolean', (d) => (d.pivot.requiresEscalatedFocus = 'yes'), ['pivot.requiresEscalatedFocus']],
    ['a choice window of 0 business days', (d) => (d.pivot.choiceWindowBusinessDays = 0), ['pivot.choiceWindowBusinessDays']],
    ['a fractional plan minimum', (d) => (d.pivot.planMinDays = 1.5), ['pivot.planMinDays']],
    ['a plan maximum below its minimum', (d) => (d.pivot.planMaxDays = 29), ['pivot.planMaxDays']],
    ['an appeal panel minimum of 0', (d) => (d.pivot.appealPanelMin = 0), ['pivot.appealPanelMin']],
    ['an appeal panel maximum below its minimum', (d) => Object.assign(d.pivot, { appealPanelMin: 3, appealPanelMax: 2 }), ['pivot.appealPanelMax']],
    ['no promotion section', (d) => delete d.promotion, ['promotion']],
    ['a promotion bar not on the scale', (d) => (d.promotion.minGrade = 'EE'), ['promotion.minGrade']],
    ['negative months in level', (d) => (d.promotion.minMonthsInLevel = -1), ['promotion.minMonthsInLevel']],
    ['no attrition section', (d) => delete d.attrition, ['attrition']],
    ['a URA target above 1', (d) => (d.attrition.uraTarget = 2), ['attrition.uraTarget']],
    ['a regretted line not on the scale', (d) => (d.attrition.regrettedIfLastGradeAtLeast = 'ME'), ['attrition.regrettedIfLastGradeAtLeast']],
    ['an analytics group size of 0', (d) => (d.analytics.minGroupSize = 0), ['analytics.minGroupSize']],
    ['a hire-to-fire window of 0 months', (d) => (d.analytics.hireToFireMonths = 0), ['analytics.hireToFireMonths']],
    ['severance that is not an object', (d) => (d.severance = 10), ['severance']],
    ['negative base weeks', (d) => (d.severance.baseWeeks = -1), ['severance.baseWeeks']],
    ['weeks per year that are not a number', (d) => (d.severance.weeksPerYearOfTenure = 'two'), ['severance.weeksPerYearOfTenure']],
    ['an appeal-lost share above 1', (d) => (d.severance.appealLostShare = 2), ['severance.appealLostShare']],
    ['a negative plan-failed share', (d) => (d.severance.planFailedShare = -0.1), ['severance.planFailedShare']],
    ['compensation that is not an object', (d) => (d.compensation = 1), ['compensation']],
    ['a band amount that is not whole', (d) => (d.compensation.bands.SDE.L6.min = 130_000.5), ['compensation.bands.SDE.L6.min']],
    ['a band max below its min', (d) => (d.compensation.bands.SDE.L6.max = 1), ['compensation.bands.SDE.L6.max']],
    ['a band currency that is not ISO 4217', (d) => (d.compensation.bands.PM.L3.currency = 'usd'), ['compensation.bands.PM.L3.currency']],
    ['a job family whose levels are not a map', (d) => (d.compensation.bands.SDE = []), ['compensation.bands.SDE']],
    ['a top-grade cap below 1', (d) => (d.compensation.topGradeCap.share = 0.9), ['compensation.topGradeCap.share']],
    ['a top-grade cap of 0 ratings', (d) => (d.compensation.topGradeCap.consecutive = 0), ['compensation.topGradeCap.consecutive']],
    ['vesting shares adding up to 0.9', (d) => (d.compensation.vesting[3].share = 0.3), ['compensation.vesting']],
    ['vesting steps out of order', (d) => d.compensation.vesting.reverse(), ['compensation.vesting']],
    ['a stock growth that is not a number', (d) => (d.compensation.assumedStockGrowth = '5%'), ['compensation.assumedStockGrowth']],
    ['a retention-risk grade not on the scale', (d) => (d.compensation.retentionRisk.minGrade = 'EE'), ['compensation.retentionRisk.minGrade']],
    ['a retention-risk drop above 1', (d) => (d.compensation.retentionRisk.drop = 2), ['compensation.retentionRisk.drop']],
    ['a retention-risk look-back of 0', (d) => (d.compensation.retentionRisk.latest = 0), ['compensation.retentionRisk.latest']],
    ['a leave likelihood above 1', (d) => (d.compensation.retentionRisk.leaveLikelihood = 1.2), ['compensation.retentionRisk.leaveLikelihood']],
    ['a refresher grade not on the scale', (d) => (d.compensation.refreshers.grades = { EE: 0.5 }), ['compensation.refreshers.grades.EE']],
    ['a negative refresher share', (d) => (d.compensation.refreshers.grades.TT = -0.5), ['compensation.refreshers.grades.TT']],
    ['refreshers without grades', (d) => (d.compensation.refreshers = { TT: 0.5 }), ['compensation.refreshers.grades']],
    ['compensation severance missing', (d) => delete d.compensation.severance, ['compensation.severance']],
    ['a negative severance base', (d) => (d.compensation.severance.baseWeeks = -1), ['compensation.severance.baseWeeks']],
    ['a plan-failed share above 1', (d) => (d.compensation.severance.planFailedShare = 1.5), ['compensation.severance.planFailedShare']],
    ['a field compensation does not have', (d) => (d.compensation.bonus = 1), ['compensation.bonus']],
    ['a field the policy does not have', (d) => (d.colour = 'blue'), ['colour']],
  ])('refuses %s, naming the field', (_name, change, fields) => {
    expect(fieldsAfter(change)).toEqual(fields);
  });

  it('says what is wrong, not only where', () => {
    const doc: Doc = structuredClone(DEFAULT_POLICY);
    doc.scale.grades[2].code = 'HV1';
    expect(validatePolicy(doc)).toEqual([{ field: 'scale.grades[2].code', message: 'duplicates HV1' }]);
  });

  it('names every bad field at once', () => {
    const fields = fieldsAfter((d) => {
      d.policyId = '';
      d.focus.minDays = 0;
      d.pivot.planMaxDays = 0;
      d.promotion.minGrade = 'XX';
      d.colour = 'blue';
    });
    expect(fields).toEqual(['policyId', 'focus.minDays', 'pivot.planMaxDays', 'promotion.minGrade', 'colour']);
  });

  it('names both analytics fields when both are wrong', () => {
    expect(fieldsAfter((d) => (d.analytics = { minGroupSize: 0, hireToFireMonths: 0 }))).toEqual(['analytics.minGroupSize', 'analytics.hireToFireMonths']);
  });

  it('names the curve group size even when the targets are missing too', () => {
    expect(fieldsAfter((d) => (d.curve = { minGroupSize: 0 }))).toEqual(['curve.targets', 'curve.minGroupSize']);
  });

  it('checks every grade a rule names against the scale: a scale without LE invalidates the rules that name it', () => {
    const fields = fieldsAfter((d) => (d.scale.grades = [{ code: 'A' }, { code: 'B', belowBar: true }]));
    expect(fields).toEqual([
      'curve.targets.TT',
      'curve.targets.LE',
      'focus.triggers[0].grades[0]',
      'promotion.minGrade',
      'attrition.regrettedIfLastGradeAtLeast',
      'compensation.retentionRisk.minGrade',
      'compensation.refreshers.grades.TT',
      'compensation.refreshers.grades.HV1',
    ]);
  });

  it('refuses a scale of a single grade', () => {
    expect(fieldsAfter((d) => (d.scale.grades = [{ code: 'LE', belowBar: true }]))).toContain('scale.grades');
  });

  it('takes rehire bars as separation reason codes, leave as a yes or no on pausing clocks, and a promotion look-back from 1 to 10', () => {
    expect(fieldsAfter((d) => (d.rehire = { barredAfter: ['misconduct', 'pivot_buyout'] }))).toEqual([]);
    expect(fieldsAfter((d) => (d.rehire = { barredAfter: ['fired'] }))).toEqual(['rehire.barredAfter']);
    expect(fieldsAfter((d) => (d.leave = { pausesClocks: 'yes' }))).toEqual(['leave.pausesClocks']);
    expect(fieldsAfter((d) => (d.promotion.lookBack = 2))).toEqual([]);
    expect(fieldsAfter((d) => (d.promotion.lookBack = 0))).toEqual(['promotion.lookBack']);
  });
});
