/**
 * A small DNS server on 127.0.0.1 (UDP) whose answers a test scripts per query type and name: records,
 * NXDOMAIN, SERVFAIL or REFUSED, an answer held back for some milliseconds, or no answer at all (a resolver or firewall
 * that silently drops, say, every AAAA query). It logs every query it receives, so a test can show the
 * dropped query was really asked. Written here because dnsmasq cannot be told to drop or delay.
 */
import dgram from 'node:dgram'
import { isIPv4, isIPv6 } from 'node:net'

/** The record types the server knows (others get an empty NOERROR answer). */
export type ScriptedType = 'A' | 'AAAA' | 'SRV'

export interface ScriptedSrv {
  readonly target: string
  readonly port: number
  readonly priority: number
  readonly weight: number
}

/** What one name holds. A name not listed gets NXDOMAIN; a listed name without the type asked gets NODATA. */
export interface ScriptedName {
  readonly a?: readonly string[]
  readonly aaaa?: readonly string[]
  readonly srv?: readonly ScriptedSrv[]
}

/** How to treat queries of one type (optionally only for one name): never answer, or answer late. */
export interface ScriptedBehaviour {
  readonly type: ScriptedType
  /** Only this name (lower case, no trailing dot); every name when absent. */
  readonly name?: string
  readonly drop?: boolean
  readonly delayMs?: number
  /** Answer at once with this error code and no records (SERVFAIL = 2, REFUSED = 5). */
  readonly rcode?: 'SERVFAIL' | 'REFUSED'
}

export interface ScriptedQuery {
  readonly type: string
  readonly name: string
  /** performance.now() when it arrived. */
  readonly at: number
  /** The address the query came from. */
  readonly from: string
  readonly outcome: 'answered' | 'dropped' | 'delayed' | 'servfail' | 'refused'
}

export interface RunningScriptedDns {
  /** "127.0.0.1:<port>", as --dns-server takes it. */
  readonly server: string
  readonly queries: () => readonly ScriptedQuery[]
  close(): Promise<void>
}

const TYPE_CODES: Readonly<Record<ScriptedType, number>> = { A: 1, AAAA: 28, SRV: 33 }
const TYPE_NAMES = new Map<number, ScriptedType>(Object.entries(TYPE_CODES).map(([name, code]) => [code, name as ScriptedType]))
const CLASS_IN = 1
/** RFC 1035 §4.1.1 response codes. */
const RCODES = { NXDOMAIN: 3, SERVFAIL: 2, REFUSED: 5 } as const
const TTL = 60

/** Starts the server on a free UDP port of 127.0.0.1. */
export async function startScriptedDns(
  zone: Readonly<Record<string, ScriptedName>>,
  behaviours: readonly ScriptedBehaviour[] = [],
): Promise<RunningScriptedDns> {
  const socket = dgram.createSocket('udp4')
  const log: ScriptedQuery[] = []
  const timers = new Set<NodeJS.Timeout>()
  socket.on('message', (message, remote) => {
    const question = parseQuestion(message)
    if (!question) return
    const type = TYPE_NAMES.get(question.type) ?? String(question.type)
    const behaviour = behaviours.find((b) => b.type === type && (b.name === undefined || b.name === question.name))
    const at = performance.now()
    if (behaviour?.drop) {
      log.push({ type, name: question.name, at, from: remote.address, outcome: 'dropped' })
      return
    }
    if (behaviour?.rcode) {
      log.push({ type, name: question.name, at, from: remote.address, outcome: behaviour.rcode === 'SERVFAIL' ? 'servfail' : 'refused' })
      socket.send(buildAnswer(message, question, undefined, RCODES[behaviour.rcode]), remote.port, remote.address)
      return
    }
    const answer = buildAnswer(message, question, zone[question.name])
    const send = (): void => socket.send(answer, remote.port, remote.address)
    if (behaviour?.delayMs) {
      log.push({ type, name: question.name, at, from: remote.address, outcome: 'delayed' })
      const timer = setTimeout(() => {
        timers.delete(timer)
        send()
      }, behaviour.delayMs)
      timers.add(timer)
      return
    }
    log.push({ type, name: question.name, at, from: remote.address, outcome: 'answered' })
    send()
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject)
    socket.bind(0, '127.0.0.1', () => resolve())
  })
  return {
    server: `127.0.0.1:${socket.address().port}`,
    queries: () => [...log],
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer)
        timers.clear()
        socket.close(() => resolve())
      }),
  }
}

interface Question {
  readonly name: string
  readonly type: number
  /** Offset just past the question section (QNAME, QTYPE, QCLASS). */
  readonly end: number
}

/** Reads the first question of a query; null for anything malformed (it is then ignored). */
function parseQuestion(message: Buffer): Question | null {
  if (message.length < 12 || message.readUInt16BE(4) < 1) return null
  const labels: string[] = []
  let offset = 12
  for (;;) {
    const length = message[offset]
    if (length === undefined || length > 63) return null
    offset += 1
    if (length === 0) break
    if (offset + length > message.length) return null
    labels.push(message.toString('latin1', offset, offset + length).toLowerCase())
    offset += length
  }
  if (offset + 4 > message.length) return null
  return { name: labels.join('.'), type: message.readUInt16BE(offset), end: offset + 4 }
}

/** The response: the query's own question (byte for byte), then the records the zone holds for it. */
function buildAnswer(query: Buffer, question: Question, entry: ScriptedName | undefined, rcode?: number): Buffer {
  const records = entry && rcode === undefined ? recordsFor(entry, question.type) : []
  const header = Buffer.alloc(12)
  header.writeUInt16BE(query.readUInt16BE(0), 0)
  const recursionDesired = (query[2] ?? 0) & 0x01
  header[2] = 0x84 | recursionDesired // QR = response, AA
  header[3] = 0x80 | (rcode ?? (entry ? 0 : RCODES.NXDOMAIN)) // RA; RCODE 0, NXDOMAIN, or the scripted error
  header.writeUInt16BE(1, 4)
  header.writeUInt16BE(records.length, 6)
  return Buffer.concat([header, query.subarray(12, question.end), ...records])
}

function recordsFor(entry: ScriptedName, type: number): Buffer[] {
  switch (TYPE_NAMES.get(type)) {
    case 'A':
      return (entry.a ?? []).map((address) => resourceRecord(type, ipv4Bytes(address)))
    case 'AAAA':
      return (entry.aaaa ?? []).map((address) => resourceRecord(type, ipv6Bytes(address)))
    case 'SRV':
      return (entry.srv ?? []).map((srv) => {
        const fixed = Buffer.alloc(6)
        fixed.writeUInt16BE(srv.priority, 0)
        fixed.writeUInt16BE(srv.weight, 2)
        fixed.writeUInt16BE(srv.port, 4)
        return resourceRecord(type, Buffer.concat([fixed, encodeName(srv.target)]))
      })
    default:
      return []
  }
}

function resourceRecord(type: number, data: Buffer): Buffer {
  const fixed = Buffer.alloc(12)
  fixed.writeUInt16BE(0xc00c, 0) // a pointer to the question's name
  fixed.writeUInt16BE(type, 2)
  fixed.writeUInt16BE(CLASS_IN, 4)
  fixed.writeUInt32BE(TTL, 6)
  fixed.writeUInt16BE(data.length, 10)
  return Buffer.concat([fixed, data])
}

function encodeName(name: string): Buffer {
  const labels = name.split('.').filter((label) => label !== '')
  return Buffer.concat([...labels.map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'latin1')])), Buffer.from([0])])
}

function ipv4Bytes(address: string): Buffer {
  if (!isIPv4(address)) throw new Error(`not an IPv4 address: ${address}`)
  return Buffer.from(address.split('.').map(Number))
}

function ipv6Bytes(address: string): Buffer {
  if (!isIPv6(address) || address.includes('.')) throw new Error(`not a plain IPv6 address: ${address}`)
  const [head = '', tail] = address.split('::')
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'))
  const left = groups(head)
  const right = tail === undefined ? [] : groups(tail)
  const zeros = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0')
  const bytes = Buffer.alloc(16)
  ;[...left, ...zeros, ...right].forEach((group, index) => bytes.writeUInt16BE(parseInt(group, 16), index * 2))
  return bytes
}
