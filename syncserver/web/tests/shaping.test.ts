import { describe, expect, it } from 'vitest'
import {
  boardRows,
  boardStatus,
  dashboard,
  displayValue,
  drawCount,
  filterBoard,
  findingViews,
  inspectionIdFor,
  statusCounts,
  stepViews,
  templateDiff,
  templateProblems,
  toCsv,
  type AssignmentLike,
  type Progress,
  type StateDoc,
  type TemplateDoc,
} from '../src/shaping'

const DAY = 86400000
const now = Date.UTC(2026, 11, 2)

const assignment = (id: string, status: string, extra: Partial<AssignmentLike> = {}): AssignmentLike => ({
  id,
  institution: `inst-${id}`,
  institution_name: `机构${id}`,
  template: { id: 'tpl', version: '1.0.0' },
  status,
  planned_date: '2026-12-10',
  team: [
    { username: 'li.hua', role: 'lead', display_name: '李华' },
    { username: 'wang.fang', role: 'evaluator', display_name: '王芳' },
  ],
  created_at: 0,
  ...extra,
})
const progress = (id: string, ops: number, extra: Partial<Progress> = {}): Progress => ({
  id,
  operations: ops,
  first_change: ops ? now - 3 * DAY - 1000 : 0,
  last_change: ops ? now - DAY : 0,
  members: [
    { username: 'li.hua', last_push: now - 2 * DAY, last_pull: now - DAY },
    { username: 'wang.fang', last_push: now - 5 * DAY, last_pull: 0 },
  ],
  photos_expected: 4,
  photos_received: 3,
  conflicts: 2,
  ...extra,
})

describe('board', () => {
  it('splits a draft by whether any work arrived, and keeps the server’s other statuses', () => {
    expect(boardStatus('draft', 0)).toBe('not_started')
    expect(boardStatus('draft', 1)).toBe('in_progress')
    expect(boardStatus('submitted', 5)).toBe('submitted')
    expect(boardStatus('returned', 5)).toBe('returned')
    expect(boardStatus('approved', 5)).toBe('approved')
  })

  it('joins assignments with progress: last sync is the latest push or pull of any member', () => {
    const rows = boardRows([assignment('a', 'draft'), assignment('b', 'draft')], [progress('a', 12)], now)
    expect(rows[0]).toMatchObject({
      id: 'a',
      institution: '机构a',
      status: 'in_progress',
      lead: '李华',
      team: '李华、王芳',
      lastSync: now - DAY,
      photosExpected: 4,
      photosReceived: 3,
      conflicts: 2,
      daysSinceStart: 3,
    })
    expect(rows[0].memberSync).toEqual([
      { name: '李华', at: now - DAY },
      { name: '王芳', at: now - 5 * DAY },
    ])
    // No progress entry: nothing has arrived.
    expect(rows[1]).toMatchObject({ status: 'not_started', lastSync: 0, daysSinceStart: null, conflicts: 0 })
  })

  it('shows the institution id when the registry has no name', () => {
    const rows = boardRows([assignment('c', 'draft', { institution_name: undefined })], [], now)
    expect(rows[0].institution).toBe('inst-c')
  })

  it('filters by text and status and sorts either way, never-started last when ascending by days', () => {
    const rows = boardRows(
      [assignment('a', 'draft'), assignment('b', 'submitted'), assignment('c', 'draft')],
      [progress('a', 3, { conflicts: 5 }), progress('b', 9, { conflicts: 1, first_change: now - 10 * DAY })],
      now,
    )
    expect(filterBoard(rows, { text: '机构B', status: '', sort: '', descending: false }).map((r) => r.id)).toEqual(['b'])
    expect(filterBoard(rows, { text: '', status: 'not_started', sort: '', descending: false }).map((r) => r.id)).toEqual(['c'])
    expect(filterBoard(rows, { text: '', status: '', sort: 'conflicts', descending: true }).map((r) => r.id)).toEqual(['a', 'b', 'c'])
    expect(filterBoard(rows, { text: '', status: '', sort: 'daysSinceStart', descending: true }).map((r) => r.id)).toEqual(['b', 'a', 'c'])
    expect(statusCounts(rows)).toEqual({ not_started: 1, in_progress: 1, submitted: 1, returned: 0, approved: 0 })
  })

  it('narrows to one campaign: the inspections created from its draw', () => {
    const rows = boardRows(
      [assignment('a', 'draft'), assignment('b', 'draft'), assignment('c', 'draft')],
      [progress('a', 1, { draw: 4 }), progress('b', 0, { draw: 5 }), progress('c', 0, { draw: null })],
      now,
    )
    expect(rows.map((r) => r.draw)).toEqual([4, 5, null])
    expect(filterBoard(rows, { draw: 4, text: '', status: '', sort: '', descending: false }).map((r) => r.id)).toEqual(['a'])
    expect(filterBoard(rows, { draw: '', text: '', status: '', sort: '', descending: false }).length).toBe(3)
  })
})

const tpl: TemplateDoc = {
  id: 'tpl',
  version: '1.0.0',
  title: { zh: '模板', en: 'Template' },
  steps: [
    {
      key: 'site',
      title: { zh: '考核服务现场', en: 'Inspect the site' },
      sections: [
        {
          id: 'fire',
          title: { zh: '消防', en: 'Fire' },
          items: [
            { id: 'exits', type: 'check', label: { zh: '安全出口畅通', en: 'Exits clear' } },
            { id: 'risk', type: 'single', label: { zh: '风险等级', en: 'Risk' }, options: [{ value: 'red', label: { zh: '红', en: 'Red' } }] },
            { id: 'sig', type: 'signature', label: { zh: '签名', en: 'Signature' } },
          ],
        },
      ],
    },
  ],
  indicators: [{ id: 'ind', label: { zh: '达标率', en: 'Rate' } }],
}

const state = (): StateDoc => ({
  inspection: assignment('x', 'submitted'),
  members: [{ username: 'li.hua', role: 'lead', operations: 3, last_change: 0, last_push: 0, last_pull: 0, pushes: 1, steps: ['site'] }],
  photos: { expected: 1, received: 1, missing: [] },
  score: {
    total: 8,
    max: 10,
    percent: 80,
    grade: null,
    conclusion: { status: 'pass', failures: [], incomplete: [] },
    indicators: [{ id: 'ind', status: 'pass', value: 1 }],
    sections: [{ id: 'fire', step: 'site', points: 8, max: 10, answered: 2, items: 3 }],
  },
  state: {
    status: 'submitted',
    items: {
      exits: {
        status: 'conflict',
        values: [
          { author: 'wang.fang', value: 'compliant', time: 1 },
          { author: 'zhang.wei', value: 'noncompliant', time: 2 },
        ],
      },
      risk: { status: 'agreed', value: 'red', values: [{ author: 'li.hua', value: 'red', time: 3 }] },
      sig: { status: 'agreed', value: { sha256: 'a'.repeat(64), signer: '赵院长' }, values: [] },
    },
    conflicts: ['exits'],
    findings: [
      {
        id: 'item:exits',
        item: 'exits',
        hazard: 'major',
        closed: false,
        author: 'zhang.wei',
        fields: {
          responsible: { status: 'agreed', value: '院长', values: [] },
          suggestion: { status: 'agreed', value: '清理通道', values: [] },
          deadline: { status: 'conflict', value: '2026-12-01', values: [] },
        },
      },
      { id: 'f-1', hazard: 'general', closed: false, author: 'li.hua', fields: { title: { status: 'agreed', value: '台账不全', values: [] } } },
    ],
    photos: [],
    notes: [{ target: 'exits', text: '二楼堆放杂物', author: 'zhang.wei' }],
  },
})

describe('an inspection, step by step', () => {
  it('shows each item’s value, a conflict with every author’s value, notes and the section score', () => {
    const [step] = stepViews(tpl, state(), 'zh')
    expect(step.owner).toBe('li.hua')
    expect(step.sections[0]).toMatchObject({ title: '消防', points: 8, max: 10 })
    const [exits, risk, sig] = step.sections[0].items
    expect(exits).toMatchObject({ conflict: true, value: '', notes: ['zhang.wei: 二楼堆放杂物'] })
    expect(exits.authors).toEqual([
      { author: 'wang.fang', value: '符合' },
      { author: 'zhang.wei', value: '不符合' },
    ])
    expect(risk.value).toBe('红')
    expect(sig.value).toBe('✍ 赵院长')
    expect(stepViews(tpl, state(), 'en')[0].sections[0].items[1].value).toBe('Red')
  })

  it('makes the three lists from the findings; a field in conflict shows empty', () => {
    const [a, b] = findingViews(tpl, state(), 'zh')
    expect(a).toMatchObject({ problem: '安全出口畅通', hazard: 'major', responsible: '院长', suggestion: '清理通道', deadline: '' })
    expect(b).toMatchObject({ problem: '台账不全', item: '' })
  })

  it('shows values as text whatever they hold', () => {
    expect(displayValue('<script>x</script>', undefined, 'zh')).toBe('<script>x</script>')
    expect(displayValue(['a', 'b'], undefined, 'zh')).toBe('a、b')
    expect(displayValue(null, undefined, 'zh')).toBe('')
  })
})

describe('dashboard', () => {
  it('counts pass rates over decided indicators only, bins scores, groups findings and regions', () => {
    const s1 = state()
    const s2 = state()
    s2.score = { ...s2.score, percent: 100, indicators: [{ id: 'ind', status: 'fail', value: 0 }, { id: 'other', status: 'incomplete', value: null }] }
    const d = dashboard(
      [
        { region: '长春', state: s1 },
        { region: '长春', state: s2 },
        { region: '', state: state() },
      ],
      (item) => (item === 'exits' ? '消防' : '其他'),
    )
    expect(d.passRates).toEqual([{ indicator: 'ind', pass: 2, fail: 1, rate: 2 / 3 }])
    expect(d.scoreBins[8].count).toBe(2) // 80
    expect(d.scoreBins[9].count).toBe(1) // 100 goes in the last bin
    expect(d.findingsByCategory).toEqual([
      { category: '其他', count: 3 },
      { category: '消防', count: 3 },
    ])
    expect(d.hazards).toEqual([
      { level: 'general', count: 3 },
      { level: 'major', count: 3 },
    ])
    expect(d.byRegion).toEqual([
      { region: '长春', count: 2 },
      { region: '—', count: 1 },
    ])
  })
})

describe('csv', () => {
  it('quotes commas, quotes and line breaks, defuses formulas, and starts with a BOM', () => {
    const text = toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['=1+1', 'line\nbreak'], [3, null]])
    expect(text).toBe('\uFEFFa,b\r\n"x,y","say ""hi"""\r\n\'=1+1,"line\nbreak"\r\n3,\r\n')
  })
})

describe('draw', () => {
  it('turns a ratio into a count rounded up, within the pool', () => {
    expect(drawCount('ratio', 0, 10, 95)).toBe(10)
    expect(drawCount('ratio', 0, 1, 5)).toBe(1)
    expect(drawCount('count', 50, 0, 12)).toBe(12)
    expect(drawCount('count', 0, 0, 12)).toBe(1)
    expect(drawCount('count', 3, 0, 0)).toBe(0)
  })
  it('names inspections by draw and institution, as ids the server accepts', () => {
    expect(inspectionIdFor(7, 'cc-fushou')).toBe('draw7-cc-fushou')
    expect(inspectionIdFor(7, 'a b/c')).toMatch(/^[A-Za-z0-9._-]+$/)
    expect(inspectionIdFor(7, 'x'.repeat(100)).length).toBe(64)
  })
})

describe('templates', () => {
  it('reads the server’s validation message into pointer and problem', () => {
    const p = templateProblems('/steps/0/sections/0/items/0/type: unknown item type "bogus"\n/steps/1/title: required field is missing\nsomething else')
    expect(p).toEqual([
      { pointer: '/steps/0/sections/0/items/0/type', message: 'unknown item type "bogus"' },
      { pointer: '/steps/1/title', message: 'required field is missing' },
      { pointer: '', message: 'something else' },
    ])
  })
  it('lists items added, removed or changed between versions', () => {
    const next: TemplateDoc = structuredClone(tpl)
    next.steps[0].sections[0].items[0].label.zh = '安全出口畅通无阻'
    next.steps[0].sections[0].items.pop()
    next.steps[0].sections[0].items.push({ id: 'new', type: 'text', label: { zh: '新增', en: 'New' } })
    const d = templateDiff(tpl, next, 'zh')
    expect(d.map((r) => r.item).sort()).toEqual(['exits', 'new', 'sig'])
    expect(d.find((r) => r.item === 'sig')!.right).toBe('')
    expect(d.find((r) => r.item === 'new')!.left).toBe('')
  })
})
