import { Writable } from 'node:stream';
import { openTestLog } from '../testing/audit-test-log';
import { writeValidChain } from '../testing/bulk-records';
import { exportDisclosureLog } from './export-log';

let log: Awaited<ReturnType<typeof openTestLog>>;

beforeAll(async () => {
  log = await openTestLog();
  await writeValidChain(log.pool, {
    count: 12_345,
    writerId: 'export-test',
    from: new Date('2026-05-01T00:00:00Z'),
    spanDays: 60,
    seed: 'export',
  });
});

afterAll(() => log.close());

function collector(): Writable & { text(): string } {
  const chunks: string[] = [];
  return Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    }),
    { text: () => chunks.join('') },
  );
}

describe('exportDisclosureLog', () => {
  it('writes one JSON record per line, oldest first, exactly as hashed', async () => {
    const out = collector();
    expect(await exportDisclosureLog(log.pool, { format: 'jsonl', out })).toBe(12_345);
    const lines = out.text().trimEnd().split('\n');
    expect(lines).toHaveLength(12_345);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({ writerId: 'export-test', seq: 1, occurredAt: '2026-05-01T00:00:00.000Z', prevHash: '0'.repeat(64) });
    expect(first.fieldsDisclosed).toEqual(expect.any(Array));
  });

  it('writes CSV with a header, quoting as RFC 4180 asks and joining lists with ;', async () => {
    const out = collector();
    await exportDisclosureLog(log.pool, { format: 'csv', out });
    const lines = out.text().trimEnd().split('\r\n');
    expect(lines).toHaveLength(12_345 + 1);
    expect(lines[0]).toBe(
      'writerId,seq,occurredAt,requestId,operationName,operationHash,requesterId,requesterOrg,requesterRoles,purpose,lawfulBases,caseRef,agreements,ruleIds,owner,subjectType,subjectId,fieldsDisclosed,withheldJson,prevHash,hash,initiatorId,initiatorOrg,controllerOrg',
    );
    const withWithheld = lines.find((line) => line.includes('"[{""field""'))!;
    expect(withWithheld).toMatch(/,"\[\{""field"":""[A-Za-z.]+"",""rule"":""default-deny""/);
    expect(lines[1]).toMatch(/^export-test,1,2026-05-01T00:00:00.000Z,/);
    expect(lines.some((line) => /,[A-Za-z]+\.[a-zA-Z]+;[A-Za-z]+\.[a-zA-Z]+/.test(line))).toBe(true);
  });

  it('exports a period only', async () => {
    const out = collector();
    const count = await exportDisclosureLog(log.pool, {
      format: 'jsonl',
      out,
      from: new Date('2026-06-01T00:00:00Z'),
      to: new Date('2026-06-02T00:00:00Z'),
    });
    expect(count).toBeGreaterThan(150);
    expect(count).toBeLessThan(250);
    expect(out.text().trimEnd().split('\n')).toHaveLength(count);
  });
});
