/** A domain command as a caller submits it: the library adds what is read from the history (the policy in force, the rated employee, an appeal panel's standing, the stream's event ids). */
export type Submitted<C> = C extends unknown ? Omit<C, 'policy' | 'employee' | 'panelStanding' | 'eventIds' | 'ratedUnder' | 'on'> : never;
