import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

export class TimelineQueryDto {
  @ApiPropertyOptional({
    description: 'As known at this instant: only events recorded by then (recordedAt). A bare date means the end of that day, UTC.',
    example: '2026-03-01T12:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  asOf?: string;

  @ApiPropertyOptional({
    description: 'As true on this date: only events that had happened by then (occurredAt). A bare date means the end of that day, UTC.',
    example: '2026-03-01',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  effectiveAt?: string;
}

export class ActorDto {
  @ApiProperty() id!: string;
  @ApiProperty() role!: string;
}

export class TimelineEntryDto {
  @ApiProperty({ description: 'Global position: entries are in this order' }) position!: number;
  @ApiProperty({ example: 'FocusEntered' }) type!: string;
  @ApiProperty({ format: 'date-time', description: 'Business time' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When the service recorded it' }) recordedAt!: string;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiProperty({ example: 'Entered Focus from 2026-01-10 to 2026-03-10 with 3 goals' }) summary!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event data; personal fields read "[erased]" after an erasure' }) data!: unknown;
  @ApiProperty() eventId!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty() revision!: number;
  @ApiPropertyOptional() policyVersion?: string;
}

export class TimelineDto {
  @ApiProperty() employeeId!: string;
  @ApiPropertyOptional({ format: 'date-time' }) asOf?: string;
  @ApiPropertyOptional({ format: 'date-time' }) effectiveAt?: string;
  @ApiProperty({ type: [TimelineEntryDto] }) entries!: TimelineEntryDto[];
}
