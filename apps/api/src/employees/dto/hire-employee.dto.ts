import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional } from 'class-validator';
import { BusinessDate, BusinessTime, ClientId, IsStringMap, Text } from '../../common/validators';

export class HireEmployeeDto {
  @ClientId('The HR platform id of the employee') employeeId!: string;
  @Text('Full name (personal; stored encrypted)', 200) name!: string;
  @Text('Work e-mail (personal; stored encrypted)', 254)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email!: string;
  @Text('Job level, e.g. L5', 32) level!: string;
  @Text('Job family, e.g. SDE', 64) jobFamily!: string;
  @ClientId('Org the employee joins') orgId!: string;
  @ClientId('Line manager', false) managerId?: string;
  @BusinessDate('First day of employment') hireDate!: string;
  @Text('Work location', 100, false) location?: string;

  @ApiPropertyOptional({
    description: 'Group attributes for adverse-impact analysis (personal; stored encrypted), e.g. {"gender":"f","ageBand":"30-39"}',
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsOptional()
  @IsStringMap()
  attributes?: Record<string, string>;
  @BusinessTime() occurredAt?: string;
}
