/**
 * A tiny escaping template tag: every interpolated value is HTML-escaped unless it is a fragment this
 * tag produced itself. Evidence text is hostile input (event messages, partner banners), so escaping is
 * the default, not something each call site must remember.
 */

/** Markup that is already safe (built by `html`). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[]

/** Wraps markup we wrote ourselves (a constant stylesheet); never pass data through this. */
export function trustedConstant(markup: string): SafeHtml {
  return new SafeHtml(markup)
}

/** Escapes &, <, >, " and ' (enough for text and quoted attribute values). */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Builds safe markup; strings and numbers are escaped, arrays are joined, null/undefined/false vanish. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? ''
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '')
  })
  return new SafeHtml(out)
}

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value
  if (value === null || value === undefined || value === false) return ''
  if (Array.isArray(value)) return value.map(render).join('')
  return escapeHtml(String(value))
}
