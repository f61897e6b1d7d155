import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApp, type TestEngine } from './support/app';

describe.each<TestEngine>(['sqlite', 'postgres'])('GET /health on %s', (engine) => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startTestApp(engine);
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 200 without a key and reports the store', async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      info: { eventStore: { status: 'up', engine, headPosition: expect.any(Number) } },
    });
  });
});
