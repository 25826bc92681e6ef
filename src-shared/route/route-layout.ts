/**
 * Where the route's picture puts each hop: the same geometry for the app (Svelte draws it) and the HTML/PDF
 * report (an inline SVG), so both pictures agree. Nine hops in two rows, left to right then right to left (a
 * snake), so the picture fits a report page and a 1366-pixel window without tiny text.
 */
import type { CheckStatus } from '../diagnostics/check-types'
import { labelColon, pick, text, type Locale, type Localized } from '../i18n/localized'
import { ROUTE_HOPS, type RouteHop } from './federation-route'
import { ROUTE_MARKS } from './route-line'

export interface RouteNodeLayout {
  readonly hop: RouteHop['hop']
  readonly status: CheckStatus
  readonly mark: string
  readonly label: string
  readonly summary: string
  /** Top-left corner and size of the hop's box, in the picture's own units. */
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

export interface RouteArrowLayout {
  readonly x1: number
  readonly y1: number
  readonly x2: number
  readonly y2: number
}

export interface RouteLayout {
  readonly width: number
  readonly height: number
  readonly nodes: readonly RouteNodeLayout[]
  readonly arrows: readonly RouteArrowLayout[]
  /** One sentence for screen readers: the whole route with each hop's status in words. */
  readonly description: string
}

const PER_ROW = 5
const BOX_WIDTH = 150
const BOX_HEIGHT = 56
const GAP_X = 40
const GAP_Y = 44
const MARGIN = 8

/** Status words for the text alternative (the marks alone mean nothing to a screen reader). */
export const ROUTE_STATUS_WORDS: Readonly<Record<CheckStatus, Localized>> = {
  pass: text('works', '正常'),
  warn: text('works, with a warning', '可運作，但有警告'),
  fail: text('broken', '故障'),
  unknown: text('not verified', '未驗證'),
  skipped: text('not checked here', '此處未檢查'),
}

/** Lays the hops out in two rows; arrows join each hop to the next. */
export function layoutRoute(route: readonly RouteHop[], locale: Locale): RouteLayout {
  const nodes = route.map((hop, index): RouteNodeLayout => {
    const row = Math.floor(index / PER_ROW)
    const column = row % 2 === 0 ? index % PER_ROW : PER_ROW - 1 - (index % PER_ROW)
    const label = ROUTE_HOPS.find((definition) => definition.id === hop.hop)?.label
    return {
      hop: hop.hop,
      status: hop.status,
      mark: ROUTE_MARKS[hop.status],
      label: label ? pick(label, locale) : hop.hop,
      summary: pick(hop.summary, locale),
      x: MARGIN + column * (BOX_WIDTH + GAP_X),
      y: MARGIN + row * (BOX_HEIGHT + GAP_Y),
      width: BOX_WIDTH,
      height: BOX_HEIGHT,
    }
  })
  const arrows = nodes.slice(1).map((to, index): RouteArrowLayout => {
    const from = nodes[index]!
    if (from.y === to.y) {
      const rightward = to.x > from.x
      const y = from.y + from.height / 2
      return { x1: rightward ? from.x + from.width : from.x, y1: y, x2: rightward ? to.x : to.x + to.width, y2: y }
    }
    const x = from.x + from.width / 2
    return { x1: x, y1: from.y + from.height, x2: x, y2: to.y }
  })
  const rows = Math.ceil(route.length / PER_ROW)
  const separator = locale === 'zh-TW' ? '；' : '; '
  return {
    width: MARGIN * 2 + PER_ROW * BOX_WIDTH + (PER_ROW - 1) * GAP_X,
    height: MARGIN * 2 + rows * BOX_HEIGHT + (rows - 1) * GAP_Y,
    nodes,
    arrows,
    description: nodes.map((node) => `${node.label}${labelColon(locale)}${pick(ROUTE_STATUS_WORDS[node.status], locale)}`).join(separator),
  }
}
