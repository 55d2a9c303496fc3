import { parseHubHeaders } from './hub-headers';

const from = (headers: Record<string, string>) => (name: string) => headers[name];

describe('parseHubHeaders', () => {
  it('reads purpose, lawful basis and case reference', () => {
    expect(
      parseHubHeaders(
        from({ 'x-hub-purpose': 'IDENTIFY_VICTIMS', 'x-hub-lawful-basis': 'CDA_1998_S115', 'x-hub-case-ref': 'WMP/2026/0412' }),
      ),
    ).toEqual({ purpose: 'IDENTIFY_VICTIMS', lawfulBasis: 'CDA_1998_S115', caseRef: 'WMP/2026/0412' });
  });

  it('gives nulls when the headers are absent', () => {
    expect(parseHubHeaders(from({}))).toEqual({ purpose: null, lawfulBasis: null, caseRef: null });
  });

  it.each([
    [{ 'x-hub-purpose': 'CURIOSITY' }, /X-Hub-Purpose "CURIOSITY" is not a purpose/],
    [{ 'x-hub-purpose': 'identify_victims' }, /is not a purpose/],
    [{ 'x-hub-lawful-basis': 'DPA_1998_S29' }, /X-Hub-Lawful-Basis "DPA_1998_S29" is not a lawful basis/],
    [{ 'x-hub-case-ref': "1'; DROP TABLE x" }, /X-Hub-Case-Ref must be/],
    [{ 'x-hub-case-ref': 'ab' }, /X-Hub-Case-Ref must be/],
  ])('rejects %j clearly', (headers, message) => {
    expect(() => parseHubHeaders(from(headers as Record<string, string>))).toThrow(message);
  });
});
