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

/** One record received an hour before NOW, under this case reference; a referral's names its referrer as the initiator. */
let seq = 0;
async function storeRecord(
  requester: { id: string; org: string },
  caseRef: string | null,
  what = PERSONAL,
  initiator: { id: string; org: string } | null = null,
): Promise<void> {
  seq += 1;
  await log.pool.query(
    `INSERT INTO disclosure_records (writer_id, seq, occurred_at, request_id, operation_hash, requester_id, requester_org, requester_roles,
                                     purpose, lawful_bases, case_ref, agreements, rule_ids, owner, subject_type, subject_id,
                                     fields_disclosed, withheld_json, prev_hash, hash, initiator_id, initiator_org)
     VALUES ('anomaly-test', $1, $2, $3, 'op', $4, $5, '{SAFEGUARDING_LEAD}', $7, '{CONSENT}', $6, '{isa}', '{R1}',
             'nhs', $8, $9, $10, '[]', 'prev', 'hash', $11, $12)`,
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
      initiator?.id ?? null,
      initiator?.org ?? null,
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

describe('who a flag names', () => {
  it("judges a referral's case reference as the referrer's, and names the referrer, not the provider", async () => {
    // The records of a referral name the referral as the recipient's user and the provider as its organisation.
    const councilLead = { id: 'la.referrer', org: 'birmingham-city-council' };
    await storeRecord({ id: 'REF-2026-AAAAAAAAAA', org: 'adavu' }, 'JUNK-NOT-A-CASE', PERSONAL, councilLead);
    const charityWorker = { id: 'ngo.referrer', org: 'adavu' };
    await storeRecord({ id: 'REF-2026-BBBBBBBBBB', org: 'birmingham-city-council' }, 'ADAVU/2026/311', PERSONAL, charityWorker);
    const flagged = await outOfScheme();
    expect(flagged).toContain('birmingham-city-council la.referrer');
    expect(flagged).not.toContain('adavu REF-2026-AAAAAAAAAA');
    // A charity's own reference is not judged by the council's scheme because the council was the provider.
    expect(flagged).not.toContain('birmingham-city-council REF-2026-BBBBBBBBBB');
    expect(flagged).not.toContain('adavu ngo.referrer');
  });

  it("counts a referrer's referrals as their own volume", async () => {
    const referrer = { id: 'ngo.mass-referrer', org: 'hope-at-home' };
    for (let i = 0; i < 60; i++) await storeRecord({ id: `REF-2026-V${i}`, org: 'birmingham-city-council' }, 'HAH/1', PERSONAL, referrer);
    const spikes = (await findAnomalies(log.pool, NOW)).filter((a) => a.kind === 'VOLUME_SPIKE');
    expect(spikes).toContainEqual(expect.objectContaining({ requesterId: 'ngo.mass-referrer', requesterOrg: 'hope-at-home', count: 60 }));
  });

  it("lends a request's case reference only to records about the request's subject", async () => {
    const investigator = { id: 'police.own-request', org: 'west-midlands-police' };
    const requestId = await storeRequest(investigator, 'WMP/2026/0417');
    await storeRecord(investigator, requestId); // about SUBJ-000003, the request's subject
    expect(await outOfScheme()).not.toContain('west-midlands-police police.own-request');
    await storeRecord(investigator, requestId, { ...PERSONAL, subjectId: 'SUBJ-000010' });
    expect(await outOfScheme()).toContain('west-midlands-police police.own-request');
  });

  it("accepts the police's unit and operation references, as the README gives them", async () => {
    await storeRecord({ id: 'police.operation', org: 'west-midlands-police' }, 'WMP/OP-KESTREL/2026/17');
    await storeRecord({ id: 'police.unit', org: 'west-midlands-police' }, 'WMP/MSU/2026/0107');
    const flagged = await outOfScheme();
    expect(flagged).not.toContain('west-midlands-police police.operation');
    expect(flagged).not.toContain('west-midlands-police police.unit');
  });

  it('flags a charity user for personal data under no case reference (no scheme is registered for charities)', async () => {
    await storeRecord({ id: 'ngo.no-case', org: 'adavu' }, null);
    await storeRecord({ id: 'ngo.with-case', org: 'adavu' }, 'ADAVU/2026/311');
    const flagged = await outOfScheme();
    expect(flagged).toContain('adavu ngo.no-case');
    expect(flagged).not.toContain('adavu ngo.with-case');
  });
});
