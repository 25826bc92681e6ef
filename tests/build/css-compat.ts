/**
 * CSS that Chromium 108 (the legacy build's Electron 22) does not understand and that no build step lowers:
 * found by name in the built CSS and in the sources (.css, .svelte styles and markup). Nesting is lowered by
 * the build (vite.config.ts cssTarget) and checked separately on the output (bundle-targets.ts).
 */

/** Each entry: what Chromium 108 lacks, the Chromium version that added it, and how to spot it. */
export const AFTER_CHROME_108_CSS: readonly { readonly feature: string; readonly since: number; readonly pattern: RegExp }[] = [
  { feature: 'color-mix()', since: 111, pattern: /\bcolor-mix\(/ },
  { feature: 'oklch()/oklab()/lab()/lch() colors', since: 111, pattern: /\b(ok)?(lch|lab)\(/ },
  { feature: 'light-dark()', since: 123, pattern: /\blight-dark\(/ },
  { feature: 'relative color syntax (from …)', since: 119, pattern: /\b(rgb|hsl|hwb|oklch|oklab)\(\s*from\b/ },
  { feature: 'text-wrap: balance/pretty', since: 114, pattern: /\btext-wrap(-style)?\s*:/ },
  { feature: '@scope', since: 118, pattern: /@scope\b/ },
  { feature: '@starting-style', since: 117, pattern: /@starting-style\b/ },
  { feature: '@position-try / anchor positioning', since: 125, pattern: /@position-try\b|\banchor-name\s*:|\bposition-anchor\s*:|\banchor\(/ },
  { feature: 'subgrid', since: 117, pattern: /\bsubgrid\b/ },
  { feature: 'popover (:popover-open)', since: 114, pattern: /:popover-open\b/ },
  { feature: 'view transitions', since: 111, pattern: /::view-transition|\bview-transition-name\s*:/ },
  { feature: 'scroll-driven animations', since: 115, pattern: /\banimation-timeline\s*:|\bscroll-timeline\s*:|\bview-timeline\s*:/ },
  { feature: 'scrollbar-color / scrollbar-width', since: 121, pattern: /\bscrollbar-(color|width)\s*:/ },
  { feature: 'lh / rlh units', since: 109, pattern: /\d(r?lh)\b/ },
  { feature: 'round() / mod() / rem() stepped values', since: 125, pattern: /[\s:(,](round|mod|rem)\(/ },
  { feature: 'field-sizing', since: 123, pattern: /\bfield-sizing\s*:/ },
  { feature: 'initial-letter', since: 110, pattern: /\binitial-letter\s*:/ },
  { feature: '@container style() queries', since: 111, pattern: /@container[^{]*\bstyle\(/ },
]

/** Markup that Chromium 108 ignores: the popover attribute (114) and the <search> element (118). */
export const AFTER_CHROME_108_MARKUP: readonly { readonly feature: string; readonly since: number; readonly pattern: RegExp }[] = [
  { feature: 'popover attribute', since: 114, pattern: /<[a-z][^>]*\spopover(target|targetaction)?\b/i },
  { feature: '<search> element', since: 118, pattern: /<search[\s>]/i },
]

/** The features of `list` that `text` uses. */
export function findFeatures(text: string, list: typeof AFTER_CHROME_108_CSS): string[] {
  return list.filter((entry) => entry.pattern.test(text)).map((entry) => `${entry.feature} (Chromium ${entry.since})`)
}

/** The <style> blocks of a .svelte file, and its markup (script and style removed). */
export function splitSvelte(source: string): { css: string; markup: string } {
  const css = [...source.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n')
  const markup = source.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '').replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
  return { css, markup }
}
