import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsISO8601, Matches } from 'class-validator';
import { BusinessDate, BusinessTime, CLIENT_ID, ClientId, Text } from '../../common/validators';

function Panel(): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ type: [String], description: 'Employee ids of the panel', minItems: 1, maxItems: 20 })(target, key);
    IsArray()(target, key);
    ArrayMinSize(1)(target, key);
    ArrayMaxSize(20)(target, key);
    Matches(CLIENT_ID, { each: true, message: 'each panel member must be an employee id' })(target, key);
  };
}

export class DecideAppealDto {
  @ApiProperty({ enum: ['upheld', 'overturned'], description: 'upheld: the appeal is lost and the employee separated; overturned: the Pivot ends' })
  @IsIn(['upheld', 'overturned'])
  outcome!: 'upheld' | 'overturned';
  @Panel() panel!: string[];
  @ApiProperty({ description: 'When the panel decided (ISO-8601 instant or date)', example: '2026-05-04T15:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'decidedAt must be an ISO-8601 date or instant' })
  decidedAt!: string;
  @BusinessTime() occurredAt?: string;
}

export class ClosePivotDto {
  @ApiProperty({ enum: ['passed', 'failed'] })
  @IsIn(['passed', 'failed'])
  outcome!: 'passed' | 'failed';
  @BusinessDate('When the plan was judged') effectiveDate!: string;
  @ClientId('Employee id of who judged the plan', false) decidedBy?: string;
  @BusinessTime() occurredAt?: string;
}

export class NominatePromotionDto {
  @ClientId('Promotion id') promotionId!: string;
  @Text('Target level', 32) toLevel!: string;
  @ClientId('Who nominates') nominatedBy!: string;
  @Text('The promotion document (free text; personal)', 50_000, false) document?: string;
  @BusinessDate('When nominated; defaults to today', false) nominatedOn?: string;
  @BusinessTime() occurredAt?: string;
}

export class DecidePromotionDto {
  @ApiProperty()
  @IsBoolean()
  approved!: boolean;
  @Panel() panel!: string[];
  @BusinessDate('When the decision takes effect') effectiveDate!: string;
  @BusinessTime() occurredAt?: string;
}
