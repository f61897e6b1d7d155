import { hire, recordsOf, separate, team } from '../../test/workforce-events';
import { populationByYear, strictestMinimum, suppressSmallGroups } from './suppression';

type Group = { name: string; people: string[] };
const group = (name: string, size: number, prefix = name): Group => ({ name, people: Array.from({ length: size }, (_, i) => `${prefix}-${i + 1}`) });
const names = ({ shown, suppressed }: { shown: Group[]; suppressed: Group[] }) => ({
  shown: shown.map((g) => g.name),
  suppressed: suppressed.map((g) => g.name),
});
const disjoint = { size: (g: Group) => g.people.length, name: (g: Group) => g.name };
const byPeople = { ...disjoint, members: (g: Group) => g.people };

describe('suppressSmallGroups', () => {
  it('shows every group when none is under the minimum', () => {
    expect(names(suppressSmallGroups([group('a', 5), group('b', 9)], 5, disjoint))).toEqual({ shown: ['a', 'b'], suppressed: [] });
  });

  it('suppresses the smallest shown group too when one small group could be read as the total minus the rows', () => {
    // c (2) alone: total - a - b = c. The smallest shown, b (6), goes with it: 8 people together.
    expect(names(suppressSmallGroups([group('a', 9), group('b', 6), group('c', 2)], 5, disjoint))).toEqual({ shown: ['a'], suppressed: ['b', 'c'] });
  });

  it('needs no complementary suppression when the small groups reach the minimum together', () => {
    expect(names(suppressSmallGroups([group('a', 9), group('b', 3), group('c', 2)], 5, disjoint))).toEqual({ shown: ['a'], suppressed: ['b', 'c'] });
    expect(names(suppressSmallGroups([group('a', 9), group('b', 6), group('c', 2), group('d', 3)], 5, disjoint))).toEqual({
      shown: ['a', 'b'],
      suppressed: ['c', 'd'],
    });
  });

  it('breaks a tie between equally small shown groups by name, and may leave no group shown', () => {
    expect(names(suppressSmallGroups([group('b', 6), group('a', 6), group('c', 1)], 5, disjoint))).toEqual({ shown: ['b'], suppressed: ['a', 'c'] });
    expect(names(suppressSmallGroups([group('a', 5), group('b', 1)], 5, disjoint))).toEqual({ shown: [], suppressed: ['a', 'b'] });
  });

  it('counts distinct people when groups overlap (a transfer puts someone in two)', () => {
    // b and c are 3 people each but the same 3 people: 3 < 5 together, so a (the smallest shown) goes too.
    const overlapping = [group('a', 7), group('b', 3, 'x'), group('c', 3, 'x'), group('d', 9)];
    expect(names(suppressSmallGroups(overlapping, 5, byPeople))).toEqual({ shown: ['d'], suppressed: ['a', 'b', 'c'] });
    // Taken as disjoint, the same sizes would add up to 6 and suppress nothing more.
    expect(names(suppressSmallGroups(overlapping, 5, disjoint))).toEqual({ shown: ['a', 'd'], suppressed: ['b', 'c'] });
  });
});

describe('strictestMinimum', () => {
  it('takes the largest minimum given, never below 1', () => {
    expect(strictestMinimum(5, 1)).toBe(5);
    expect(strictestMinimum(5, 8)).toBe(8);
    expect(strictestMinimum(undefined, 3)).toBe(3);
    expect(strictestMinimum()).toBe(1);
  });
});

describe('populationByYear', () => {
  it('counts who was employed in each calendar year of the period', () => {
    const records = recordsOf([
      ...team('a', 2, '2023-06-01', 'org-a'),
      hire('late', '2025-03-01', 'org-a'),
      hire('gone', '2023-01-01', 'org-a'),
      separate('gone', '2024-02-01', { type: 'voluntary', regretted: false }),
    ]);
    const years = populationByYear(records, { from: '2024-03-01', to: '2025-12-31' });
    // gone left before the period started.
    expect(Object.fromEntries([...years].map(([year, people]) => [year, [...people].sort()]))).toEqual({
      '2024': ['a-01', 'a-02'],
      '2025': ['a-01', 'a-02', 'late'],
    });
  });
});
