// Checks a per-employee proof (GET /v1/employees/{id}/proof) offline, with nothing but the public
// key and Node's own crypto: node scripts/verify-proof.mjs proof.json public.pem
// The steps are the ones docs/api-guide.md describes by hand; exit code 1 names the first failure.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const proof = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const key = createPublicKey(readFileSync(process.argv[3], 'utf8'));
const ZEROS = '0'.repeat(64);

const sha256 = (...parts) => parts.reduce((hash, part) => hash.update(part), createHash('sha256')).digest();
const leafHash = (text) => sha256(Buffer.from([0]), Buffer.from(text, 'utf8'));
const nodeHash = (left, right) => sha256(Buffer.from([1]), left, right);
const eventHash = (prevHash, e) =>
  sha256([prevHash, e.streamId, e.revision, e.id, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata)].join('\n')).toString('hex');

/** The root an inclusion path leads to from a leaf hash (RFC 9162 §2.1.3.2). */
function rootOf(leaf, { leafIndex, treeSize, path }) {
  let [fn, sn, r] = [leafIndex, treeSize - 1, leaf];
  for (const sibling of path.map((hex) => Buffer.from(hex, 'hex'))) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(sibling, r);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else {
      r = nodeHash(r, sibling);
    }
    [fn, sn] = [fn >> 1, sn >> 1];
  }
  return sn === 0 ? r.toString('hex') : undefined;
}

function check(ok, what) {
  if (ok) return;
  console.error(`NOT VERIFIED: ${what}`);
  process.exit(1);
}

const c = proof.checkpoint;
const text =
  `pm-audit-checkpoint v1\nposition:${c.position}\nevents:${c.events}\nstreams:${c.streams}\ndigest:${c.digest}\n` +
  `heads-root:${c.headsRoot}\nevents-root:${c.eventsRoot}\ncreated-at:${c.createdAt}\nkey-id:${c.keyId}\n`;
check(verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(c.signature, 'base64')), 'the checkpoint signature');

let prevHash = ZEROS;
proof.stream.events.forEach((e, i) => {
  check(
    e.streamId === proof.stream.streamId && e.revision === i && e.position <= c.position,
    `${e.streamId} revision ${i}: not in order or after the checkpoint`,
  );
  check(eventHash(prevHash, e) === e.hash, `${e.streamId} revision ${i}: the chain breaks`);
  prevHash = e.hash;
});
const head = proof.stream.events.at(-1);
const headRoot = rootOf(leafHash(`${head.streamId}:${head.revision}:${head.hash}`), proof.stream.head);
check(proof.stream.head.treeSize === c.streams && headRoot === c.headsRoot, `${head.streamId} revision ${head.revision} is not the head the checkpoint signs`);

for (const { event: e, prevHash: before, inclusion } of proof.related) {
  check(e.position <= c.position && (e.revision > 0 || before === ZEROS) && eventHash(before, e) === e.hash, `${e.streamId} revision ${e.revision}: its hash`);
  const eventRoot = rootOf(leafHash(`${e.position}:${e.streamId}:${e.revision}:${e.hash}`), inclusion);
  check(inclusion.treeSize === c.events && eventRoot === c.eventsRoot, `${e.streamId} revision ${e.revision} is not in the events the checkpoint signs`);
}

console.log(
  `verified: ${proof.stream.events.length + proof.related.length} events of ${proof.employeeId}, checkpoint at position ${c.position} of ${c.createdAt}, key ${c.keyId}`,
);
