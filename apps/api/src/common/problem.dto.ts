import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiProperty({ example: 'hireDate' }) field!: string;
  @ApiProperty({ example: 'hireDate must be a date YYYY-MM-DD' }) message!: string;
}

/** application/problem+json (RFC 9457). */
export class ProblemDto {
  @ApiProperty({ example: 'https://perf-ledger.dev/problems/rules/promotion-blocked-during-pivot' }) type!: string;
  @ApiProperty({ example: 'A business rule forbids this' }) title!: string;
  @ApiProperty({ example: 409 }) status!: number;
  @ApiProperty() detail!: string;
  @ApiPropertyOptional({ type: [FieldProblemDto] }) errors?: FieldProblemDto[];
  @ApiPropertyOptional({ description: 'The rule, for business-rule refusals', example: 'promotion-blocked-during-pivot' }) rule?: string;
}
