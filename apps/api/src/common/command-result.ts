import { ApiProperty } from '@nestjs/swagger';

export class AppendedEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'EmployeeHired' }) type!: string;
}

/** The answer to every command ; the revision is also sent as the ETag. */
export class CommandResponseDto {
  @ApiProperty({ example: 'employee-e-1001' }) streamId!: string;
  @ApiProperty({ description: 'The stream revision after the command (0-based)', example: 0 }) revision!: number;
  @ApiProperty({ description: 'Global position of the last event appended', example: 42 }) position!: number;
  @ApiProperty({ type: [AppendedEventDto] }) events!: AppendedEventDto[];
}

export const etagOf = (revision: number): string => `"${revision}"`;
