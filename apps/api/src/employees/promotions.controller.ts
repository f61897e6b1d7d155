import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@pm/platform';
import { CommandResponses } from '../common/api-responses';
import { ClientIdPipe } from '../common/client-id.pipe';
import { businessTime } from '../common/business-time';
import { CommandCtx, type CommandContext } from '../common/command-context';
import type { CommandOutcome } from '@pm/commands';
import { DecidePromotionDto, NominatePromotionDto } from './dto/appeal-and-promotion.dto';
import { ExecuteEmployeeCommand } from './execute-employee-command';

@ApiTags('promotions')
@Roles('hr')
@Controller('v1/employees/:employeeId/promotions')
export class PromotionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @CommandResponses(true)
  nominate(@Param('employeeId', ClientIdPipe) id: string, @Body() body: NominatePromotionDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    // nominatedOn is the nomination's own date when given; otherwise occurredAt's day, else today.
    const { data, occurredAt } = body.nominatedOn !== undefined ? businessTime(body, { field: 'nominatedOn' }) : businessTime(body);
    const nominatedOn = data.nominatedOn ?? occurredAt?.slice(0, 10) ?? ctx.today;
    const command = new ExecuteEmployeeCommand(id, { type: 'NominateForPromotion', data: { ...data, nominatedOn } }, ctx, occurredAt ?? nominatedOn);
    return this.commands.execute(command);
  }

  @Post(':promotionId/decision')
  @CommandResponses(false)
  decide(
    @Param('employeeId', ClientIdPipe) id: string,
    @Param('promotionId', ClientIdPipe) promotionId: string,
    @Body() body: DecidePromotionDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body, { field: 'effectiveDate' });
    const command = new ExecuteEmployeeCommand(id, { type: 'DecidePromotion', data: { promotionId, ...data } }, ctx, occurredAt);
    return this.commands.execute(command);
  }
}
