export const round = (value: number, decimals: number): number => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** `null` when there is nothing to divide by: a rate over nobody is unknown, not zero. */
export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export const roundRate = (value: number | null): number | null => (value === null ? null : round(value, 4));
