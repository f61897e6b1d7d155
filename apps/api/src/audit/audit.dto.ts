import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, ValidateBy } from 'class-validator';
import { DIGEST_TOKEN_PATTERN, isDigestToken, type AuditReason } from '@pm/event-store';

const TOKEN_DOC = 'v1.<position>.<streams>.<sha256hex>, as GET /v1/audit/digest answered it';

export class VerifyQueryDto {
  @ApiPropertyOptional({ description: `A digest kept earlier (${TOKEN_DOC}): also proves nothing it covered is gone`, pattern: DIGEST_TOKEN_PATTERN.source })
  @IsOptional()
  @IsString()
  @ValidateBy({ name: 'isDigestToken', validator: { validate: isDigestToken, defaultMessage: () => `digest must be a digest token ${TOKEN_DOC}` } })
  digest?: string;
}

const REASONS: AuditReason[] = [
  'hash-mismatch',
  'revision-gap',
  'revision-duplicate',
  'revision-out-of-order',
  'position-not-increasing',
  'digest-mismatch',
  'stream-missing',
  'stream-truncated',
  'stream-changed',
  'stream-unexpected',
  'checkpoint-mismatch',
  'checkpoint-rejected',
];

export class VerifiedCheckpointDto {
  @ApiProperty({ description: 'Byte offset of its line in the checkpoint log' }) offset!: number;
  @ApiProperty() position!: number;
  @ApiProperty() events!: number;
  @ApiProperty() streams!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() keyId!: string;
  @ApiProperty({ description: 'Its signature verified with the service’s public key (only such a line is trusted)' }) signatureValid!: boolean;
}

export class RejectedCheckpointDto {
  @ApiProperty({ description: 'Byte offset of the line in the checkpoint log' }) offset!: number;
  @ApiProperty({ enum: ['malformed', 'unknown-key', 'bad-signature'] }) reason!: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ description: 'What the line claims' }) position?: number;
  @ApiPropertyOptional() createdAt?: string;
  @ApiPropertyOptional() keyId?: string;
}

export class AuditReportDto {
  @ApiProperty({
    description:
      'true when every chain verified, the store matches the latest signed checkpoint, the newest line of the checkpoint log is a valid one, and, with a digest, everything it covered is still there',
  })
  ok!: boolean;
  @ApiProperty({ description: 'Events read and checked (up to and including the first bad one)' }) checkedEvents!: number;
  @ApiProperty({ description: 'Streams seen' }) streams!: number;
  @ApiProperty({ description: 'The last position checked' }) position!: number;
  @ApiPropertyOptional({ description: 'The first (lowest-position) stored event that does not match' }) firstBadPosition?: number;
  @ApiPropertyOptional({ description: 'The stream of that event, or the stream a digest or checkpoint finds changed' }) firstBadStreamId?: string;
  @ApiPropertyOptional({ description: 'Against the checkpoint: the revision where the stream parts from the signed head' }) firstBadRevision?: number;
  @ApiPropertyOptional({ description: 'Against the checkpoint: the hash it signs at that revision' }) expectedHash?: string;
  @ApiPropertyOptional({ description: 'Against the checkpoint: the hash stored at that revision (absent when there is none)' }) foundHash?: string;
  @ApiPropertyOptional({ enum: REASONS }) reason?: AuditReason;
  @ApiPropertyOptional({ description: 'The finding in words' }) detail?: string;
  @ApiPropertyOptional({ description: 'Only with a digest: true when everything it covered is still there, unchanged' }) digestCovered?: boolean;
  @ApiPropertyOptional({ description: 'Only with a signed checkpoint: true when the store up to its position is exactly what it signs' })
  checkpointCovered?: boolean;
  @ApiPropertyOptional({ type: VerifiedCheckpointDto, description: 'The latest signed checkpoint of the log, which the store was checked against' })
  checkpoint?: VerifiedCheckpointDto;
  @ApiPropertyOptional({ type: [RejectedCheckpointDto], description: 'Lines of the checkpoint log that are not this service’s checkpoints (the latest 20)' })
  rejectedCheckpoints?: RejectedCheckpointDto[];
  @ApiPropertyOptional({ description: `When ok: a digest of the heads at position (${TOKEN_DOC}), to keep` }) digest?: string;
}

export class DigestDto {
  @ApiProperty({ description: 'The global position the digest covers up to' }) position!: number;
  @ApiProperty({ description: 'Streams that had events by then' }) streams!: number;
  @ApiProperty({ description: `The token to keep outside the system: ${TOKEN_DOC}`, pattern: DIGEST_TOKEN_PATTERN.source }) digest!: string;
}
