/**
 * A digest token, the compact string a caller keeps outside the system:
 *
 *   v1.<position>.<streams>.<sha256hex>
 *
 * `position`: the global position the digest was taken at (every event at or before it is covered);
 * `streams`: how many streams had events by then; `sha256hex`: SHA-256 (64 lowercase hex digits)
 * of the stream heads at that position, as `digestText` in heads-digest.ts writes them.
 * Numbers are decimal without leading zeros. Example: `v1.1042.37.9f86d0…` (64 hex digits).
 */
export interface DigestToken {
  position: number;
  streams: number;
  sha256: string;
}

export const DIGEST_TOKEN_PATTERN = /^v1\.(0|[1-9][0-9]{0,15})\.(0|[1-9][0-9]{0,15})\.([0-9a-f]{64})$/;

/** A digest token or heads list the caller handed in that cannot be what a digest wrote. */
export class InvalidDigest extends Error {
  readonly code = 'invalid-digest';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidDigest';
  }
}

export function formatDigestToken(token: DigestToken): string {
  return `v1.${token.position}.${token.streams}.${token.sha256}`;
}

export function parseDigestToken(text: string): DigestToken {
  const match = DIGEST_TOKEN_PATTERN.exec(text);
  const position = Number(match?.[1]);
  const streams = Number(match?.[2]);
  if (!match || !Number.isSafeInteger(position) || !Number.isSafeInteger(streams)) {
    throw new InvalidDigest('A digest token looks like v1.<position>.<streams>.<64 lowercase hex digits>');
  }
  return { position, streams, sha256: match[3] };
}

export function isDigestToken(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  try {
    parseDigestToken(text);
    return true;
  } catch {
    return false;
  }
}
