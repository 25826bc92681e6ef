import { describe, expect, it } from 'vitest'
import { timelineNote } from '../../src-main/watch/timeline-note'
import type { WatchOutcome } from '../../src-main/watch/watch-until-healthy'

const OUTCOME: WatchOutcome = {
  ending: 'max-reached',
  startedAt: new Date('2026-11-20T02:00:00Z'),
  endedAt: new Date('2026-11-20T02:30:00Z'),
  polls: 61,
  last: null,
  timeline: [
    { at: '2026-11-20T02:00:00.000Z', verdict: 'problems', changes: 0 },
    { at: '2026-11-20T02:00:30.000Z', verdict: 'unreadable', changes: 0 },
    { at: '2026-11-20T02:01:00.000Z', verdict: 'incomplete', changes: 2 },
  ],
}

describe('the watch timeline note', () => {
  it('says how the watch ended and each shown poll with its zone, in English', () => {
    expect(timelineNote(OUTCOME, 'en').split('\n')).toEqual([
      'watch reached its limit after 61 poll(s), not healthy, 2026-11-20 02:00:00 UTC → 2026-11-20 02:30:00 UTC',
      '2026-11-20 02:00:00 UTC Problems found',
      '2026-11-20 02:00:30 UTC evidence unreadable (being rewritten)',
      '2026-11-20 02:01:00 UTC Incomplete: not everything could be verified (2 change(s))',
    ])
  })

  it('is written in Traditional Chinese for a watch in Chinese', () => {
    const lines = timelineNote({ ...OUTCOME, ending: 'healthy' }, 'zh-TW').split('\n')
    expect(lines[0]).toBe('監看結束：已恢復正常，共輪詢 61 次，2026-11-20 02:00:00 UTC → 2026-11-20 02:30:00 UTC')
    expect(lines[1]).toBe('2026-11-20 02:00:00 UTC 發現問題')
    expect(lines[3]).toBe('2026-11-20 02:01:00 UTC 未完成：部分項目無法驗證（2 項變更）')
  })
})
