import { randomUUID } from 'node:crypto';
import { openTestLog } from '../testing/audit-test-log';
import { findAnomalies } from './anomalies';

let log: Awaited<ReturnType<typeof openTestLog>>;
const NOW = new Date('2026-11-30T12:00:00Z');

beforeAll(async () => {
  log = await openTestLog();
});

afterAll(() => log.close());

/** An information request as the request store keeps it: only what the anomaly report reads matters here. */
async function storeRequest(requester: { id: string; org: string }, caseRef: string): Promise<string> {
  const id = randomUUID();
  await log.pool.query(
    `INSERT INTO information_requests (id, created_at, requester_issuer, requester_id, requester_org, declared_name, declared_role,
                                       subject_id, purpose, lawful_basis, case_ref, reason, tipping_off)
     VALUES ($1, $2, 'https://idp.test', $3, $4, 'A Name', 'A Role', 'SUBJ-000003', 'IDENTIFY_VICTIMS', 'CONSENT', $5, 'a reason', false)`,
    [id, new Date(NOW.getTime() - 7_200_000), requester.id, requester.org, caseRef],
  );
  return id;
}

/** What a record disclosed: a subject's personal data, or statistics (no subject, as the shaper accounts them). */
interface Disclosed {
  purpose: string;
  subjectType: string | null;
  subjectId: string | null;
  fields: string[];
}
const PERSONAL: Disclosed = {
  purpose: 'IDENTIFY_VICTIMS',
  subjectType: 'Person',
  subjectId: 'SUBJ-000003',
  fields: ['HealthRecord.attendances'],
};
const STATISTICS: Disclosed = {
  purpose: 'STATISTICS',
  subjectType: null,
  subjectId: null,
  fields: ['Statistics.health', 'StatCount.count'],
};

/** One record received an hour before NOW, under this case reference. */
let seq = 0;
async function storeRecord(requester: { id: string; org: string }, caseRef: string | null, what = PERSONAL): Promise<void> {
  seq += 1;
  await log.pool.query(
    `INSERT INTO disclosure_records (writer_id, seq, occurred_at, request_id, operation_hash, requester_id, requester_org, requester_roles,
                                     purpose, lawful_bases, case_ref, agreements, rule_ids, owner, subject_type, subject_id,
                                     fields_disclosed, withheld_json, prev_hash, hash)
     VALUES ('anomaly-test', $1, $2, $3, 'op', $4, $5, '{SAFEGUARDING_LEAD}', $7, '{CONSENT}', $6, '{isa}', '{R1}',
             'nhs', $8, $9, $10, '[]', 'prev', 'hash')`,
    [
      seq,
      new Date(NOW.getTime() - 3_600_000),
      randomUUID(),
      requester.id,
      requester.org,
      caseRef,
      what.purpose,
      what.subjectType,
      what.subjectId,
      what.fields,
    ],
  );
}

const outOfScheme = async () =>
  (await findAnomalies(log.pool, NOW)).filter((a) => a.kind === 'CASE_REF_OUT_OF_SCHEME').map((a) => `${a.requesterOrg} ${a.requesterId}`);

describe("a request's id as the case reference", () => {
  it("is judged by the request's own case reference for the user who made it", async () => {
    const lead = { id: 'la.lead', org: 'birmingham-city-council' };
    await storeRecord(lead, await storeRequest(lead, 'BCC/MSHT/2026/0042'));
    expect(await outOfScheme()).not.toContain('birmingham-city-council la.lead');
  });

  it('lends nothing to a user of the same id in another organisation: their record is judged by what they gave', async () => {
    // A police request whose reference happens to fit the council's scheme, and a council user
    // with the police user's id who gives that request's id as their case reference.
    const requestId = await storeRequest({ id: 'shared.id', org: 'west-midlands-police' }, 'BCC/MSHT/2026/0043');
    await storeRecord({ id: 'shared.id', org: 'birmingham-city-council' }, requestId);
    expect(await outOfScheme()).toContain('birmingham-city-council shared.id');
  });
});

describe('records with no case reference', () => {
  it('flags personal data received without one', async () => {
    await storeRecord({ id: 'police.no-case', org: 'west-midlands-police' }, null);
    expect(await outOfScheme()).toContain('west-midlands-police police.no-case');
  });

  it('does not flag statistics: read under STATISTICS with no case reference by design, about no subject', async () => {
    await storeRecord({ id: 'police.statistician', org: 'west-midlands-police' }, null, STATISTICS);
    expect(await outOfScheme()).not.toContain('west-midlands-police police.statistician');
  });
});
