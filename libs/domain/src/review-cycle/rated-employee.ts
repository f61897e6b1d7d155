import type { EmployeeState } from '../employee/employee.state';

/** What a review cycle needs to know about the person a command is about: whether they can still be rated. */
export interface RatedEmployee {
  status: EmployeeState['status'];
  separatedOn?: string;
}

export function ratedEmployee(state: EmployeeState): RatedEmployee {
  return state.status === 'separated' ? { status: state.status, separatedOn: state.separatedOn } : { status: state.status };
}
