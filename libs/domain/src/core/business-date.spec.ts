import { addBusinessDays, addDays, daysBetween, fromDayNumber, monthsBetween, toDayNumber } from '@pm/domain';

describe('business dates', () => {
  it('numbers days from 1970-01-01 in UTC and back', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1970-01-02')).toBe(1);
    expect(fromDayNumber(toDayNumber('2024-02-29'))).toBe('2024-02-29');
  });

  it('reads the date part of an instant, whatever the time', () => {
    expect(toDayNumber('2024-05-20T23:59:59Z')).toBe(toDayNumber('2024-05-20'));
  });

  it('counts days across a leap day and backwards', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
  });

  it('adds days across months and years', () => {
    expect(addDays('2024-02-05', 60)).toBe('2024-04-05');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
  });

  it.each([
    ['Friday', '2024-05-03', 3, '2024-05-08'],
    ['Monday', '2024-05-06', 3, '2024-05-09'],
    ['Friday', '2024-05-03', 1, '2024-05-06'],
    ['Saturday', '2024-05-04', 1, '2024-05-06'],
    ['Sunday', '2024-05-05', 1, '2024-05-06'],
    ['Wednesday', '2024-05-01', 5, '2024-05-08'],
    ['Wednesday', '2024-05-01', 10, '2024-05-15'],
    ['Thursday (over New Year)', '2026-12-31', 2, '2027-01-04'],
  ])('adds business days from a %s: %s + %i = %s', (_day, from, days, expected) => {
    expect(addBusinessDays(from, days)).toBe(expected);
  });

  it('adds no business days as no change', () => {
    expect(addBusinessDays('2024-05-04', 0)).toBe('2024-05-04');
  });

  it('counts whole months: a day short of twelve months is eleven', () => {
    expect(monthsBetween('2023-06-01', '2024-06-01')).toBe(12);
    expect(monthsBetween('2023-06-01', '2024-05-31')).toBe(11);
    expect(monthsBetween('2024-01-15', '2024-01-15')).toBe(0);
    expect(monthsBetween('2022-11-10', '2023-02-10')).toBe(3);
    expect(monthsBetween('2024-03-10', '2024-01-10')).toBe(-2);
  });
});
