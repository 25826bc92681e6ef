/** One group order for the terminal and the app: the CLI prints the groups in CHECK_GROUP_ORDER, the app uses the same constant. */
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/main'
import { GROUP_TITLES } from '../../src-shared/i18n/messages'
import { CHECK_GROUP_ORDER } from '../../src-shared/tree/check-group-order'
import { GROUP_ORDER } from '../../src-renderer/lib/tree-view'

describe('check group order', () => {
  it('the CLI prints its group headings in the shared order, and the app uses the same constant', async () => {
    let stdout = ''
    await runCli(['demo', 'healthy-edge', '--lang', 'en'], { stdout: (s) => (stdout += s), stderr: () => undefined })
    const headings = stdout.split('\n').filter((line) => CHECK_GROUP_ORDER.some((g) => GROUP_TITLES[g].en === line))
    const printed = headings.map((line) => CHECK_GROUP_ORDER.find((g) => GROUP_TITLES[g].en === line))
    expect(printed.length).toBeGreaterThan(4)
    expect(printed).toEqual(CHECK_GROUP_ORDER.filter((g) => printed.includes(g)))
    expect(GROUP_ORDER).toBe(CHECK_GROUP_ORDER)
    expect(CHECK_GROUP_ORDER.at(-1)).toBe('probe')
  })
})
