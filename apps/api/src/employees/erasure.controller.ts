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
   * Records `PersonalDataErased`, then destroys the person's key. A retry after a crash between
   * the two finds the erasure recorded and destroys the key anyway.
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
    const result = await this.commands.execute(new ExecuteEmployeeCommand(employeeId, { type: 'ErasePersonalData', data: { reason } }, ctx, occurredAt));
    await this.personalData.erase(employeeId);
    return result;
  }
}
