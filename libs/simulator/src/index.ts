export { simulateOrg, simulateHistory } from './simulate-org';
export { writeSimulation, type WriteOptions, type WriteProgress, type WriteSummary } from './write-simulation';
export type { AppendBatch, SimulationOptions } from './simulation-options';
export { DEFAULT_SIMULATION_PARAMETERS, type SimulationParameters } from './simulation-parameters';
export { calibrateToCurve, proposeGrade, gradeShares, type Calibratee, type CalibrationMove } from './grading';
export { writeSimulatedCompany, headcountForEvents, type SimulatedCompany } from './simulated-company';
export { SeededRandom } from './seeded-random';
