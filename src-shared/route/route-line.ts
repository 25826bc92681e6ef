/** The route as one line of text (CLI, plain-text reports): `user policy ✓ → FE gateway ✓ → 23456 ✓ → Edge proxy ✗ → …`. */
import { STATUS_MARKS } from '../diagnostics/status-order'
import { labelColon, pick, text, type Locale } from '../i18n/localized'
import { ROUTE_HOPS, type RouteHop } from './federation-route'

/** The same marks as the check list (status-order.ts). */
export const ROUTE_MARKS = STATUS_MARKS

export const ROUTE_TITLE = text('Route', '路由')

/** `Route: user policy ✓ → … → partner reachable ?` in the given language. */
export function formatRouteLine(route: readonly RouteHop[], locale: Locale): string {
  const hops = route.map((hop) => {
    const label = ROUTE_HOPS.find((definition) => definition.id === hop.hop)?.label
    return `${label ? pick(label, locale) : hop.hop} ${ROUTE_MARKS[hop.status]}`
  })
  return `${pick(ROUTE_TITLE, locale)}${labelColon(locale)}${hops.join(' → ')}`
}
