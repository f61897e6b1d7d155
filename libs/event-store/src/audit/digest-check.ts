import type { AuditFinding } from './audit-finding';
import { InvalidDigest, parseDigestToken, type DigestToken } from './digest-token';
import { digestOfHeads, headsFromList, type HeadState } from './heads-digest';
import { diffHeads } from './heads-diff';
import type { StoreDigest } from './store-digest';

/** A digest kept earlier, checked against the stream heads recomputed up to its position. */
export class DigestCheck {
  private constructor(
    private readonly token: DigestToken,
    /** The recorded heads, when the caller kept them: then a mismatch names the stream. */
    private readonly recorded?: ReadonlyMap<string, HeadState>,
  ) {}

  /** Throws InvalidDigest for a malformed token, or heads that are not the ones the token hashes. */
  static from(digest: string | StoreDigest): DigestCheck {
    if (typeof digest === 'string') return new DigestCheck(parseDigestToken(digest));
    const token = parseDigestToken(digest.digest);
    if (!digest.heads) return new DigestCheck(token);
    const recorded = headsFromList(digest.heads);
    const rehashed = digestOfHeads(token.position, recorded);
    if (recorded.size !== digest.heads.length || rehashed.sha256 !== token.sha256 || rehashed.streams !== token.streams) {
      throw new InvalidDigest('The heads given with the digest are not the ones its token hashes');
    }
    return new DigestCheck(token, recorded);
  }

  get position(): number {
    return this.token.position;
  }

  /** `heads`: every stream's head as of the digest position, recomputed from verified chains. */
  evaluate(heads: ReadonlyMap<string, HeadState>): AuditFinding | undefined {
    const now = digestOfHeads(this.token.position, heads);
    if (now.sha256 === this.token.sha256 && now.streams === this.token.streams) return undefined;
    const named = this.recorded && diffHeads(this.recorded, heads, this.token.position);
    if (named) return named;
    return {
      reason: 'digest-mismatch',
      detail:
        `the stream heads at position ${this.token.position} differ from the digest (${this.token.streams} streams then, ${now.streams} now): ` +
        'a stream was deleted, truncated or rewritten; keep the heads with the digest to learn which',
    };
  }
}
