/**
 * What is due to happen, by business day: one bucket per day, run in the order scheduled, so the
 * simulation is deterministic and each stream's events are decided in date order. Days are
 * integers and the simulation only moves forward, so buckets beat a heap here.
 */
export class Agenda {
  private readonly days = new Map<number, (() => void)[]>();

  constructor(private today: number) {}

  at(day: number, run: () => void): void {
    if (day < this.today) throw new Error(`scheduled for day ${day}, before today (${this.today})`);
    const bucket = this.days.get(day);
    if (bucket) bucket.push(run);
    else this.days.set(day, [run]);
  }

  /** Runs everything due before `day`, including what runs schedule for before it. */
  runUntil(day: number): void {
    for (; this.today < day; this.today++) {
      const bucket = this.days.get(this.today);
      if (!bucket) continue;
      for (let i = 0; i < bucket.length; i++) bucket[i]();
      this.days.delete(this.today);
    }
  }
}
