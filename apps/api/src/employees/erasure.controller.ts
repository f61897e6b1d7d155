import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PersonalData, Roles } from '@pm/platform';
import { CommandResponses } from '../common/api-responses';
import { ClientIdPipe } from '../common/client-id.pipe';
import { businessTime } from '../common/business-time';
import { CommandCtx, type CommandContext } from '../common/command-context';
import type { CommandOutcome } from '@pm/commands';
import { ErasePersonalDataDto } from './dto/erasure.dto';
import { ExecuteEmployeeCommand } from './execute-employee-command';

@ApiTags('compliance')
@Controller('v1/employees/:employeeId/erasure')
export class ErasureController {
  constructor(
    private readonly commands: CommandBus,
    private readonly personalData: PersonalData,
  ) {}

  /**
   * Records `PersonalDataErased`, then destroys the person's key. An erasure a crash interrupts is
   * finished at the next start, and a retry finds it recorded and destroys the key anyway.
   */
  @Post()
  @Roles('admin')
  @ApiOperation({ summary: "Erase a person's personal data (crypto-shredding); statistics are unchanged" })
  @CommandResponses(false)
  async erase(
    @Param('employeeId', ClientIdPipe) employeeId: string,
    @Body() body: ErasePersonalDataDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandOutcome> {
    const reason = body.reason ?? 'erasure requested';
    const { occurredAt } = businessTime(body);
    return this.personalData.erase(employeeId, () =>
      this.commands.execute<ExecuteEmployeeCommand, CommandOutcome>(
        new ExecuteEmployeeCommand(employeeId, { type: 'ErasePersonalData', data: { reason } }, ctx, occurredAt),
      ),
    );
  }
}
