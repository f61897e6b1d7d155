import { employeeDecider, employeeOn, employeeStreamId, type DecideAppeal, type EmployeeCommand, type PanelStanding } from '@pm/domain';
import type { CommandHandler } from './command-handler';
import type { Submitted } from './submitted';

type WithoutPolicy<C> = C extends unknown ? Omit<C, 'policy' | 'eventIds' | 'ratedUnder' | 'on'> : never;

/**
 * The submitted command with what an appeal decision needs to know about its panel, read from the
 * members' own streams: the standing of each member hired here. Members never hired here are left
 * out (they may come from outside). Every other command is returned as it is.
 */
export async function withPanelStanding(handler: CommandHandler, command: Submitted<EmployeeCommand>): Promise<WithoutPolicy<EmployeeCommand>> {
  if (command.type !== 'DecideAppeal') return command;
  return { ...command, panelStanding: await standingOf(handler, command.data.panel, command.data.decidedAt.slice(0, 10)) };
}

/** Each member hired here, as they stood on the day of the decision. */
async function standingOf(handler: CommandHandler, panel: readonly string[], on: string): Promise<DecideAppeal['panelStanding']> {
  const standing: Record<string, PanelStanding> = {};
  for (const member of new Set(panel)) {
    const state = employeeOn((await handler.streams.load(employeeStreamId(member), employeeDecider)).state, on);
    if (state.status !== 'none') standing[member] = state.status === 'separated' ? 'separated' : 'employed';
  }
  return standing;
}
