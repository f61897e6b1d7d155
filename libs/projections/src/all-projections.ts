import { cycleRatings } from './cycle-ratings/cycle-ratings.projection';
import { employeeStatus } from './employee-status/employee-status.projection';
import { pay } from './pay/pay.projection';
import type { Projection } from './projection';
import { employeeTimeline } from './timeline/employee-timeline.projection';
import { workforce } from './workforce/workforce.projection';

/** Every projection the service keeps: the live runner, `cli rebuild` and the bench run this list. */
export const ALL_PROJECTIONS: readonly Projection<unknown>[] = [employeeStatus, employeeTimeline, cycleRatings, workforce, pay] as Projection<unknown>[];
