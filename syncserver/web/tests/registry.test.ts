import { describe, expect, it } from 'vitest'
import { cellText, parseCsv, parseRegistry } from '../src/registry'

describe('CSV', () => {
  it('reads quoted fields with commas, doubled quotes, line breaks, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n"two\nlines",\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', ''],
    ])
  })
})

describe('registry rows', () => {
  it('takes Chinese or English headers in any order and reads every field', () => {
    const r = parseRegistry([
      ['床位', '机构名称', '编号', '地区', '地址', '回避人员', '机构类型'],
      ['120', '长春市福寿养老院', 'cc-fushou', '吉林省长春市', '朝阳区', 'zhao.lei，liu.min', '公建民营'],
    ])
    expect(r.headerProblem).toBeNull()
    expect(r.rows[0]).toMatchObject({ line: 2, id: 'cc-fushou', name: '长春市福寿养老院', beds: 120, type: '公建民营', linked_inspectors: ['zhao.lei', 'liu.min'], problems: [] })
  })

  it('names every problem of every row, as the server would refuse it', () => {
    const r = parseRegistry([
      ['id', 'name', 'beds', 'avoidance'],
      ['bad id', 'A', '12', ''],
      ['ok-1', '', 'twelve', ''],
      ['ok-1', 'B', '-3', 'bad/name'],
      ['ok-2', '长'.repeat(67), '', ''],
      ['', '', '', ''],
      ['ok-3', '<script>alert(1)</script>', '0', ''],
    ])
    const problems = r.rows.map((row) => row.problems.join(' | '))
    expect(problems[0]).toMatch(/may hold only letters/)
    expect(problems[1]).toMatch(/name is empty/)
    expect(problems[1]).toMatch(/"twelve" is not a whole number/)
    expect(problems[2]).toMatch(/repeats row 3/)
    expect(problems[2]).toMatch(/"-3"/)
    expect(problems[2]).toMatch(/avoidance "bad\/name" is not a username/)
    expect(problems[3]).toMatch(/201 bytes, more than 200/)
    expect(r.rows.map((row) => row.line)).toEqual([2, 3, 4, 5, 7]) // the empty row is skipped, line numbers kept
    expect(r.rows[4]).toMatchObject({ name: '<script>alert(1)</script>', problems: [] })
  })

  it('refuses a file without the id and name columns, or with no rows', () => {
    expect(parseRegistry([['名称', '地址'], ['x', 'y']]).headerProblem).toMatch(/lacks the column\(s\) id/)
    expect(parseRegistry([]).headerProblem).toMatch(/empty/)
    expect(parseRegistry([['id', 'name']]).headerProblem).toMatch(/no institutions/)
  })
})

describe('XLSX cells', () => {
  it('reads rich text, formula results, dates and plain values as text', () => {
    expect(cellText({ richText: [{ text: '福' }, { text: '寿' }] })).toBe('福寿')
    expect(cellText({ formula: 'A1*2', result: 24 })).toBe('24')
    expect(cellText(new Date(Date.UTC(2026, 0, 5)))).toBe('2026-01-05')
    expect(cellText(12)).toBe('12')
    expect(cellText(null)).toBe('')
  })
})
