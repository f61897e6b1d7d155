import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { DIGEST_TOKEN_PATTERN } from '@pm/event-store';

const HEX64 = { pattern: '^[0-9a-f]{64}$' };

export class PublicKeyDto {
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: 'Ed25519';
  @ApiProperty({
    description: 'The public key as PEM (SubjectPublicKeyInfo)',
    example: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA…\n-----END PUBLIC KEY-----\n',
  })
  publicKey!: string;
  @ApiProperty({ description: 'First 16 hex digits of SHA-256 over the key’s SPKI DER; every checkpoint names it', pattern: '^[0-9a-f]{16}$' })
  keyId!: string;
}

export class CheckpointDto {
  @ApiProperty({ enum: [1] }) version!: 1;
  @ApiProperty({ description: 'Every event at or before this global position is covered' }) position!: number;
  @ApiProperty({ description: 'Events at or before position' }) events!: number;
  @ApiProperty({ description: 'Streams with events by then' }) streams!: number;
  @ApiProperty({ description: 'The digest token of the heads at position (usable as verify?digest=)', pattern: DIGEST_TOKEN_PATTERN.source }) digest!: string;
  @ApiProperty({ description: 'Merkle root (RFC 6962) over the stream heads sorted by stream id', ...HEX64 }) headsRoot!: string;
  @ApiProperty({ description: 'Merkle root (RFC 6962) over every event in global order', ...HEX64 }) eventsRoot!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ pattern: '^[0-9a-f]{16}$' }) keyId!: string;
  @ApiProperty({ description: 'Ed25519 signature (base64) over the checkpoint text (see the API guide)' }) signature!: string;
}

export class CheckpointEntryDto {
  @ApiProperty({ description: 'Byte offset of the line in the log' }) offset!: number;
  @ApiProperty({ description: 'Whether the line is a checkpoint signed by this service’s key' }) signatureValid!: boolean;
  @ApiPropertyOptional({ enum: ['malformed', 'unknown-key', 'bad-signature'] }) rejected?: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional() version?: 1;
  @ApiPropertyOptional() position?: number;
  @ApiPropertyOptional() events?: number;
  @ApiPropertyOptional() streams?: number;
  @ApiPropertyOptional() digest?: string;
  @ApiPropertyOptional() headsRoot?: string;
  @ApiPropertyOptional() eventsRoot?: string;
  @ApiPropertyOptional({ format: 'date-time' }) createdAt?: string;
  @ApiPropertyOptional() keyId?: string;
  @ApiPropertyOptional() signature?: string;
}

export class CheckpointListDto {
  @ApiProperty({ type: [CheckpointEntryDto], description: 'The latest lines of the log, newest first' }) checkpoints!: CheckpointEntryDto[];
}

export class CheckpointListQueryDto {
  @ApiPropertyOptional({ description: 'At most this many lines, newest first', default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
}

export class ProofQueryDto {
  @ApiPropertyOptional({
    description: 'The latest checkpoint signed at or before this instant (a bare date: the end of that day, UTC); default the latest',
    example: '2026-03-01T12:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  asOf?: string;
}

export class InclusionProofDto {
  @ApiProperty() leafIndex!: number;
  @ApiProperty() treeSize!: number;
  @ApiProperty({ type: [String], description: 'Sibling hashes (hex) from the leaf up to the root' }) path!: string[];
}

export class ProofStreamDto {
  @ApiProperty({ example: 'employee-e-1001' }) streamId!: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Every stored envelope of the stream from revision 0 to its head at the checkpoint, unchanged',
  })
  events!: unknown[];
  @ApiProperty({ type: InclusionProofDto, description: 'The head’s path in the heads tree (leaf <streamId>:<revision>:<hash>)' }) head!: InclusionProofDto;
}

export class RelatedEventProofDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The stored envelope, unchanged' }) event!: unknown;
  @ApiProperty({ description: 'Hash of the event before it in its stream (64 zeros for revision 0)' }) prevHash!: string;
  @ApiProperty({ type: InclusionProofDto, description: 'The event’s path in the events tree (leaf <position>:<streamId>:<revision>:<hash>)' })
  inclusion!: InclusionProofDto;
}

export class EmployeeProofDto {
  @ApiProperty({ enum: ['pm-employee-proof v1'] }) format!: 'pm-employee-proof v1';
  @ApiProperty() employeeId!: string;
  @ApiProperty({ type: CheckpointDto }) checkpoint!: CheckpointDto;
  @ApiProperty({ type: ProofStreamDto }) stream!: ProofStreamDto;
  @ApiProperty({ type: [RelatedEventProofDto], description: 'The person’s events in other streams (review cycles)' }) related!: RelatedEventProofDto[];
}
