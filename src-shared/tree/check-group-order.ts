/**
 * The order check groups are shown in, everywhere (CLI, app, reports): the order the troubleshooting tree first
 * visits them, then any group the tree does not visit, the live probe last (it is what a partner sees once
 * everything on the server is right). One constant, so the terminal and the app cannot disagree.
 */
import { CHECK_CATALOG } from '../diagnostics/all-checks'
import type { CheckGroup } from '../diagnostics/check-types'
import { TROUBLESHOOTING_TREE } from './troubleshooting-tree'

const ALL_GROUPS: readonly CheckGroup[] = ['services', 'ports', 'topology', 'certificates', 'policies', 'partners', 'dns', 'host', 'events', 'probe']

export const CHECK_GROUP_ORDER: readonly CheckGroup[] = (() => {
  const order: CheckGroup[] = []
  for (const node of TROUBLESHOOTING_TREE.nodes) {
    if (node.kind !== 'check') continue
    const group = CHECK_CATALOG.get(node.checkId)?.group
    if (group && !order.includes(group)) order.push(group)
  }
  const rest = ALL_GROUPS.filter((g) => !order.includes(g))
  return [...order, ...rest].sort((a, b) => Number(a === 'probe') - Number(b === 'probe'))
})()
