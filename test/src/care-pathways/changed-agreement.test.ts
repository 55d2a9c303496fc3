import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGREEMENTS_DIR } from '@hub/gateway';
import { startTestHub, type TestHub } from '../helpers/test-hub';

const PATHWAY = `query($need: CareNeedInput!) { carePathway(need: $need) { options { canTakeNow service { id } } } }`;
const NEED = { age: 34, gender: 'MALE', nrmStage: 'POSITIVE_RG', languages: ['English'], area: 'Birmingham' };

/**
 * The pathway reads the directory itself, so it must obey the agreements like a client query:
 * if a partner withholds part of the directory from a recipient, that recipient gets no pathway
 * built on it — a refusal naming the rule — and everyone else is unaffected.
 */
describe('care pathways under an agreement that withholds part of the directory', () => {
  let hub: TestHub;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-agreements-'));
    const agreement = readFileSync(join(AGREEMENTS_DIR, 'isa-msht-west-midlands.yaml'), 'utf8');
    // A field rule goes with the rules, before the operation rules that end the file.
    const rule = `
  - id: R90-beds-not-to-charities
    description: The council keeps its live bed count from charities.
    effect: deny
    owner: local-authority
    fields: [ReceptionCentre.bedsAvailable]
    recipients: { partners: [ngo] }
`;
    if (!/\noperations:/.test(agreement)) throw new Error('the default agreement has no operations section to insert before');
    writeFileSync(join(dir, 'isa-msht-west-midlands.yaml'), agreement.replace(/\noperations:/, `${rule}\noperations:`));
    hub = await startTestHub({ scale: 20, agreementsDir: dir });
  });
  afterAll(async () => {
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the pathway to a charity, naming the rule, and serves it to the council', async () => {
    const charity = await hub.query(PATHWAY, { need: NEED }, { as: 'ngo.caseworker', purpose: 'SERVICE_MAPPING', caseRef: null });
    expect(charity.body.data?.carePathway ?? null).toBeNull();
    expect(charity.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'R90-beds-not-to-charities' });

    const council = await hub.query(PATHWAY, { need: NEED }, { as: 'la.safeguarding', purpose: 'SERVICE_MAPPING', caseRef: null });
    expect(council.body.errors).toBeUndefined();
    expect(council.body.data.carePathway.options.length).toBeGreaterThan(0);
  });
});
