import { parse } from 'csv-parse/sync';
import type { QuestionRow } from './qa-queries';
import { neutraliseFormula, QUESTION_CSV_COLUMNS, questionsCsv } from './qa-csv';

const row = (fields: Partial<QuestionRow>): QuestionRow => ({
  id: '7d1f6a52-3a39-4a0f-9f4a-1d7f8f3f0b11',
  panelId: '0b0a8f5e-9b0e-4c57-8d33-7f2f5a0e6c21',
  text: 'A question',
  status: 'approved',
  votes: 3,
  authorId: 'a4f0c1de-2222-4c33-8d44-555566667777',
  authorName: 'Ana Pereira',
  delegationId: null,
  delegationName: 'Brazil',
  delegationCode: 'BRA',
  delegationKind: 'member_state',
  addressedToId: null,
  addressedToName: null,
  answer: null,
  answeredByName: null,
  createdAt: new Date('2020-11-04T10:00:00.000Z'),
  approvedAt: new Date('2020-11-04T10:01:00.000Z'),
  answeredAt: null,
  ...fields,
});

describe('questions CSV', () => {
  it('should neutralise cells a spreadsheet would read as a formula', () => {
    for (const risky of ['=1+1', '+33 1 2', '-2', '@SUM(A1)', '\tx', '\rx']) {
      expect(neutraliseFormula(risky)).toBe(`'${risky}`);
    }
    expect(neutraliseFormula('Plain, with = inside')).toBe('Plain, with = inside');
  });

  it('should read back as written when text holds commas, quotes, line breaks and other scripts', () => {
    const text = 'Comma, "quoted" and\r\nnew line — 人工智能与版权?';
    const sut = questionsCsv([row({ text, answer: 'Yes,\n"no"', status: 'answered' })]);
    expect(sut.startsWith('\uFEFFid,askedAt,')).toBe(true);
    const [header, values] = parse(sut, { bom: true }) as string[][];
    expect(header).toEqual([...QUESTION_CSV_COLUMNS]);
    expect(values).toEqual([
      '7d1f6a52-3a39-4a0f-9f4a-1d7f8f3f0b11',
      '2020-11-04T10:00:00.000Z',
      'Ana Pereira',
      'Brazil',
      'BRA',
      '',
      text,
      'answered',
      '3',
      'Yes,\n"no"',
      '',
      '2020-11-04T10:01:00.000Z',
      '',
    ]);
  });

  it('should prefix an apostrophe to a question that starts like a formula', () => {
    const [, values] = parse(questionsCsv([row({ text: '=HYPERLINK("http://x","y")' })]), {
      bom: true,
    }) as string[][];
    expect(values[6]).toBe(`'=HYPERLINK("http://x","y")`);
  });
});
