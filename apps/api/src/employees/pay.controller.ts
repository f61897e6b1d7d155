import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandOutcome } from '@pm/commands';
import { Roles } from '@pm/platform';
import { CommandResponses } from '../common/api-responses';
import { businessTime } from '../common/business-time';
import { ClientIdPipe } from '../common/client-id.pipe';
import { CommandCtx, type CommandContext } from '../common/command-context';
import { ChangePayDto, GrantEquityDto, GrantSignOnDto } from './dto/pay.dto';
import { ExecuteEmployeeCommand } from './execute-employee-command';

/** Pay as events: base salary, sign-on bonuses, equity grants. Amounts in minor units; HR only, never shown to analysts. */
@ApiTags('pay')
@Roles('hr')
@Controller('v1/employees/:employeeId')
export class PayController {
  constructor(private readonly commands: CommandBus) {}

  @Post('pay')
  @ApiOperation({
    summary:
      "A new annual base from a date, inside the band of the employee's job that day (409 salary-outside-band, currency-not-of-band, compensation-not-configured)",
  })
  @CommandResponses(false)
  changePay(@Param('employeeId', ClientIdPipe) employeeId: string, @Body() body: ChangePayDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body, { field: 'effectiveDate' });
    return this.commands.execute(new ExecuteEmployeeCommand(employeeId, { type: 'ChangePay', data }, ctx, occurredAt));
  }

  @Post('sign-on')
  @ApiOperation({ summary: 'A sign-on bonus in 1 to 8 instalments, each paid on or after the grant; an optional clawback on a voluntary exit' })
  @CommandResponses(true)
  grantSignOn(@Param('employeeId', ClientIdPipe) employeeId: string, @Body() body: GrantSignOnDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body, { field: 'grantDate' });
    return this.commands.execute(new ExecuteEmployeeCommand(employeeId, { type: 'GrantSignOn', data }, ctx, occurredAt));
  }

  @Post('equity-grants')
  @ApiOperation({ summary: "Units of stock at a unit value; vesting defaults to the policy's (409 equity-grant-exists for a grant id already recorded)" })
  @CommandResponses(true)
  grantEquity(@Param('employeeId', ClientIdPipe) employeeId: string, @Body() body: GrantEquityDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body, { field: 'grantDate' });
    return this.commands.execute(new ExecuteEmployeeCommand(employeeId, { type: 'GrantEquity', data }, ctx, occurredAt));
  }
}
