import { Injectable } from '@nestjs/common';
import { ReadModels } from '@pm/platform';
import { workforce, type WorkforceRecord } from '@pm/projections';
import { ProjectionDocuments } from '../common/projection-documents';

/** Every employee's workforce record, read once per projection position. */
@Injectable()
export class WorkforceRecords extends ProjectionDocuments<WorkforceRecord> {
  constructor(readModels: ReadModels) {
    super(readModels, workforce.name);
  }
}
