/**
 * Which external access policy applies to whom. Lync applies the first that exists of: the per-user policy
 * granted to the user (Tag:<name>), the policy of the site the user's registrar pool is in (Site:<name>), the
 * global policy. Sources: PS/Grant-CsExternalAccessPolicy ("Per-user policies … take precedence over site and
 * global policies"), PS2017/New-CsExternalAccessPolicy (scopes global, site, per-user), Lync Server 2013
 * "Configure policies to control access by users of federated domains" (site and per-user scopes).
 * Pure: the policy check judges what this module counts.
 */
import type { ExternalAccessPolicy, LyncSite, PolicyGrantCount } from '../evidence/evidence-model'

export type PolicyScope = 'global' | 'site' | 'user'

/** Global, Site:<name>, or a per-user policy (Tag:<name>, or a bare name as New-CsExternalAccessPolicy -Identity FedPic creates). */
export function scopeOf(identity: string): PolicyScope {
  const lower = identity.trim().toLowerCase()
  if (lower === 'global') return 'global'
  if (lower.startsWith('site:')) return 'site'
  return 'user'
}

/** The name Grant-CsExternalAccessPolicy -PolicyName takes: the identity without "Tag:". */
export function grantName(identity: string): string {
  return identity.trim().replace(/^tag:/i, '')
}

/** Why a group of users gets its policy. */
export type PolicySource =
  | { readonly kind: 'per-user' }
  | { readonly kind: 'site'; readonly site: string }
  | { readonly kind: 'global' }
  /** The grant names a per-user policy that the policy list does not hold. */
  | { readonly kind: 'missing-per-user'; readonly name: string }
  /** Older evidence without registrar pools, or a pool in no collected site, while site policies exist. */
  | { readonly kind: 'site-unknown' }

/** Users who share one effective policy. */
export interface EffectivePolicyGroup {
  readonly policy: ExternalAccessPolicy | null
  readonly source: PolicySource
  readonly users: number
  readonly registrarPool: string | null
}

/** Users per effective policy, from the Front End's grants (users grouped by policy and registrar pool). */
export function effectivePolicyGroups(
  policies: readonly ExternalAccessPolicy[],
  grants: readonly PolicyGrantCount[],
  sites: readonly LyncSite[],
): EffectivePolicyGroup[] {
  const globalPolicy = policies.find((p) => scopeOf(p.identity) === 'global') ?? null
  const sitePolicies = policies.filter((p) => scopeOf(p.identity) === 'site')
  return grants.map((grant): EffectivePolicyGroup => {
    const registrarPool = grant.registrarPool ?? null
    if (grant.policy) {
      const name = grantName(grant.policy).toLowerCase()
      const policy = policies.find((p) => scopeOf(p.identity) === 'user' && grantName(p.identity).toLowerCase() === name) ?? null
      return policy
        ? { policy, source: { kind: 'per-user' }, users: grant.userCount, registrarPool }
        : { policy: null, source: { kind: 'missing-per-user', name: grantName(grant.policy) }, users: grant.userCount, registrarPool }
    }
    if (sitePolicies.length > 0) {
      const site = registrarPool ? siteOfPool(registrarPool, sites) : null
      if (!site) return { policy: null, source: { kind: 'site-unknown' }, users: grant.userCount, registrarPool }
      const sitePolicy = sitePolicies.find((p) => siteNamesOf(site).includes(p.identity.trim().slice('site:'.length).toLowerCase()))
      if (sitePolicy) return { policy: sitePolicy, source: { kind: 'site', site: siteLabel(site) }, users: grant.userCount, registrarPool }
    }
    return { policy: globalPolicy, source: { kind: 'global' }, users: grant.userCount, registrarPool }
  })
}

/** The site whose pool list holds this registrar pool. */
function siteOfPool(pool: string, sites: readonly LyncSite[]): LyncSite | null {
  const wanted = pool.toLowerCase()
  return sites.find((site) => (site.pools ?? []).some((p) => p.toLowerCase() === wanted)) ?? null
}

/** The names a site policy may use for the site: its display name, and the name in its "Site:<name>" identity. */
function siteNamesOf(site: LyncSite): string[] {
  const names = [site.displayName ?? null, site.identity.replace(/^site:/i, '')]
  return names.filter((n): n is string => Boolean(n)).map((n) => n.trim().toLowerCase())
}

function siteLabel(site: LyncSite): string {
  return site.displayName ?? site.identity.replace(/^site:/i, '')
}

/** Totals over the groups: who can use XMPP, who cannot, and whose policy could not be told. */
export interface PolicyTotals {
  readonly total: number
  readonly allowed: number
  readonly denied: number
  readonly undetermined: number
}

export function totalsOf(groups: readonly EffectivePolicyGroup[]): PolicyTotals {
  let allowed = 0
  let denied = 0
  let undetermined = 0
  for (const group of groups) {
    if (!group.policy || group.policy.enableXmppAccess === null) undetermined += group.users
    else if (group.policy.enableXmppAccess) allowed += group.users
    else denied += group.users
  }
  return { total: allowed + denied + undetermined, allowed, denied, undetermined }
}

/** The groups that deny XMPP, merged per policy (largest first): what the summary names and the fix changes. */
export function denyingPolicies(groups: readonly EffectivePolicyGroup[]): { readonly policy: ExternalAccessPolicy; readonly users: number; readonly sources: readonly PolicySource[] }[] {
  const byIdentity = new Map<string, { policy: ExternalAccessPolicy; users: number; sources: PolicySource[] }>()
  for (const group of groups) {
    if (!group.policy || group.policy.enableXmppAccess !== false) continue
    const key = group.policy.identity.toLowerCase()
    const entry = byIdentity.get(key) ?? { policy: group.policy, users: 0, sources: [] }
    entry.users += group.users
    if (!entry.sources.some((s) => JSON.stringify(s) === JSON.stringify(group.source))) entry.sources.push(group.source)
    byIdentity.set(key, entry)
  }
  return [...byIdentity.values()].sort((a, b) => b.users - a.users)
}
