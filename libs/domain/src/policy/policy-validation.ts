import { SEPARATION_REASON_CODES } from '../employee/employee.events';
import { PIVOT_ON_LAPSE, type Policy } from './policy';

export interface PolicyProblem {
  field: string;
  message: string;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isShare = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;
const isWhole = (v: unknown, min = 0): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min;

/**
 * Checks a policy document without its version (as PUT takes it). Structure first, then the
 * rules that tie fields together: every grade a rule names must be on the scale.
 */
export function validatePolicy(doc: unknown): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const fail = (field: string, message: string): void => void problems.push({ field, message });
  if (!isObject(doc)) return [{ field: '', message: 'must be a JSON object' }];
  const p = doc as Partial<Policy> & Record<string, unknown>;

  if (typeof p.policyId !== 'string' || !ID.test(p.policyId)) fail('policyId', 'must match ^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$');
  if (typeof p.name !== 'string' || p.name.length === 0 || p.name.length > 200) fail('name', 'must be a string of 1 to 200 characters');

  const codes = new Set<string>();
  if (!isObject(p.scale) || !Array.isArray(p.scale.grades) || p.scale.grades.length < 2 || p.scale.grades.length > 20) {
    fail('scale.grades', 'must list 2 to 20 grades, best first');
  } else {
    p.scale.grades.forEach((g, i) => {
      if (!isObject(g) || typeof g.code !== 'string' || !/^[A-Za-z0-9+-]{1,8}$/.test(g.code))
        fail(`scale.grades[${i}].code`, 'must be 1 to 8 letters, digits, + or -');
      else if (codes.has(g.code)) fail(`scale.grades[${i}].code`, `duplicates ${g.code}`);
      else codes.add(g.code);
      if (isObject(g) && g.belowBar !== undefined && typeof g.belowBar !== 'boolean') fail(`scale.grades[${i}].belowBar`, 'must be a boolean');
    });
    if (![...p.scale.grades].some((g) => isObject(g) && g.belowBar === true)) fail('scale.grades', 'must mark at least one grade belowBar');
    if (p.scale.aliases !== undefined) {
      if (!isObject(p.scale.aliases)) fail('scale.aliases', 'must map old codes to grades of the scale');
      else
        for (const [from, to] of Object.entries(p.scale.aliases)) {
          if (codes.has(from)) fail(`scale.aliases.${from}`, `${from} is a grade of the scale; an alias key is an old code no longer on it`);
          if (typeof to !== 'string' || !codes.has(to)) fail(`scale.aliases.${from}`, `must name a grade of the scale, not ${String(to)}`);
        }
    }
  }
  const grade = (field: string, value: unknown): void => {
    if (typeof value !== 'string' || !codes.has(value)) fail(field, `must be a grade of the scale (${[...codes].join(', ')})`);
  };

  if (!isObject(p.curve) || !isObject(p.curve.targets)) fail('curve.targets', 'must map grades to target shares');
  else {
    let total = 0;
    for (const [code, share] of Object.entries(p.curve.targets)) {
      grade(`curve.targets.${code}`, code);
      if (!isShare(share)) fail(`curve.targets.${code}`, 'must be a share from 0 to 1');
      else total += share;
    }
    if (total > 1 + 1e-9) fail('curve.targets', 'shares must not add up to more than 1');
  }
  if (isObject(p.curve) && p.curve.minGroupSize !== undefined && !isWhole(p.curve.minGroupSize, 1)) fail('curve.minGroupSize', 'must be a whole number >= 1');

  if (!isObject(p.focus)) fail('focus', 'is required');
  else {
    const { minDays, maxDays, defaultDays, triggers, earlyEscalationReasons } = p.focus;
    if (
      earlyEscalationReasons !== undefined &&
      (!Array.isArray(earlyEscalationReasons) || earlyEscalationReasons.some((r) => typeof r !== 'string' || r.length === 0 || r.length > 100))
    )
      fail('focus.earlyEscalationReasons', 'must list reason codes of 1 to 100 characters');
    if (!isWhole(minDays, 1)) fail('focus.minDays', 'must be a whole number >= 1');
    if (!isWhole(maxDays, 1) || (isWhole(minDays) && maxDays < minDays)) fail('focus.maxDays', 'must be a whole number >= minDays');
    if (defaultDays !== undefined && (!isWhole(defaultDays, 1) || defaultDays < minDays || defaultDays > maxDays))
      fail('focus.defaultDays', 'must lie within minDays..maxDays');
    if (!Array.isArray(triggers)) fail('focus.triggers', 'must be a list (empty: Focus never allowed by rating)');
    else
      triggers.forEach((t, i) => {
        if (!isObject(t) || !Array.isArray(t.grades) || t.grades.length === 0) fail(`focus.triggers[${i}].grades`, 'must list grades');
        else t.grades.forEach((g, j) => grade(`focus.triggers[${i}].grades[${j}]`, g));
        if (!isObject(t) || !isWhole(t.consecutive, 1) || t.consecutive > 10) fail(`focus.triggers[${i}].consecutive`, 'must be a whole number from 1 to 10');
      });
  }

  if (!isObject(p.pivot)) fail('pivot', 'is required');
  else {
    const v = p.pivot;
    if (typeof v.requiresEscalatedFocus !== 'boolean') fail('pivot.requiresEscalatedFocus', 'must be a boolean');
    if (!isWhole(v.choiceWindowBusinessDays, 1)) fail('pivot.choiceWindowBusinessDays', 'must be a whole number >= 1');
    if (!isWhole(v.planMinDays, 1)) fail('pivot.planMinDays', 'must be a whole number >= 1');
    if (!isWhole(v.planMaxDays, 1) || (isWhole(v.planMinDays) && v.planMaxDays < v.planMinDays))
      fail('pivot.planMaxDays', 'must be a whole number >= planMinDays');
    if (v.appealPanelMin !== undefined && !isWhole(v.appealPanelMin, 1)) fail('pivot.appealPanelMin', 'must be a whole number >= 1');
    if (v.placementWindowDays !== undefined && !isWhole(v.placementWindowDays, 1)) fail('pivot.placementWindowDays', 'must be a whole number >= 1');
    if (v.planMinGoals !== undefined && !isWhole(v.planMinGoals, 1)) fail('pivot.planMinGoals', 'must be a whole number >= 1');
    if (v.onLapse !== undefined && !(PIVOT_ON_LAPSE as readonly unknown[]).includes(v.onLapse))
      fail('pivot.onLapse', `must be one of ${PIVOT_ON_LAPSE.join(', ')}`);
    if (v.appealPanelMax !== undefined && (!isWhole(v.appealPanelMax, 1) || v.appealPanelMax < (v.appealPanelMin ?? 1)))
      fail('pivot.appealPanelMax', 'must be >= appealPanelMin');
  }

  if (!isObject(p.promotion)) fail('promotion', 'is required');
  else {
    grade('promotion.minGrade', p.promotion.minGrade);
    if (!isWhole(p.promotion.minMonthsInLevel)) fail('promotion.minMonthsInLevel', 'must be a whole number >= 0');
    if (p.promotion.lookBack !== undefined && (!isWhole(p.promotion.lookBack, 1) || p.promotion.lookBack > 10))
      fail('promotion.lookBack', 'must be a whole number from 1 to 10');
  }

  if (!isObject(p.attrition)) fail('attrition', 'is required');
  else {
    if (!isShare(p.attrition.uraTarget)) fail('attrition.uraTarget', 'must be a share from 0 to 1');
    grade('attrition.regrettedIfLastGradeAtLeast', p.attrition.regrettedIfLastGradeAtLeast);
  }

  if (!isObject(p.analytics) || !isWhole(p.analytics.minGroupSize, 1)) fail('analytics.minGroupSize', 'must be a whole number >= 1');
  if (isObject(p.analytics) && p.analytics.hireToFireMonths !== undefined && !isWhole(p.analytics.hireToFireMonths, 1))
    fail('analytics.hireToFireMonths', 'must be a whole number >= 1');

  if (p.levels !== undefined) {
    if (!isObject(p.levels)) fail('levels', 'must map job families to their levels, lowest first');
    else
      for (const [family, ladder] of Object.entries(p.levels)) {
        if (family.length > 64) fail(`levels.${family}`, 'a job family has at most 64 characters');
        if (!Array.isArray(ladder) || ladder.length < 2 || ladder.length > 50 || ladder.some((l) => typeof l !== 'string' || l.length === 0 || l.length > 32))
          fail(`levels.${family}`, 'must list 2 to 50 level codes of 1 to 32 characters, lowest first');
        else if (new Set(ladder).size !== ladder.length) fail(`levels.${family}`, 'must not list a level twice');
      }
  }

  if (p.severance !== undefined) {
    const s = p.severance;
    if (!isObject(s)) fail('severance', 'must be an object');
    else {
      if (typeof s.baseWeeks !== 'number' || s.baseWeeks < 0) fail('severance.baseWeeks', 'must be a number >= 0');
      if (typeof s.weeksPerYearOfTenure !== 'number' || s.weeksPerYearOfTenure < 0) fail('severance.weeksPerYearOfTenure', 'must be a number >= 0');
      if (!isShare(s.appealLostShare)) fail('severance.appealLostShare', 'must be a share from 0 to 1');
      if (!isShare(s.planFailedShare)) fail('severance.planFailedShare', 'must be a share from 0 to 1');
    }
  }

  if (p.compensation !== undefined) validateCompensation(p.compensation, fail, grade);

  if (p.rehire !== undefined) {
    if (!isObject(p.rehire) || !Array.isArray(p.rehire.barredAfter) || !p.rehire.barredAfter.every((code) => SEPARATION_REASON_CODES.includes(code as never)))
      fail('rehire.barredAfter', `must be a list of separation reason codes (${SEPARATION_REASON_CODES.join(', ')})`);
  }
  if (p.leave !== undefined && (!isObject(p.leave) || typeof p.leave.pausesClocks !== 'boolean')) fail('leave.pausesClocks', 'must be true or false');

  const known = new Set([
    'rehire',
    'leave',
    'policyId',
    'version',
    'name',
    'scale',
    'curve',
    'focus',
    'pivot',
    'promotion',
    'attrition',
    'analytics',
    'severance',
    'levels',
    'compensation',
  ]);
  for (const key of Object.keys(p)) if (!known.has(key)) fail(key, 'is not a policy field');
  return problems;
}

const CURRENCY = /^[A-Z]{3}$/;
const isAmount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Shares of a vesting schedule: months strictly rising, shares in 0..1 adding up to 1. */
export function vestingProblem(vesting: unknown): string | undefined {
  if (!Array.isArray(vesting) || vesting.length < 1 || vesting.length > 120) return 'must list 1 to 120 steps { monthsAfterGrant, share }';
  let total = 0;
  let last = -1;
  for (const step of vesting) {
    if (!isObject(step) || !isWhole(step.monthsAfterGrant) || step.monthsAfterGrant > 600 || !isShare(step.share))
      return 'every step needs monthsAfterGrant (a whole number of months, 0 to 600) and a share from 0 to 1';
    if (step.monthsAfterGrant <= last) return 'steps must be in rising monthsAfterGrant order, each month once';
    last = step.monthsAfterGrant;
    total += step.share;
  }
  return Math.abs(total - 1) > 1e-9 ? `shares must add up to 1, not ${total}` : undefined;
}

function validateCompensation(c: unknown, fail: (field: string, message: string) => void, grade: (field: string, value: unknown) => void): void {
  if (!isObject(c)) return fail('compensation', 'must be an object');
  if (!isObject(c.bands)) fail('compensation.bands', 'must map job families to levels to { min, max, currency }');
  else
    for (const [family, levels] of Object.entries(c.bands)) {
      if (!isObject(levels)) {
        fail(`compensation.bands.${family}`, 'must map levels to { min, max, currency }');
        continue;
      }
      for (const [level, band] of Object.entries(levels)) {
        const field = `compensation.bands.${family}.${level}`;
        if (!isObject(band)) fail(field, 'must be { min, max, currency }');
        else {
          if (!isAmount(band.min)) fail(`${field}.min`, 'must be a whole amount >= 0 in minor units');
          if (!isAmount(band.max) || (isAmount(band.min) && band.max < band.min)) fail(`${field}.max`, 'must be a whole amount in minor units >= min');
          if (typeof band.currency !== 'string' || !CURRENCY.test(band.currency)) fail(`${field}.currency`, 'must be an ISO 4217 code such as USD');
        }
      }
    }
  const cap = c.topGradeCap;
  if (!isObject(cap)) fail('compensation.topGradeCap', 'must be { share, consecutive }');
  else {
    if (!isNumber(cap.share) || cap.share < 1 || cap.share > 2) fail('compensation.topGradeCap.share', 'must be a number from 1 to 2');
    if (!isWhole(cap.consecutive, 1) || cap.consecutive > 10) fail('compensation.topGradeCap.consecutive', 'must be a whole number from 1 to 10');
  }
  const vesting = vestingProblem(c.vesting);
  if (vesting) fail('compensation.vesting', vesting);
  if (!isNumber(c.assumedStockGrowth) || c.assumedStockGrowth <= -1 || c.assumedStockGrowth > 10)
    fail('compensation.assumedStockGrowth', 'must be a yearly rate above -1 (e.g. 0 or 0.05)');
  const risk = c.retentionRisk;
  if (!isObject(risk)) fail('compensation.retentionRisk', 'must be { minGrade, latest, drop, leaveLikelihood? }');
  else {
    grade('compensation.retentionRisk.minGrade', risk.minGrade);
    if (!isWhole(risk.latest, 1) || risk.latest > 10) fail('compensation.retentionRisk.latest', 'must be a whole number from 1 to 10');
    if (!isShare(risk.drop)) fail('compensation.retentionRisk.drop', 'must be a share from 0 to 1');
    if (risk.leaveLikelihood !== undefined && !isShare(risk.leaveLikelihood))
      fail('compensation.retentionRisk.leaveLikelihood', 'must be a share from 0 to 1 (the share of people at risk expected to leave within a year)');
  }
  if (c.refreshers !== undefined) {
    const r = c.refreshers;
    if (!isObject(r) || !isObject(r.grades)) fail('compensation.refreshers.grades', 'must map grades to a share of the band max, e.g. { "TT": 0.5 }');
    else {
      for (const [code, share] of Object.entries(r.grades)) {
        grade(`compensation.refreshers.grades.${code}`, code);
        if (!isNumber(share) || share < 0 || share > 10) fail(`compensation.refreshers.grades.${code}`, 'must be a share of the band max from 0 to 10');
      }
      for (const key of Object.keys(r)) if (key !== 'grades') fail(`compensation.refreshers.${key}`, 'is not a refreshers field');
    }
  }
  const s = c.severance;
  if (!isObject(s)) fail('compensation.severance', 'must be { baseWeeks, weeksPerYearOfTenure, appealLostShare, planFailedShare }');
  else {
    if (!isNumber(s.baseWeeks) || s.baseWeeks < 0 || s.baseWeeks > 520) fail('compensation.severance.baseWeeks', 'must be a number of weeks from 0 to 520');
    if (!isNumber(s.weeksPerYearOfTenure) || s.weeksPerYearOfTenure < 0 || s.weeksPerYearOfTenure > 52)
      fail('compensation.severance.weeksPerYearOfTenure', 'must be a number of weeks from 0 to 52');
    if (!isShare(s.appealLostShare)) fail('compensation.severance.appealLostShare', 'must be a share from 0 to 1');
    if (!isShare(s.planFailedShare)) fail('compensation.severance.planFailedShare', 'must be a share from 0 to 1');
  }
  const known = new Set(['bands', 'topGradeCap', 'vesting', 'assumedStockGrowth', 'retentionRisk', 'refreshers', 'severance']);
  for (const key of Object.keys(c)) if (!known.has(key)) fail(`compensation.${key}`, 'is not a compensation field');
}
