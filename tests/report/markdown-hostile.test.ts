/**
 * The Markdown report with hostile recorded texts: a structural reading of the output (fences as CommonMark
 * defines them) shows every planted line stays inside a code block, and running text has every construct
 * that could become a link, an image, HTML or a heading escaped.
 */
import { describe, expect, it } from 'vitest'
import { fence, inline, renderReportMarkdown } from '../../src-shared/report/render-markdown'
import { buildHostileModel, MARK } from './helpers/hostile-markdown'

interface Line {
  readonly text: string
  readonly inFence: boolean
}

/**
 * Splits Markdown into lines (CommonMark line ends: LF, CR, CRLF) and marks the ones inside a backtick fence.
 * A fence opens with 3+ backticks after at most 3 spaces of the container's indent (we allow any indent of
 * list content, as our list items use 2) and closes on a line of at least as many backticks and nothing else.
 */
function readFences(markdown: string): Line[] {
  const lines: Line[] = []
  let open: { indent: number; length: number } | null = null
  for (const text of markdown.split(/\r\n|\r|\n/)) {
    const indent = text.length - text.trimStart().length
    const run = /^`{3,}/.exec(text.trimStart())?.[0].length ?? 0
    if (open === null) {
      if (run > 0) open = { indent, length: run }
      lines.push({ text, inFence: run > 0 })
      continue
    }
    // A line indented less than the fence (and not blank) ends the list item, and the fence with it.
    if (text.trim() !== '' && indent < open.indent) throw new Error(`fence left by an outdented line: ${JSON.stringify(text)}`)
    lines.push({ text, inFence: true })
    if (run >= open.length && text.trim() === '`'.repeat(run)) open = null
  }
  if (open !== null) throw new Error('a fence never closed')
  return lines
}

describe('Markdown report with hostile recorded text', () => {
  const markdown = renderReportMarkdown(buildHostileModel())
  const read = (): { lines: Line[]; outside: string[] } => {
    const lines = readFences(markdown)
    return { lines, outside: lines.filter((l) => !l.inFence).map((l) => l.text) }
  }

  it('keeps a command with a blank line, backticks and a lone CR inside its code block', () => {
    const { lines, outside } = read()
    // Every planted heading and list line is inside a fence; outside, MARK only appears escaped in running text.
    for (const text of outside) {
      expect(text, text).not.toMatch(new RegExp(`^\\s*(#{1,6} |- ?|\\d+\\. |= )${MARK}`))
    }
    expect(markdown).toContain('Get-CsXmppGatewayConfiguration')
    // The command itself is shown, whole, in a fence.
    const inside = lines.filter((l) => l.inFence).map((l) => l.text.trim())
    expect(inside).toContain(`# ${MARK} heading`)
    expect(inside).toContain(`-${MARK} list`)
  })

  it('produces no link, image, autolink or HTML from evidence text outside code blocks', () => {
    const { outside } = read()
    for (const text of outside.filter((t) => t.includes(MARK) || /evil\.example/.test(t))) {
      expect(text, text).not.toMatch(/(?<!\\)[[\]<>!]/)
      expect(text, text).not.toMatch(/(?<!\\):\/\//)
      expect(text, text).not.toMatch(/www\.(?!\\)/i)
      expect(text, text).not.toMatch(/(?<!\\)@/)
      expect(text, text).not.toMatch(/(?<!\\)&#/)
    }
  })

  it('escapes running text and fences any content', () => {
    expect(inline('a\rb\r\nc')).toBe('a b c')
    expect(inline('- item')).toMatch(/^\\-/)
    expect(inline('12. item')).toMatch(/^12\\\./)
    expect(fence('a\rb', 'text')).toEqual(['```text', 'a', 'b', '```', ''])
    expect(fence('x ````` y', 'text')[0]).toBe('``````text')
  })
})
