import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { digestAt, EVENT_STORE, type EventStore, type SignedCheckpoint } from '@pm/event-store';
import { problem, Public, Roles } from '@pm/platform';
import { QueryResponses } from '../common/api-responses';
import { HeavyJob } from '../common/heavy-job';
import { AuditCheckpoints, CheckpointRefused, rejectedLine } from './audit-checkpoints';
import { AuditReportDto, DigestDto, VerifyQueryDto } from './audit.dto';
import { CheckpointDto, CheckpointEntryDto, CheckpointListDto, CheckpointListQueryDto, PublicKeyDto } from './checkpoint.dto';

@ApiTags('compliance')
@Controller('v1/audit')
@Roles('compliance', 'admin')
export class AuditController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly checkpoints: AuditCheckpoints,
  ) {}

  /**
   * Recomputes every stream's hash chain from the stored events and checks the store against the
   * latest signed checkpoint of the log (naming the first stream that parts from it); with a digest
   * kept earlier, also proves nothing it covered was deleted, truncated or rewritten. Reads the whole store.
   */
  @Get('verify')
  @HeavyJob()
  @QueryResponses(AuditReportDto)
  verify(@Query() query: VerifyQueryDto): Promise<AuditReportDto> {
    return this.checkpoints.verify(query.digest);
  }

  /**
   * The key checkpoints are signed with. Public: a public key is no secret, and verifiers outside
   * the service (auditors, monitors) need it without an API key. Pin it out of band (its keyId):
   * whoever could tamper with the service could also serve another key here.
   */
  @Get('public-key')
  @Public()
  @ApiResponse({ status: 200, type: PublicKeyDto })
  publicKey(): PublicKeyDto {
    return { algorithm: 'Ed25519', publicKey: this.checkpoints.key.publicKeyPem, keyId: this.checkpoints.key.keyId };
  }

  /** Signs a checkpoint over the verified store now and appends it to the log; refused (409) when the store does not verify. */
  @Post('checkpoints')
  @HeavyJob()
  @HttpCode(201)
  @ApiResponse({ status: 201, type: CheckpointDto })
  @QueryResponses(CheckpointDto, [409, 'The store does not verify against the latest checkpoint: nothing is signed'])
  async takeCheckpoint(): Promise<SignedCheckpoint> {
    try {
      return await this.checkpoints.take();
    } catch (error) {
      if (!(error instanceof CheckpointRefused)) throw error;
      throw problem(409, 'store-not-verified', 'The store does not verify', error.message, { report: error.report });
    }
  }

  /** The latest lines of the checkpoint log, newest first, each with whether its signature is this service's. */
  @Get('checkpoints')
  @QueryResponses(CheckpointListDto)
  async listCheckpoints(@Query() query: CheckpointListQueryDto): Promise<CheckpointListDto> {
    const { entries } = await this.checkpoints.read();
    const latest = entries.slice(-query.limit).reverse();
    return {
      checkpoints: latest.map((entry): CheckpointEntryDto => {
        if (entry.signatureValid && entry.checkpoint) return { offset: entry.offset, signatureValid: true, ...entry.checkpoint };
        const { offset, reason, detail } = rejectedLine(entry);
        return { offset, signatureValid: false, rejected: reason, ...(detail ? { detail } : {}), ...(entry.checkpoint ?? {}) };
      }),
    };
  }

  /** A digest over every stream head at the current position, for the caller to keep outside the system. */
  @Get('digest')
  @QueryResponses(DigestDto)
  async digest(): Promise<DigestDto> {
    const { position, streams, digest } = await digestAt(this.store);
    return { position, streams, digest };
  }
}
