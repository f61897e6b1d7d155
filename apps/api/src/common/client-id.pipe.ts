import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { problem } from '@pm/platform';
import { CLIENT_ID } from './validators';

/** Path ids follow the same pattern as ids in bodies. */
@Injectable()
export class ClientIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && CLIENT_ID.test(value)) return value;
    const field = metadata.data ?? 'id';
    throw problem(400, 'invalid-input', 'Invalid input', `${field} must match ^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`, {
      errors: [{ field, message: 'must match ^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' }],
    });
  }
}
