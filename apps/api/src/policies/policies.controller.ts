import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PolicyBook } from '@pm/commands';
import type { Policy } from '@pm/domain';
import { problem, Roles } from '@pm/platform';
import { CommandResponses, QueryResponses } from '../common/api-responses';
import { ClientIdPipe } from '../common/client-id.pipe';
import { CommandCtx, type CommandContext } from '../common/command-context';
import { RevisionETag } from '../common/etag.interceptor';
import { PolicyDocumentDto, PublishedPolicyDto } from './policy.dto';
import { PublishPolicyCommand } from './publish-policy.command';

@ApiTags('policies')
@Controller('v1/policies')
export class PoliciesController {
  constructor(
    private readonly policies: PolicyBook,
    private readonly commands: CommandBus,
  ) {}

  /** The version in force. Analysts fetch it to change it and replay. */
  @Get(':policyId')
  @Roles('hr', 'compliance', 'analyst', 'admin')
  @QueryResponses(PolicyDocumentDto, [404, 'Unknown policy'])
  @RevisionETag((policy: Policy) => policy.version - 1)
  get(@Param('policyId', ClientIdPipe) policyId: string): Promise<Policy> {
    return this.policies.current(policyId);
  }

  /** Publishes a new version: the whole document without `version`; rules are checked first. */
  @Put(':policyId')
  @Roles('admin')
  @ApiBody({ type: PolicyDocumentDto })
  @ApiOkResponse({ type: PublishedPolicyDto })
  @CommandResponses(false)
  async publish(
    @Param('policyId', ClientIdPipe) policyId: string,
    @Body() document: Record<string, unknown>,
    @CommandCtx() ctx: CommandContext,
  ): Promise<PublishedPolicyDto> {
    if (document === null || typeof document !== 'object' || Array.isArray(document)) {
      throw problem(400, 'invalid-input', 'Invalid input', 'The body must be a policy document (a JSON object)');
    }
    if (document.policyId !== undefined && document.policyId !== policyId) {
      throw problem(400, 'invalid-input', 'Invalid input', 'policyId in the body differs from the path', {
        errors: [{ field: 'policyId', message: `must be ${policyId}` }],
      });
    }
    const outcome = await this.commands.execute(new PublishPolicyCommand(policyId, document, ctx, new Date().toISOString()));
    return { ...outcome, policyId, version: outcome.revision + 1 };
  }
}
