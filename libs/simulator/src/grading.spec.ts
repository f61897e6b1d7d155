import { BYTEDANCE_POLICY, DEFAULT_POLICY } from '@pm/domain';
import { calibrateToCurve, gradeShares, proposeGrade, type Calibratee } from './grading';

const amazon = { ...DEFAULT_POLICY, version: 1 };
const bytedance = { ...BYTEDANCE_POLICY, version: 1 };

/** n people, best score first, all proposed `proposed`. */
const group = (n: number, proposed: (i: number) => string): Calibratee[] =>
  Array.from({ length: n }, (_, i) => ({ employeeId: `e${String(i).padStart(3, '0')}`, proposed: proposed(i), score: n - i }));

function finalGrades(people: Calibratee[], policy = amazon): Map<string, string> {
  const grades = new Map(people.map((p) => [p.employeeId, p.proposed]));
  for (const move of calibrateToCurve(policy, people)) grades.set(move.employeeId, move.to);
  return grades;
}

const count = (grades: Map<string, string>, grade: string) => [...grades.values()].filter((g) => g === grade).length;

describe('calibrateToCurve', () => {
  it('gives the constrained grades exactly their target share by stack rank, and moves other proposals into the middle', () => {
    const people = group(100, (i) => (i % 3 === 0 ? 'TT' : i % 7 === 0 ? 'LE' : 'HV2'));
    const grades = finalGrades(people);
    expect(count(grades, 'TT')).toBe(20);
    expect(count(grades, 'LE')).toBe(6);
    expect([...grades.entries()].slice(0, 20).every(([, g]) => g === 'TT')).toBe(true);
    expect([...grades.values()].slice(94).every((g) => g === 'LE')).toBe(true);
    // A TT proposal outside the top 20 becomes the best unconstrained grade; an LE proposal outside the bottom 6 the worst.
    expect(grades.get('e021')).toBe('HV1');
    expect(grades.get('e091')).toBe('HV3');
    expect(grades.get('e050')).toBe('HV2');
  });

  it('records each move with the stack rank that decided it', () => {
    const moves = calibrateToCurve(
      amazon,
      group(60, () => 'HV2'),
    );
    expect(moves.filter((m) => m.to === 'TT').map((m) => m.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(moves.filter((m) => m.to === 'LE').map((m) => m.rank)).toEqual([57, 58, 59, 60]);
    expect(moves.every((m) => m.from === 'HV2')).toBe(true);
  });

  it('leaves groups under the curve minimum as proposed', () => {
    expect(
      calibrateToCurve(
        amazon,
        group(49, () => 'TT'),
      ),
    ).toEqual([]);
  });

  it('fills several constrained grades at each end in scale order (ByteDance: O, E+ at the top, I then N at the bottom)', () => {
    const grades = finalGrades(
      group(100, () => 'M'),
      bytedance,
    );
    expect([...grades.values()]).toEqual([
      ...Array(5).fill('O'),
      ...Array(10).fill('E+'),
      ...Array(78).fill('M'),
      ...Array(5).fill('I'),
      ...Array(2).fill('N'),
    ]);
  });
});

describe('proposeGrade', () => {
  it('maps a perceived score onto the curve: the top fifth TT, the bottom 6% LE, the middle split evenly', () => {
    const shares = gradeShares(amazon);
    expect(shares.map((s) => Math.round(s * 1000) / 1000)).toEqual([0.2, 0.247, 0.247, 0.247, 0.06]);
    expect(proposeGrade(amazon, shares, 1.0)).toBe('TT');
    expect(proposeGrade(amazon, shares, 0.7)).toBe('HV1');
    expect(proposeGrade(amazon, shares, 0)).toBe('HV2');
    expect(proposeGrade(amazon, shares, -1.4)).toBe('HV3');
    expect(proposeGrade(amazon, shares, -1.7)).toBe('LE');
  });
});
