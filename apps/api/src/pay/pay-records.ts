import { Injectable } from '@nestjs/common';
import { ReadModels } from '@pm/platform';
import { pay, type PayRecord } from '@pm/projections';
import { ProjectionDocuments } from '../common/projection-documents';

/** Pay documents from the pay projection: one by employee id, or all of them read once per projection position. */
@Injectable()
export class PayRecords extends ProjectionDocuments<PayRecord> {
  constructor(readModels: ReadModels) {
    super(readModels, pay.name);
  }
}
