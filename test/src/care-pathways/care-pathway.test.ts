import { postGraphql } from '@hub/shared/testing';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const PATHWAY = `query($need: CareNeedInput!) { carePathway(need: $need) { checkedAt options {
  eligible canTakeNow placesAvailable reasons service { id name provider serviceType referralRoute }
} } }`;
// SUBJ-000001's situation as a caseworker would describe it: no name, no subject reference.
const POLISH_MAN = { age: 34, gender: 'MALE', nrmStage: 'POSITIVE_RG', languages: ['Polish', 'English'], area: 'Birmingham' };
const SERVICE_MAPPING = { as: 'ngo.caseworker', purpose: 'SERVICE_MAPPING', caseRef: null } as const;

interface Option {
  eligible: boolean;
  canTakeNow: boolean;
  placesAvailable: number | null;
  reasons: string[];
  service: { id: string; name: string };
}
const byId = (options: Option[], id: string) => options.find((o) => o.service.id === id)!;

describe('care pathways across charities, council and NHS (rule 10)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ scale: 30 });
  });
  afterAll(() => hub?.stop());

  it("lists who can take the person now first, with each partner's live capacity, and says why the others cannot", async () => {
    const { body } = await hub.query(PATHWAY, { need: POLISH_MAN }, SERVICE_MAPPING);
    expect(body.errors).toBeUndefined();
    const options: Option[] = body.data.carePathway.options;
    expect(options).toHaveLength(9);
    const ranks = options.map((o) => (o.canTakeNow ? 0 : o.eligible ? 1 : 2));
    expect(ranks).toEqual([...ranks].sort());

    expect(byId(options, 'adavu-long-term')).toMatchObject({ eligible: true, canTakeNow: true, reasons: [] });
    expect(byId(options, 'hope-at-home-hosting')).toMatchObject({
      eligible: false,
      canTakeNow: false,
      reasons: ['needs NRM stage POSITIVE_CG or NEGATIVE_CG (the person is at POSITIVE_RG)'],
    });
    expect(byId(options, 'barnardos-icta').reasons).toContain('takes people up to age 17');

    // Capacity comes from the partner that runs the service, not from the directory's nominal figure.
    const [{ beds }] = await hub.subgraphs['local-authority'].dataSource.query(
      `SELECT beds_available AS beds FROM reception_centres WHERE service_id = 'bcc-reception-centre'`,
    );
    const [{ slots }] = await hub.subgraphs.nhs.dataSource.query(
      `SELECT slots_available AS slots FROM health_services WHERE service_id = 'bsol-safeguarding-clinic'`,
    );
    expect(byId(options, 'bcc-reception-centre').placesAvailable).toBe(beds);
    expect(byId(options, 'bsol-safeguarding-clinic').placesAvailable).toBe(slots);
  });

  it('keeps to the kinds of service asked for', async () => {
    const { body } = await hub.query(PATHWAY, { need: { ...POLISH_MAN, serviceTypes: ['CASEWORK'] } }, SERVICE_MAPPING);
    expect(body.data.carePathway.options.map((o: Option) => o.service.id).sort()).toEqual(['adavu-long-term', 'refuge-modern-slavery']);
  });

  it('carries no personal data, so nothing is logged as disclosed', async () => {
    const { body } = await hub.query(PATHWAY, { need: POLISH_MAN }, SERVICE_MAPPING);
    const { rows } = await hub.audit!.pool.query('SELECT count(*)::int AS n FROM disclosure_records WHERE request_id = $1', [
      body.extensions!.requestId,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('refuses a malformed need clearly, and a caller without a token', async () => {
    const bad = await hub.query(PATHWAY, { need: { ...POLISH_MAN, age: 150 } }, SERVICE_MAPPING);
    expect(bad.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/need.age/), extensions: { code: 'BAD_USER_INPUT' } });
    const anonymous = await postGraphql(hub.gateway.url, PATHWAY, { need: POLISH_MAN });
    expect(anonymous.body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(anonymous.body.data?.carePathway).toBeUndefined();
  });

  it('never offers a place it cannot see: with the council down, its centre is listed with capacity unknown', async () => {
    await hub.subgraphs['local-authority'].stop();
    const { body } = await hub.query(PATHWAY, { need: POLISH_MAN }, SERVICE_MAPPING);
    const centre = byId(body.data.carePathway.options, 'bcc-reception-centre');
    expect(centre).toMatchObject({ placesAvailable: null, canTakeNow: false });
    expect(centre.reasons).toContain('its live capacity is not available right now');
    expect(byId(body.data.carePathway.options, 'adavu-long-term').canTakeNow).toBe(true);
  });
});
