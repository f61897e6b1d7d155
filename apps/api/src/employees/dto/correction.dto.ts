import { ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsObject, IsOptional, ValidateBy } from 'class-validator';
import { BusinessTime, ClientId, Text } from '../../common/validators';

const MAX_FIELDS = 8;

export class CorrectEventDto {
  @Text("The id of the event to correct, in the employee's own stream", 64) eventId!: string;
  @Text('Why the record was wrong (free text; personal)', 2000) reason!: string;
  @ApiPropertyOptional({ description: 'Retract the event: reads follow the history without it', enum: [true] })
  @IsOptional()
  @Equals(true, { message: 'retract must be true when given' })
  retract?: true;
  @ApiPropertyOptional({
    description:
      'The corrected fields. Hire: level, jobFamily, orgId, managerId, hireDate. Final rating: rating. Separation: effectiveDate, type, regretted, reasonCode. Manager change: toManagerId, effectiveDate. Transfer: toOrgId, toManagerId, effectiveDate. Feedback: kind, sentiment, cycleId. Focus goal update: status. `null` clears an optional field.',
    type: 'object',
    additionalProperties: true,
    example: { rating: 'HV2' },
  })
  @IsOptional()
  @IsObject()
  @ValidateBy({
    name: 'fewFields',
    validator: {
      validate: (v: unknown) => typeof v !== 'object' || v === null || Object.keys(v).length <= MAX_FIELDS,
      defaultMessage: () => `correctedData holds at most ${MAX_FIELDS} fields`,
    },
  })
  correctedData?: Record<string, unknown>;
  @ClientId('Employee id of who approved the correction', false) decidedBy?: string;
  @BusinessTime() occurredAt?: string;
}
