import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Response } from 'supertest';
import { EVENT_STORE, type EventEnvelope, type EventStore } from '@pm/event-store';
import { as } from './http';

export interface ExpectedProblem {
  status: number;
  /** The rule a 409 names: `type` must end in `/rules/<rule>`. */
  rule?: string;
  /** The problem type's last segment, e.g. `invalid-input` or `precondition-failed`. */
  type?: string;
  /** Every field `errors[]` must name (others may be named too). */
  fields?: string[];
}

/** The global position of the last event the store holds. */
export function headPosition(app: NestFastifyApplication): Promise<number> {
  return app.get<EventStore>(EVENT_STORE).headPosition();
}

/** The fields an application/problem+json answer names in `errors[]`. */
export function fieldsOf(response: Response): string[] {
  return ((response.body as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
}

/** Asserts an application/problem+json answer with the given status, rule, type and fields. */
export function expectProblem(response: Response, expected: ExpectedProblem): void {
  expect({ status: response.status, body: response.body as unknown }).toMatchObject({ status: expected.status });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: expected.status, detail: expect.any(String) });
  const type = (response.body as { type: string }).type;
  if (expected.rule) expect(type).toMatch(new RegExp(`/rules/${expected.rule.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  if (expected.type) expect(type).toMatch(new RegExp(`/${expected.type}$`));
  if (expected.fields) expect(fieldsOf(response)).toEqual(expect.arrayContaining(expected.fields));
}

/**
 * Sends a request that must be refused: asserts the problem answer and that the store's head did
 * not move (nothing was appended).
 */
export async function expectRefused(app: NestFastifyApplication, send: () => PromiseLike<Response>, expected: ExpectedProblem): Promise<Response> {
  const before = await headPosition(app);
  const response = await send();
  expectProblem(response, expected);
  expect(await headPosition(app)).toBe(before);
  return response;
}

/** Envelopes after a global position, read through the feed as hr. */
export async function eventsAfter(app: NestFastifyApplication, after: number): Promise<EventEnvelope[]> {
  const response = await as(app, 'hr').get(`/v1/events?after=${after}&limit=1000`).expect(200);
  return (response.body as { events: EventEnvelope[] }).events;
}

/** Every envelope of one stream, read through the feed. */
export async function streamEvents(app: NestFastifyApplication, streamId: string): Promise<EventEnvelope[]> {
  return (await eventsAfter(app, 0)).filter((e) => e.streamId === streamId);
}

export const typesOf = (response: Response): string[] => ((response.body as { events: { type: string }[] }).events ?? []).map((e) => e.type);
