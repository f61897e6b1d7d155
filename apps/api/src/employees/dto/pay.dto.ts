import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { EQUITY_GRANT_KINDS, PAY_CHANGE_REASONS, type EquityGrantKind, type PayChangeReason } from '@pm/domain';
import { BusinessDate, BusinessTime, ClientId } from '../../common/validators';

const CURRENCY = /^[A-Z]{3}$/;

/** Whole minor units (cents): money is never a floating-point number. */
function MinorUnits(description: string, min: number): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description, type: 'integer', minimum: min, maximum: Number.MAX_SAFE_INTEGER, example: 15_000_000 }),
    IsInt({ message: '$property must be a whole number of minor units (cents)' }),
    Min(min),
    Max(Number.MAX_SAFE_INTEGER),
  );
}

function Currency(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description: 'ISO 4217 code', pattern: CURRENCY.source, example: 'USD' }),
    IsString(),
    Matches(CURRENCY, { message: '$property must be an ISO 4217 code such as USD' }),
  );
}

export class MoneyDto {
  @MinorUnits('Amount in minor units (cents), a whole number >= 0', 0) amount!: number;
  @Currency() currency!: string;
}

export class ChangePayDto {
  @BusinessDate('From when the new base applies; judged against the band of the job held that day') effectiveDate!: string;
  @ApiProperty({ type: MoneyDto, description: 'Annual base salary' })
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  baseSalary!: MoneyDto;
  @ApiProperty({ enum: PAY_CHANGE_REASONS })
  @IsIn(PAY_CHANGE_REASONS)
  reason!: PayChangeReason;
  @BusinessTime() occurredAt?: string;
}

export class InstalmentDto {
  @BusinessDate('When this instalment is paid; on or after grantDate') payDate!: string;
  @MinorUnits('Amount in minor units of the sign-on currency, > 0', 1) amount!: number;
}

export class ClawbackDto {
  @ApiProperty({ description: 'A voluntary exit within this many months of an instalment owes part of it back', minimum: 1, maximum: 120 })
  @IsInt()
  @Min(1)
  @Max(120)
  months!: number;
}

export class GrantSignOnDto {
  @BusinessDate('When the sign-on bonus was granted') grantDate!: string;
  @Currency() currency!: string;
  @ApiProperty({ type: [InstalmentDto], minItems: 1, maxItems: 8 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @ValidateNested({ each: true })
  @Type(() => InstalmentDto)
  instalments!: InstalmentDto[];
  @ApiPropertyOptional({ type: ClawbackDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ClawbackDto)
  clawback?: ClawbackDto;
  @BusinessTime() occurredAt?: string;
}

export class VestingStepDto {
  @ApiProperty({ description: 'Months after the grant date', minimum: 0, maximum: 600 })
  @IsInt()
  @Min(0)
  @Max(600)
  monthsAfterGrant!: number;
  @ApiProperty({ description: 'Share of the units vesting then', minimum: 0, maximum: 1 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  share!: number;
}

export class GrantEquityDto {
  @ClientId('Grant id, unique per employee (409 equity-grant-exists otherwise)') grantId!: string;
  @ApiProperty({ enum: EQUITY_GRANT_KINDS })
  @IsIn(EQUITY_GRANT_KINDS)
  kind!: EquityGrantKind;
  @BusinessDate('When the units were granted') grantDate!: string;
  @ApiProperty({ description: 'Units granted, a whole number > 0', minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  units!: number;
  @ApiProperty({ type: MoneyDto, description: 'Value of one unit at grant' })
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  unitValue!: MoneyDto;
  @ApiPropertyOptional({
    type: [VestingStepDto],
    maxItems: 120,
    description: "Absent: the policy's compensation.vesting. Shares must add up to 1; months rising",
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(120)
  @ValidateNested({ each: true })
  @Type(() => VestingStepDto)
  vesting?: VestingStepDto[];
  @BusinessTime() occurredAt?: string;
}
