/** Small typed reads on top of the project's DER reader (probe/der-reader.ts): integers, octet strings, sequences. */
import { DER_TAG, DerError, isUniversal, readDerChildren, readDerNode, readOid, type DerNode } from '../probe/der-reader'

/** Reads the TLV at `offset` and requires it to be a SEQUENCE; returns its children. */
export function readSequenceAt(bytes: Uint8Array, offset: number, limit: number, what: string): DerNode[] {
  const node = readDerNode(bytes, offset, limit)
  return sequenceChildren(bytes, node, what)
}

/** The children of a node that must be a SEQUENCE. */
export function sequenceChildren(bytes: Uint8Array, node: DerNode | undefined, what: string): DerNode[] {
  if (!node || !isUniversal(node, DER_TAG.sequence)) throw new DerError(`${what}: expected a SEQUENCE`)
  return readDerChildren(bytes, node)
}

/** A non-negative INTEGER that fits a JavaScript number (iteration counts, versions, key lengths). */
export function readSmallInteger(bytes: Uint8Array, node: DerNode | undefined, what: string): number {
  if (!node || !isUniversal(node, DER_TAG.integer) || node.end === node.start) throw new DerError(`${what}: expected an INTEGER`)
  if (node.end - node.start > 6 || ((bytes[node.start] ?? 0) & 0x80) !== 0) throw new DerError(`${what}: integer out of range`)
  let value = 0
  for (let i = node.start; i < node.end; i++) value = value * 256 + (bytes[i] ?? 0)
  return value
}

/** The content bytes of a primitive OCTET STRING. */
export function readOctets(bytes: Uint8Array, node: DerNode | undefined, what: string): Uint8Array {
  if (!node || !isUniversal(node, DER_TAG.octetString) || node.constructed) throw new DerError(`${what}: expected an OCTET STRING`)
  return bytes.subarray(node.start, node.end)
}

/** The OID of an AlgorithmIdentifier (or any SEQUENCE starting with an OID) and its parameters node. */
export function readAlgorithm(bytes: Uint8Array, node: DerNode | undefined, what: string): { oid: string; params: DerNode | undefined } {
  const [id, params] = sequenceChildren(bytes, node, what)
  if (!id) throw new DerError(`${what}: empty AlgorithmIdentifier`)
  return { oid: readOid(bytes, id), params }
}

/** The single node inside an explicitly tagged [n] wrapper. */
export function unwrapExplicit(bytes: Uint8Array, node: DerNode | undefined, what: string): DerNode {
  if (!node || node.tagClass !== 'context' || !node.constructed) throw new DerError(`${what}: expected an explicit tag`)
  const [inner] = readDerChildren(bytes, node)
  if (!inner) throw new DerError(`${what}: empty explicit tag`)
  return inner
}
