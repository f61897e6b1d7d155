import type { CallOptions, Metadata } from '@grpc/grpc-js';
import {
  BACKWARDS,
  END,
  START,
  type AllStreamResolvedEvent,
  type Direction,
  type EventStoreDBClient,
  type ReadPosition,
  type StreamingRead,
} from '@eventstore/db-client';
import { ReadStream } from '@eventstore/db-client/dist/streams/utils/ReadStream';
import { convertGrpcEvent } from '@eventstore/db-client/dist/utils';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadReq } from '@eventstore/db-client/generated/streams_pb';

/**
 * The server filters reads of $all, but client 6.2.1 only offers that for subscriptions: its
 * `readAll` always sends "no filter". This builds the same gRPC read with a stream-name filter,
 * through the two protected client members `readAll` itself uses, so connection handling,
 * credentials and `dispose()` stay the client's. Tied to the pinned client version.
 */
interface ClientInternals {
  GRPCStreamCreator<C, T>(Client: new (...args: never[]) => C, debugName: string, creator: (client: C) => T): () => Promise<T>;
  callArguments(options: object, callOptions: Partial<CallOptions>): [Metadata, Partial<CallOptions>];
}

export interface FilteredReadOptions {
  fromPosition: ReadPosition;
  direction: Direction;
  maxCount?: number;
  /** .NET regular expression over stream names. */
  streamNamePattern: string;
}

export function readAllFiltered(client: EventStoreDBClient, options: FilteredReadOptions): StreamingRead<AllStreamResolvedEvent> {
  const internals = client as unknown as ClientInternals;
  const request = new ReadReq().setOptions(readOptions(options));
  const createStream = internals.GRPCStreamCreator(StreamsClient, 'readAllFiltered', (grpc) =>
    grpc.read(request, ...internals.callArguments({}, { deadline: Infinity })),
  );
  return new ReadStream<AllStreamResolvedEvent>(createStream, convertGrpcEvent, {});
}

function readOptions({ fromPosition, direction, maxCount = Number.MAX_SAFE_INTEGER, streamNamePattern }: FilteredReadOptions): ReadReq.Options {
  const all = new ReadReq.Options.AllOptions();
  if (fromPosition === START) all.setStart(new Empty());
  else if (fromPosition === END) all.setEnd(new Empty());
  else {
    all.setPosition(new ReadReq.Options.Position().setCommitPosition(fromPosition.commit.toString()).setPreparePosition(fromPosition.prepare.toString()));
  }
  const filter = new ReadReq.Options.FilterOptions()
    .setStreamIdentifier(new ReadReq.Options.FilterOptions.Expression().setRegex(streamNamePattern))
    .setCount(new Empty())
    .setCheckpointintervalmultiplier(1);
  return new ReadReq.Options()
    .setAll(all)
    .setReadDirection(direction === BACKWARDS ? ReadReq.Options.ReadDirection.BACKWARDS : ReadReq.Options.ReadDirection.FORWARDS)
    .setResolveLinks(false)
    .setCount(String(maxCount))
    .setUuidOption(new ReadReq.Options.UUIDOption().setString(new Empty()))
    .setFilter(filter);
}
