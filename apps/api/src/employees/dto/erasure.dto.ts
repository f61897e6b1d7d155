import { BusinessTime, Text } from '../../common/validators';

export class ErasePersonalDataDto {
  @Text('Why, e.g. the reference of the erasure request (not personal)', 500, false) reason?: string;
  @BusinessTime() occurredAt?: string;
}
