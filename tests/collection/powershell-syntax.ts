// PowerShell syntax checks for tests, with the tree-sitter PowerShell grammar (tree-sitter-powershell,
// run as WebAssembly by web-tree-sitter). It is a grammar of the language, not PowerShell itself: it
// finds syntax errors and lists the commands a script calls, but cannot tell what a cmdlet does.
import { createRequire } from 'node:module'
import { Language, Parser, type Node } from 'web-tree-sitter'

let parserPromise: Promise<Parser> | null = null

async function createParser(): Promise<Parser> {
  await Parser.init()
  const wasm = createRequire(import.meta.url).resolve('tree-sitter-powershell/tree-sitter-powershell.wasm')
  const parser = new Parser()
  parser.setLanguage(await Language.load(wasm))
  return parser
}

/** The shared parser (loading the grammar takes a moment, so tests reuse it). */
export function loadPowerShellParser(): Promise<Parser> {
  parserPromise ??= createParser()
  return parserPromise
}

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node)
  for (const child of node.children) if (child) walk(child, visit)
}

/** Parse errors as "line:column: text" (empty when the script parses cleanly). */
export async function findSyntaxErrors(script: string): Promise<string[]> {
  const parser = await loadPowerShellParser()
  const tree = parser.parse(script)
  if (!tree) return ['the parser returned no tree']
  const errors: string[] = []
  walk(tree.rootNode, (node) => {
    if (node.type === 'ERROR' || node.isMissing) {
      errors.push(`${node.startPosition.row + 1}:${node.startPosition.column + 1}: ${node.type} ${JSON.stringify(node.text.slice(0, 80))}`)
    }
  })
  tree.delete()
  return errors
}

/** The name of every command a script invokes (cmdlets, functions, executables, `& <expression>`). */
export async function listCommandNames(script: string): Promise<string[]> {
  const parser = await loadPowerShellParser()
  const tree = parser.parse(script)
  if (!tree) throw new Error('the parser returned no tree')
  const names: string[] = []
  walk(tree.rootNode, (node) => {
    if (node.type !== 'command') return
    const name = node.childForFieldName('command_name')
    const text = name ? name.text : node.text
    names.push(text.startsWith('{') ? '{script block}' : text)
  })
  tree.delete()
  return names
}
