import type { FastifyReply } from 'fastify';
import { etagOf, type CommandResult, type CommandResponseDto } from './command-result';

/** Sends a command's answer with its status and the stream revision as ETag. */
export function answer(reply: FastifyReply, result: CommandResult): CommandResponseDto {
  void reply.status(result.status).header('etag', etagOf(result.body.revision));
  return result.body;
}
