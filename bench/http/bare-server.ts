// The baseline of the HTTP bench: bare Fastify routes on the same paths as the API that read the
// target stream's head and append the event the API would append, to the same SqliteEventStore
// with the same synchronous setting. No Nest, no validation, no auth, no logging, no folding of
// history: what is left is HTTP parsing, JSON, and the store append.
// Run (the bench spawns it): PORT=... DATA_DIR=... SQLITE_SYNCHRONOUS=NORMAL node -r @swc-node/register bench/http/bare-server.ts
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Fastify, { type FastifyReply } from 'fastify';
import { SqliteEventStore, StreamNotFound, WrongExpectedRevision, type AppendResult, type ExpectedRevision, type NewEvent } from '@pm/event-store';

const ACTOR = { id: 'hr:bench', role: 'hr' };
const TENANT = 'default';
const POLICY = 'default@1';

type Body = Record<string, unknown>;

const store = new SqliteEventStore({
  path: join(process.env.DATA_DIR ?? '.', 'events.db'),
  synchronous: process.env.SQLITE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL',
});

/** The stream's last revision, -1 when it has none: the head row only, no events read. */
async function head(streamId: string): Promise<number> {
  try {
    return (await store.readStream(streamId, { fromRevision: Number.MAX_SAFE_INTEGER })).revision;
  } catch (error) {
    if (error instanceof StreamNotFound) return -1;
    throw error;
  }
}

function event(type: string, data: Body, occurredAt: string, correlationId: string): NewEvent {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: ACTOR, occurredAt, correlationId, causationId: randomUUID(), policyVersion: POLICY, tenantId: TENANT },
  };
}

async function append(reply: FastifyReply, status: 200 | 201, streamId: string, e: NewEvent, expectedRevision: ExpectedRevision) {
  let appended: AppendResult;
  try {
    appended = await store.append(streamId, [e], { expectedRevision });
  } catch (error) {
    if (error instanceof WrongExpectedRevision) return reply.status(409).send({ status: 409, detail: error.message });
    throw error;
  }
  void reply.status(status).header('etag', `"${appended.revision}"`);
  return { streamId, revision: appended.revision, position: appended.position, events: appended.events.map(({ id, type }) => ({ id, type })) };
}

const notFound = (reply: FastifyReply, streamId: string) => reply.status(404).send({ status: 404, detail: `No stream ${streamId}` });
const instant = (date: string) => `${date}T00:00:00.000Z`;

const app = Fastify({ logger: false });

app.get('/health', () => ({ status: 'ok' }));

app.post<{ Body: Body }>('/v1/employees', async (request, reply) => {
  const streamId = `employee-${String(request.body.employeeId)}`;
  if ((await head(streamId)) >= 0) return reply.status(409).send({ status: 409, detail: `${streamId} exists` });
  return append(reply, 201, streamId, event('EmployeeHired', { ...request.body }, instant(String(request.body.hireDate)), request.id), 'no_stream');
});

app.post<{ Body: Body; Params: { employeeId: string } }>('/v1/employees/:employeeId/feedback', async (request, reply) => {
  const { employeeId } = request.params;
  const streamId = `employee-${employeeId}`;
  const revision = await head(streamId);
  if (revision < 0) return notFound(reply, streamId);
  return append(reply, 200, streamId, event('FeedbackRecorded', { employeeId, ...request.body }, new Date().toISOString(), request.id), revision);
});

app.post<{ Body: Body }>('/v1/review-cycles', async (request, reply) => {
  const { policyId: _policyId, ...data } = request.body;
  const streamId = `review-cycle-${String(data.cycleId)}`;
  if ((await head(streamId)) >= 0) return reply.status(409).send({ status: 409, detail: `${streamId} exists` });
  return append(reply, 201, streamId, event('ReviewCycleOpened', { ...data, policy: POLICY }, new Date().toISOString(), request.id), 'no_stream');
});

app.post<{ Body: Body; Params: { cycleId: string } }>('/v1/review-cycles/:cycleId/ratings', async (request, reply) => {
  const { cycleId } = request.params;
  const streamId = `review-cycle-${cycleId}`;
  const revision = await head(streamId);
  if (revision < 0) return notFound(reply, streamId);
  return append(reply, 200, streamId, event('RatingProposed', { cycleId, ...request.body }, new Date().toISOString(), request.id), revision);
});

async function shutdown(): Promise<void> {
  await app.close();
  await store.close();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());

app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' }).then(
  (address) => console.log(`bare fastify listening on ${address}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
