/**
 * The Traditional Chinese house style as a lint: full-width ：，；（） beside Chinese, ONE half-width space between
 * Chinese and Latin words or numbers and none beside full-width punctuation, and no raw English states in a
 * Chinese sentence ("目前為 Stopped" was shipped once). Used on the zh-TW side of the source's `text(en, zh)`
 * calls and tables, and on the CLI's rendered zh-TW output.
 */
import { readFileSync } from 'node:fs'
import ts from 'typescript'

/** Han characters (and the rare bopomofo/kana): the "Chinese" side of every rule. Full-width punctuation is not in it. */
const CJK = '\\u3040-\\u30ff\\u3100-\\u312f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff'
/** Full-width punctuation of the house style. */
const FULL_WIDTH = '：，；（）。「」、！？'
/** Stands for a `${…}` in a source template: neither Chinese nor Latin, so no rule fires on what it is next to. */
export const PLACEHOLDER = '\u2063'

/**
 * States and booleans that must be said in Chinese inside a Chinese sentence (已停止, not Stopped). Raw data
 * that quotes them is allowed by `maskAllowed` below, never by this list.
 */
const STATE_WORDS = [
  'Running', 'Stopped', 'Paused', 'StartPending', 'StopPending', 'True', 'False', 'Pass', 'Passed', 'Fail', 'Failed',
  'Enabled', 'Disabled', 'Yes', 'No', 'Healthy', 'Warning', 'Unknown', 'Skipped', 'Open', 'Closed', 'Listening',
  'Missing', 'Expired', 'Valid', 'Invalid', 'None', 'OK',
]

export interface TypographyViolation {
  readonly rule: 'ascii-punctuation' | 'missing-space' | 'space-beside-full-width' | 'space-between-chinese' | 'english-state'
  /** The offending spot with a little context. */
  readonly near: string
}

/**
 * Deliberate exceptions, blanked out before the rules run; each is raw data or code that must stay byte for byte:
 * - `…` code spans and 「…」 quotes: raw values, cmdlets, check ids, wizard labels are quoted on purpose;
 * - command-line flags (`--answer`), `Key=Value` pairs and `-Parameter Value` from evidence lines and commands;
 * - cmdlet names (Verb-CsNoun), URLs, FQDNs and file names (contoso.com, services.json): identifiers an admin
 *   types or searches for, whose dots, dashes and colons are part of the name;
 * - `<網域>`-style placeholders in DNS names (sip.<網域>), which are templates, not sentences;
 * - the program's name before a message ("xmpp-edge-doctor history: …"): the terminal convention a script or a
 *   log search relies on, the same in every language.
 */
export function maskAllowed(text: string): string {
  const blank = (match: string): string => ' '.repeat(match.length).replace(/^ /, '\u2062').replace(/ $/, '\u2062')
  return text
    .replace(/^xmpp-edge-doctor(?: [a-z-]+)?: /gm, blank)
    .replace(/`[^`\n]*`/g, blank)
    .replace(/「[^」\n]*」/g, (m) => `「${blank(m.slice(1, -1))}」`)
    .replace(/https?:\/\/\S+/g, blank)
    .replace(/(?<![\w-])--?[A-Za-z][\w-]*(?:[ =](?![\u3400-\u9fff])[^\s，。；、）]+)?/g, blank)
    .replace(/\b[A-Z][a-z]+-Cs[A-Za-z]+\b/g, blank)
    .replace(/\b[A-Za-z][\w.-]*=[^\s，。；、）]*/g, blank)
    .replace(/(?:[\w-]+|<[^<>\s]+>)(?:\.(?:[\w-]+|<[^<>\s]+>))+/g, blank)
}

/** Every violation in one zh-TW text (a sentence, a line, a template with placeholders). */
export function lintZhTw(raw: string): TypographyViolation[] {
  const text = maskAllowed(raw)
  const found: TypographyViolation[] = []
  const near = (index: number): string => raw.slice(Math.max(0, index - 12), index + 14)
  const scan = (rule: TypographyViolation['rule'], pattern: RegExp): void => {
    for (const m of text.matchAll(pattern)) found.push({ rule, near: near(m.index ?? 0) })
  }
  // Lookaheads, so that one character can be at fault on both sides ("共3個" is two slips).
  scan('ascii-punctuation', new RegExp(`[${CJK}](?= ?[:;,()])|[:;,()](?= ?[${CJK}])`, 'g'))
  scan('missing-space', new RegExp(`[${CJK}](?=[A-Za-z0-9])|[A-Za-z0-9](?=[${CJK}])`, 'g'))
  scan('space-beside-full-width', new RegExp(`[${FULL_WIDTH}] +[${CJK}A-Za-z0-9]|[${CJK}A-Za-z0-9] +[${FULL_WIDTH}]`, 'g'))
  // One space between two Chinese words is a slip ("與 貴方網域 之間"); two or more align table columns.
  scan('space-between-chinese', new RegExp(`[${CJK}](?= [${CJK}])`, 'g'))
  // A state word counts only in a Chinese sentence: a line with Chinese in it.
  for (const line of text.split('\n')) {
    if (!new RegExp(`[${CJK}]`).test(line)) continue
    for (const m of line.matchAll(new RegExp(`\\b(?:${STATE_WORDS.join('|')})\\b`, 'g'))) {
      found.push({ rule: 'english-state', near: line.slice(Math.max(0, (m.index ?? 0) - 12), (m.index ?? 0) + 14) })
    }
  }
  return found
}

/** A zh-TW text found in a source file, with a `${…}` as {@link PLACEHOLDER}. */
export interface SourceText {
  readonly file: string
  readonly line: number
  readonly text: string
}

const HAS_CJK = new RegExp(`[${CJK}]`)

/** Stands for a `${…}` that renders Chinese (a `pick(…)`, `t(…)`, `l(…)`): the rules then apply beside it. */
const CHINESE_STAND_IN = '〇'
/** Stands for a `${…}` that renders a number (a count, a length). */
const NUMBER_STAND_IN = '0'

function placeholderFor(expression: ts.Expression): string {
  if (ts.isCallExpression(expression) && /^(pick|t|l|tr|say|word|label)$/.test(expression.expression.getText())) return CHINESE_STAND_IN
  if (/(^|\.)(length|size|count|total|polls|days|hours|minutes|index|[a-z]*Count)$/.test(expression.getText())) return NUMBER_STAND_IN
  return PLACEHOLDER
}

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => placeholderFor(span.expression) + span.literal.text).join('')
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression)
  return null
}

/**
 * The zh-TW side of every localized text in a file: the second argument of a two-language call (`text(en, zh)`,
 * `t(en, zh)`), a `'zh-TW':` property of a table, and the Chinese branch of a `zh ? … : …` choice.
 */
export function zhTextsOf(file: string): SourceText[] {
  let source = readFileSync(file, 'utf8')
  // A Svelte component: its script, then each `{expression}` of its markup as a statement of its own.
  if (file.endsWith('.svelte')) source = svelteAsScript(source)
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const out: SourceText[] = []
  const add = (node: ts.Node): void => {
    const value = literalText(node)
    if (value !== null && HAS_CJK.test(value)) out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: value })
  }
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.arguments.length >= 2) {
      const [en, zh] = node.arguments
      const enText = en ? literalText(en) : null
      if (enText !== null && !HAS_CJK.test(enText) && zh) add(zh)
    } else if (ts.isPropertyAssignment(node) && (ts.isStringLiteral(node.name) || ts.isIdentifier(node.name)) && /^zh(-?TW)?$/i.test(node.name.text)) {
      add(node.initializer)
    } else if (ts.isConditionalExpression(node) && /zh/i.test(node.condition.getText(sf))) {
      add(node.whenTrue)
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return out
}

/**
 * A component's script followed by its markup's expressions (`{l(text('…', '…'))}`), one per line, as TypeScript
 * (so a component's line numbers count in this text, not in the file).
 */
function svelteAsScript(component: string): string {
  const scripts = [...component.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '')
  const markup = component.replace(/<script[^>]*>[\s\S]*?<\/script>|<style[^>]*>[\s\S]*?<\/style>/g, '')
  const expressions: string[] = []
  for (let i = markup.indexOf('{'); i !== -1; i = markup.indexOf('{', i + 1)) {
    let depth = 0
    let end = i
    for (; end < markup.length; end++) {
      if (markup[end] === '{') depth++
      else if (markup[end] === '}' && --depth === 0) break
    }
    const inner = markup.slice(i + 1, end).trim()
    // Blocks ({#if …}, {:else}, {/if}, {@html …}) are not expressions; the texts inside them are found on their own.
    if (!/^[#:/@]/.test(inner)) expressions.push(`;(${inner})`)
    i = end
  }
  return [...scripts, ...expressions].join('\n')
}

/**
 * Patterns that match what the given source texts render to (each `${…}` as any run of characters on one line):
 * used to leave out of a rendered output the parts another change owns.
 */
export function renderedPatterns(texts: readonly SourceText[]): RegExp[] {
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const any = new RegExp(`[${PLACEHOLDER}${CHINESE_STAND_IN}${NUMBER_STAND_IN}]`)
  return [...new Set(texts.map((t) => t.text))]
    // Long enough and Chinese enough not to swallow a whole line of someone else's text.
    .filter((t) => HAS_CJK.test(t.replace(new RegExp(any, 'g'), '')) && t.replace(new RegExp(any, 'g'), '').length >= 6)
    .sort((a, b) => b.length - a.length)
    .map((t) => new RegExp(t.split(any).map(escape).join('[^\\n]*?'), 'g'))
}

/**
 * `line` with every match of `patterns` replaced by its first and last character around a 〇: the rules still see
 * what stands beside the blanked text (a colon after a check title) but not inside it.
 */
export function blankMatches(line: string, patterns: readonly RegExp[]): string {
  return patterns.reduce((rest, pattern) => rest.replace(pattern, (m) => (m.length <= 2 ? m : `${m[0]}${CHINESE_STAND_IN}${m.at(-1)}`)), line)
}

/**
 * Templates written once for both languages that put ASCII punctuation right beside a translated value
 * (`${pick(label, locale)}: ${value}` renders "根本原因: …" in Chinese). The English side of a two-language call or
 * of a locale choice is not one of them. The program's name before a message ("xmpp-edge-doctor: ${…}") is the
 * terminal convention in every language.
 */
export function sharedTemplateSlips(file: string): SourceText[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const found: SourceText[] = []
  const translated = (e: ts.Expression): boolean => ts.isCallExpression(e) && /^(pick|t|l)$/.test(e.expression.getText(sf))
  const visit = (node: ts.Node, oneLanguage: boolean): void => {
    if (ts.isCallExpression(node) && node.arguments.length >= 2 && /^(text|t)$/.test(node.expression.getText(sf))) {
      node.arguments.forEach((argument) => visit(argument, true))
      return
    }
    if (ts.isConditionalExpression(node) && /zh|locale/i.test(node.condition.getText(sf))) {
      visit(node.condition, oneLanguage)
      visit(node.whenTrue, true)
      visit(node.whenFalse, true)
      return
    }
    if (!oneLanguage && ts.isTemplateExpression(node)) {
      const literals = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)]
      node.templateSpans.forEach((span, i) => {
        if (!translated(span.expression)) return
        const before = literals[i] ?? ''
        const after = literals[i + 1] ?? ''
        const programPrefix = i === 0 && /^xmpp-edge-doctor(?: [a-z-]+)?: $/.test(before)
        if ((!programPrefix && /[:(,;] ?$/.test(before)) || /^ ?[:(),;]/.test(after)) {
          found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.getText(sf).slice(0, 160) })
        }
      })
    }
    ts.forEachChild(node, (child) => visit(child, oneLanguage))
  }
  visit(sf, false)
  return found
}
