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
];

export class AuditReportDto {
  @ApiProperty({ description: 'true when every chain verified and, with a digest, everything it covered is still there' }) ok!: boolean;
  @ApiProperty({ description: 'Events read and checked (up to and including the first bad one)' }) checkedEvents!: number;
  @ApiProperty({ description: 'Streams seen' }) streams!: number;
  @ApiProperty({ description: 'The last position checked' }) position!: number;
  @ApiPropertyOptional({ description: 'The first (lowest-position) stored event that does not match' }) firstBadPosition?: number;
  @ApiPropertyOptional({ description: 'The stream of that event, or the stream a digest finds changed' }) firstBadStreamId?: string;
  @ApiPropertyOptional({ enum: REASONS }) reason?: AuditReason;
  @ApiPropertyOptional({ description: 'The finding in words' }) detail?: string;
  @ApiPropertyOptional({ description: 'Only with a digest: true when everything it covered is still there, unchanged' }) digestCovered?: boolean;
  @ApiPropertyOptional({ description: `When ok: a digest of the heads at position (${TOKEN_DOC}), to keep` }) digest?: string;
}

export class DigestDto {
  @ApiProperty({ description: 'The global position the digest covers up to' }) position!: number;
  @ApiProperty({ description: 'Streams that had events by then' }) streams!: number;
  @ApiProperty({ description: `The token to keep outside the system: ${TOKEN_DOC}`, pattern: DIGEST_TOKEN_PATTERN.source }) digest!: string;
}
