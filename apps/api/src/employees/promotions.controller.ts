import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@pm/platform';
import { CommandResponses } from '../common/api-responses';
import { ClientIdPipe } from '../common/client-id.pipe';
import { CommandCtx, type CommandContext } from '../common/command-context';
import type { CommandResponseDto } from '../common/command-result';
import { answer } from '../common/reply';
import { DecidePromotionDto, NominatePromotionDto } from './dto/appeal-and-promotion.dto';
import { ExecuteEmployeeCommand } from './execute-employee-command';

@ApiTags('promotions')
@Roles('hr')
@Controller('v1/employees/:employeeId/promotions')
export class PromotionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @CommandResponses(true)
  async nominate(@Param('employeeId', ClientIdPipe) id: string, @Body() body: NominatePromotionDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandResponseDto> {
    const nominatedOn = body.nominatedOn ?? ctx.today;
    const command = new ExecuteEmployeeCommand(id, { type: 'NominateForPromotion', data: { ...body, nominatedOn } }, ctx, nominatedOn, 201);
    return answer(reply, await this.commands.execute(command));
  }

  @Post(':promotionId/decision')
  @HttpCode(200)
  @CommandResponses(false)
  async decide(
    @Param('employeeId', ClientIdPipe) id: string,
    @Param('promotionId', ClientIdPipe) promotionId: string,
    @Body() body: DecidePromotionDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponseDto> {
    const command = new ExecuteEmployeeCommand(id, { type: 'DecidePromotion', data: { promotionId, ...body } }, ctx, body.effectiveDate);
    return answer(reply, await this.commands.execute(command));
  }
}
