/**
 * Probes many domains with bounded concurrency: at most `concurrency` domain probes run at once, each
 * under its own hard bound, so the whole run takes about ceil(n / concurrency) × the slowest probe.
 * Options are checked and CA files read once, before any traffic.
 */
import { prepareProbeOptions, probeDomainPrepared, ProbeOptionsError, type ProbeOptions } from './probe-domain'
import { validateDomainName } from '../../src-shared/validation/dns-name'
import type { DomainProbeReport } from '../../src-shared/probe/probe-types'
import { text, type Localized } from '../../src-shared/i18n/localized'

export const DEFAULT_CONCURRENCY = 8
export const MAX_CONCURRENCY = 64

export interface ProbeManyOptions extends ProbeOptions {
  /** Domains probed at once. Default 8, at most 64. */
  readonly concurrency?: number
  /** Called as each domain finishes (in completion order). */
  readonly onReport?: (report: DomainProbeReport) => void
}

/** Probes every domain (duplicates once); results in input order. Throws {@link ProbeOptionsError} for bad input. */
export async function probeDomains(domains: readonly string[], options: ProbeManyOptions = {}): Promise<DomainProbeReport[]> {
  const checked = validateAll(domains)
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new ProbeOptionsError(
      text(
        `Concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, got ${concurrency}.`,
        `並行數必須是 1 到 ${MAX_CONCURRENCY} 之間的整數，目前為 ${concurrency}。`,
      ),
    )
  }
  const prepared = await prepareProbeOptions(options)
  const results: DomainProbeReport[] = new Array<DomainProbeReport>(checked.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < checked.length) {
      const index = next++
      const domain = checked[index]
      if (domain === undefined) continue
      const report = await probeDomainPrepared(domain, prepared)
      results[index] = report
      options.onReport?.(report)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, checked.length) }, worker))
  return results
}

function validateAll(domains: readonly string[]): string[] {
  const problems: Localized[] = []
  const valid: string[] = []
  for (const domain of domains) {
    const result = validateDomainName(domain)
    if (result.ok) valid.push(result.value)
    else problems.push(result.error)
  }
  if (problems.length > 0) {
    throw new ProbeOptionsError(text(problems.map((p) => p.en).join('\n'), problems.map((p) => p['zh-TW']).join('\n')))
  }
  if (valid.length === 0) throw new ProbeOptionsError(text('No domain to probe.', '沒有要探測的網域。'))
  return [...new Set(valid)]
}
