import { Body, Controller, Get, HttpCode, Inject, Param, Put, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { policyDecider, policyStreamId, type Policy } from '@pm/domain';
import { APP_CONFIG, problem, Roles, type AppConfig } from '@pm/platform';
import { CommandResponses, QueryResponses } from '../common/api-responses';
import { ClientIdPipe } from '../common/client-id.pipe';
import { CommandCtx, type CommandContext } from '../common/command-context';
import { answer } from '../common/reply';
import { StreamCommandExecutor } from '../common/stream-command.executor';
import { PolicyDocumentDto, PublishedPolicyDto } from './policy.dto';
import { PolicyRepository } from './policy.repository';

@ApiTags('policies')
@Controller('v1/policies')
export class PoliciesController {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly executor: StreamCommandExecutor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The version in force. Analysts fetch it to change it and replay. */
  @Get(':policyId')
  @Roles('hr', 'compliance', 'analyst', 'admin')
  @QueryResponses(PolicyDocumentDto, [404, 'Unknown policy'])
  async get(@Param('policyId', ClientIdPipe) policyId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Policy> {
    const policy = await this.policies.current(policyId);
    void reply.header('etag', `"${policy.version - 1}"`);
    return policy;
  }

  /** Publishes a new version: the whole document without `version`; rules are checked first. */
  @Put(':policyId')
  @HttpCode(200)
  @Roles('admin')
  @ApiBody({ type: PolicyDocumentDto })
  @ApiOkResponse({ type: PublishedPolicyDto })
  @CommandResponses(false)
  async publish(
    @Param('policyId', ClientIdPipe) policyId: string,
    @Body() document: Record<string, unknown>,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublishedPolicyDto> {
    if (document === null || typeof document !== 'object' || Array.isArray(document)) {
      throw problem(400, 'invalid-input', 'Invalid input', 'The body must be a policy document (a JSON object)');
    }
    if (document.policyId !== undefined && document.policyId !== policyId) {
      throw problem(400, 'invalid-input', 'Invalid input', 'policyId in the body differs from the path', { errors: [{ field: 'policyId', message: `must be ${policyId}` }] });
    }
    const result = await this.executor.execute({
      decider: policyDecider,
      streamId: policyStreamId(policyId),
      command: () => ({ type: 'PublishPolicy' as const, data: { document: { ...document, policyId } } }),
      policyOf: () => undefined,
      occurredAt: new Date().toISOString(),
      status: 200,
      ctx,
      tenantId: this.config.tenantId,
    });
    return { ...answer(reply, result), policyId, version: result.body.revision + 1 };
  }
}
