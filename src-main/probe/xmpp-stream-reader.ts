/**
 * Reads an XMPP stream incrementally with saxes (a real streaming XML parser). The stream root stays
 * open for the whole session, so this reports the root's header as soon as it is read and every
 * top-level child (<stream:features/>, <proceed/>, <stream:error/>) as soon as it is complete.
 * RFC 6120 §11.1 forbids DTDs and entity declarations in XMPP: a DOCTYPE stops the reader at once,
 * and saxes never expands entities other than the five predefined ones, so an entity bomb cannot grow.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes'

export const STREAMS_NS = 'http://etherx.jabber.org/streams'

/** A complete element below the stream root, small enough to keep whole (the byte budget bounds it). */
export interface XmlElement {
  readonly name: string
  readonly local: string
  readonly ns: string
  readonly attributes: Readonly<Record<string, string>>
  readonly children: readonly XmlElement[]
  readonly text: string
}

/** The stream root's attributes plus the namespaces it declared. */
export interface XmlStreamHeader {
  readonly ns: string
  readonly local: string
  readonly attributes: Readonly<Record<string, string>>
  readonly namespaces: Readonly<Record<string, string>>
}

export type XmlStreamEvent =
  | { readonly kind: 'header'; readonly header: XmlStreamHeader }
  | { readonly kind: 'element'; readonly element: XmlElement }
  | { readonly kind: 'stream-end' }
  | { readonly kind: 'xml-error'; readonly restricted: boolean; readonly message: string }

interface ElementDraft {
  name: string
  local: string
  ns: string
  attributes: Record<string, string>
  children: XmlElement[]
  text: string
}

/** Limits how many elements (at any depth) one top-level element may hold, independent of the byte budget. */
const MAX_NODES_PER_ELEMENT = 2_000

/** Feeds text into saxes and turns its callbacks into {@link XmlStreamEvent}s. One reader per stream (a restart needs a new one). */
export class XmppStreamReader {
  private readonly parser = new SaxesParser({ xmlns: true, position: false })
  private readonly stack: ElementDraft[] = []
  private depth = 0
  private nodes = 0
  private stopped = false

  constructor(private readonly emit: (event: XmlStreamEvent) => void) {
    this.parser.on('doctype', () => this.fail(true, 'the peer sent a DOCTYPE, which XMPP forbids (RFC 6120 §11.1)'))
    this.parser.on('error', (error) => this.fail(false, error.message))
    this.parser.on('opentag', (tag) => this.onOpen(tag))
    this.parser.on('closetag', (tag) => this.onClose(tag))
    this.parser.on('text', (value) => this.onText(value))
    this.parser.on('cdata', (value) => this.onText(value))
  }

  /** Parses the next chunk of decoded text. Does nothing once the reader has stopped. */
  write(chunk: string): void {
    if (this.stopped) return
    this.parser.write(chunk)
  }

  /** True after an XML error or the end of the stream. */
  get isStopped(): boolean {
    return this.stopped
  }

  private onOpen(tag: SaxesTagNS): void {
    if (this.stopped) return
    const attributes: Record<string, string> = {}
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue
      attributes[attribute.name] = attribute.value
    }
    if (this.depth === 0) {
      this.depth = 1
      this.emit({ kind: 'header', header: { ns: tag.uri, local: tag.local, attributes, namespaces: { ...tag.ns } } })
      return
    }
    if (++this.nodes > MAX_NODES_PER_ELEMENT) {
      // Counted over every level below one top-level element, not its direct children only.
      this.fail(false, `one top-level element holds more than ${MAX_NODES_PER_ELEMENT} nested elements (the probe reads at most ${MAX_NODES_PER_ELEMENT} per element)`)
      return
    }
    this.depth++
    this.stack.push({ name: tag.name, local: tag.local, ns: tag.uri, attributes, children: [], text: '' })
  }

  private onClose(_tag: SaxesTagNS): void {
    if (this.stopped) return
    this.depth--
    if (this.depth === 0) {
      this.stopped = true
      this.emit({ kind: 'stream-end' })
      return
    }
    const draft = this.stack.pop()
    if (!draft) return
    const element: XmlElement = draft
    const parent = this.stack[this.stack.length - 1]
    if (parent) {
      parent.children.push(element)
    } else {
      this.nodes = 0
      this.emit({ kind: 'element', element })
    }
  }

  private onText(value: string): void {
    const current = this.stack[this.stack.length - 1]
    // Whitespace between top-level elements is legal keep-alive padding; text elsewhere is kept for <text/>.
    if (current && !this.stopped) current.text += value
  }

  private fail(restricted: boolean, message: string): void {
    if (this.stopped) return
    this.stopped = true
    this.emit({ kind: 'xml-error', restricted, message })
  }
}

/** The first child with this local name and namespace. */
export function findChild(element: XmlElement, local: string, ns: string): XmlElement | undefined {
  return element.children.find((child) => child.local === local && child.ns === ns)
}
