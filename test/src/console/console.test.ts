import type { BrowserContext, Locator, Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoUser, type Role } from '@hub/shared';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { startFakeOidcProvider } from './fake-oidc-provider';
import {
  axeViolations,
  choosePurpose,
  go,
  launchChromium,
  newPage,
  screenshot,
  seriousOrCritical,
  signIn,
  signOut,
  writeMetrics,
} from './browser';

/**
 * The partner console in Debian's Chromium (playwright-core), against the whole hub on free ports:
 * each job end to end as its user does it, the agreement at work on screen, and axe-core on
 * every page. Screenshots and figures go to .ci/artifacts/console/.
 */
describe('the partner console in a browser', () => {
  let hub: TestHub;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: BrowserContext;
  let base: string;
  let idp: Awaited<ReturnType<typeof startFakeOidcProvider>>;
  let issuersDir: string;
  const LEAD = demoUser('la.safeguarding')!;
  const approveAtIdp = (roles: readonly Role[]) =>
    hub.store.approve({ issuer: idp.url, userId: LEAD.id, org: LEAD.org, roles: [...roles], ...LEAD.approval! });
  const began = Date.now();
  const durations: Record<string, number> = {};

  beforeAll(async () => {
    // A partner identity provider the hub trusts for the council, with the console as its client.
    idp = await startFakeOidcProvider({ sub: 'la.safeguarding', org: 'birmingham-city-council', roles: ['SAFEGUARDING_LEAD'] });
    issuersDir = mkdtempSync(join(tmpdir(), 'hub-issuers-'));
    const issuersFile = join(issuersDir, 'issuers.json');
    writeFileSync(
      issuersFile,
      JSON.stringify([
        {
          issuer: idp.url,
          orgs: ['birmingham-city-council'],
          jwksUri: `${idp.url}/jwks`,
          oidc: { authority: idp.url, clientId: 'hub-console' },
        },
      ]),
    );
    hub = await startTestHub({ trustedIssuersFile: issuersFile });
    // The registry knows a user as (issuer, subject): the council's representative approves the
    // lead as the council's own provider vouches for them, with the same approval as the demo one.
    await approveAtIdp(LEAD.roles);
    chromium = await launchChromium();
    browser = chromium.context;
    base = hub.gateway.url.replace(/graphql$/, '');
  }, 240_000);

  afterAll(async () => {
    await chromium?.close();
    await hub?.stop();
    await idp?.stop();
    rmSync(issuersDir, { recursive: true, force: true });
    writeMetrics('browser-suite', { seconds: (Date.now() - began) / 1000, tests: durations });
  });

  /** Each scenario in a fresh browser context; no page error or CSP violation may occur in it. */
  async function scenario(name: string, run: (page: Page) => Promise<void>, expected: RegExp[] = []): Promise<void> {
    const started = Date.now();
    const { page, errors } = await newPage(browser);
    try {
      await run(page);
    } catch (error) {
      await screenshot(page, `failed-${name}`).catch(() => undefined);
      throw error;
    } finally {
      await page.close();
      durations[name] = (Date.now() - started) / 1000;
    }
    expect(errors.filter((e) => !expected.some((x) => x.test(e)))).toEqual([]);
  }

  async function openSubject(page: Page, id: string): Promise<void> {
    await go(page, `/subject/${id}`);
    await page.locator('.panels').waitFor();
    // Every "what would be needed" has come back from explainAccess.
    await expectNoText(page, 'asking the hub…');
  }

  const CASE = 'WMP/OP-KESTREL/2026/17';
  /** An information request of the investigator's to the NHS, made through the API (the UI's own path is tested below). */
  async function askNhs(fields: string[], reason: string): Promise<string> {
    const { body } = await hub.query(
      `mutation($input: InformationRequestInput!) { requestInformation(input: $input) { id } }`,
      {
        input: {
          subjectId: 'SUBJ-000003',
          owners: ['nhs'],
          fields,
          purpose: 'CRIMINAL_ACTIVITY',
          lawfulBasis: 'DPA_2018_SCH2_PARA2',
          caseRef: CASE,
          reason,
          declaration: { accepted: true, name: 'DS Jane Hollis', role: 'Detective Sergeant' },
        },
      },
      { as: 'police.investigator', purpose: 'CRIMINAL_ACTIVITY', caseRef: CASE },
    );
    expect(body.errors).toBeUndefined();
    return body.data.requestInformation.id as string;
  }

  it('a council safeguarding lead finds SUBJ-000001: four partner panels, NHS clinical notes withheld with rule and reason, the view recorded', async () => {
    await scenario('council-one-view', async (page) => {
      await signIn(page, base, 'la.safeguarding');
      await go(page, '/subject');
      // The purpose checkpoint comes before any personal data, offering only approved purposes.
      await page.locator('form.checkpoint').waitFor();
      const purposes = await page.locator('form.checkpoint').getByLabel('Purpose', { exact: true }).locator('option').allTextContents();
      expect(purposes).toEqual([
        'Choose a purpose',
        'Identify risk of harm',
        'Identify victims',
        'Coordinated response',
        'Safeguarding referral',
        'Risk assessment',
        'Service mapping',
      ]);
      await page.locator('form.checkpoint').getByRole('button', { name: 'Continue' }).click();
      await page.getByText('Choose the purpose you are looking for.').waitFor();
      await screenshot(page, 'purpose-checkpoint');
      await choosePurpose(page, 'IDENTIFY_VICTIMS', 'BCC/MSHT/2026/0042');
      await expectText(page.getByTestId('purpose-bar'), 'Identify victims');
      await expectText(page.getByTestId('purpose-bar'), 'BCC/MSHT/2026/0042');

      await page.getByLabel('Subject references').fill('SUBJ-000001');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('link', { name: 'SUBJ-000001' }).click();
      await page.locator('.panels').waitFor();
      await expectNoText(page, 'asking the hub…');

      const headings = await page.locator('.panel h2').allTextContents();
      expect(headings).toEqual(['West Midlands Police', 'Birmingham City Council', 'Birmingham and Solihull NHS', 'Charities (support)']);
      await expectText(panel(page, 'police'), 'Tomasz Nowak');
      await expectText(panel(page, 'local-authority'), 'BCC-HOU-000001');
      await expectText(panel(page, 'nhs'), 'Birmingham Heartlands Hospital');
      await expectText(panel(page, 'ngo'), 'The Adavu Project');

      // R6 is decided on the record: at the field the console says what the rule is (the same
      // whatever the record holds), never that the notes were withheld.
      const nhs = panel(page, 'nhs');
      const cells = nhs.locator('td[data-field="person.health.attendances.clinicalNotes"]');
      await expectText(
        cells.first(),
        'Not shown unless: the subject is a child and under a s47 enquiry — R6-clinical-notes-child-safeguarding',
      );
      for (const text of await cells.allTextContents()) expect(text).not.toMatch(/withheld/i);
      const notes = nhs.locator('.notice-list [data-field="person.health.attendances.clinicalNotes"]');
      await expectText(notes.getByTestId('notice-rule'), 'R6-clinical-notes-child-safeguarding');
      await expectText(notes.getByTestId('notice-reason'), 'Clinical notes go to council safeguarding leads only for a child');
      expect(await notes.textContent()).not.toMatch(/withheld/i);
      // Why, for this subject: explainAccess, asked when the user wants it.
      await notes.getByRole('button', { name: 'Why, for this subject?' }).click();
      await expectText(notes.getByTestId('explanation'), 'subjectIsChild');
      // A field withheld before execution is still "Withheld", with its rule and reason, in place.
      await expectText(nhs.locator('.record [data-field="person.health.nhsNumber"]'), 'Withheld — no-matching-rule');
      const nhsNumber = nhs.locator('.withheld-item', { has: page.locator('[data-field="person.health.nhsNumber"]') });
      await expectText(nhsNumber.getByTestId('withheld-reason'), 'no agreement in force shares HealthRecord.nhsNumber');

      await expectText(page.locator('.handling .marking'), 'OFFICIAL-SENSITIVE');
      await expectText(page.locator('.handling'), 'No onward disclosure without the written consent of Birmingham and Solihull NHS');
      await expectText(page.getByTestId('receipt'), 'This view was recorded');
      await screenshot(page, 'subject-one-view');
    });
  });

  it('a police analyst opens SUBJ-000003 and is told rule 8 withheld the restricted address', async () => {
    await scenario('analyst-restricted-address', async (page) => {
      await signIn(page, base, 'police.analyst');
      await go(page, '/subject/SUBJ-000003');
      await choosePurpose(page, 'IDENTIFY_VICTIMS', 'WMP/MSU/2026/0107');
      await page.locator('.panels').waitFor();
      await expectNoText(page, 'asking the hub…');
      const police = panel(page, 'police');
      await expectText(police, 'Elena Popescu');
      // R8 is decided on the record and signposted: whoever would see the address is told, in place,
      // that rule 8 withheld it (the agreement's choice, logged), so they know not to look for it.
      const rule = 'Not shown if: the address is restricted (a safe house) — R8-restricted-address';
      const address = police.locator('.record [data-field="person.police.currentAddress"]').first();
      await expectText(address, 'Withheld — R8-restricted-address');
      const notice = police.locator('.notice-list [data-field="person.police.currentAddress"]');
      await expectText(notice.getByTestId('notice-rule'), 'R8-restricted-address');
      await expectText(
        notice.getByTestId('notice-reason'),
        'A restricted address goes only to police investigators and council safeguarding leads',
      );
      // The restriction flag itself is withheld before execution: "Withheld", rule and reason in place.
      await expectText(police.locator('.record [data-field="person.police.addressRestricted"]'), 'Withheld — R8-restricted-address-flag');
      // The council's part came back null: nothing this agreement shares (never "no record held"),
      // with the rule that applies there.
      const council = panel(page, 'local-authority');
      await expectText(council.getByTestId('nothing-shared'), 'Nothing this agreement shares with you');
      expect(await council.textContent()).not.toMatch(/no record|holds nothing about/i);
      await expectText(council.locator('.notice-list [data-field="person.localAuthority.housing.address"]'), 'R8-restricted-address');
      // The NHS and the charities share nothing with an analyst: withheld whole, with the rule.
      for (const partner of ['nhs', 'ngo']) {
        await expectText(panel(page, partner).locator('.status-line'), 'Withheld');
        await expectText(panel(page, partner).getByTestId('withheld-rule').first(), 'no-matching-rule');
      }
      await screenshot(page, 'subject-restricted-address');

      // Whatever the record holds: SUBJ-000001's address is not restricted, is shown, and the field names the same rule.
      await go(page, '/subject/SUBJ-000001');
      await expectText(panel(page, 'police'), 'Tomasz Nowak');
      const shown = panel(page, 'police').locator('.record [data-field="person.police.currentAddress"]').first();
      await expectText(shown, '14 Lozells Road');
      await expectText(shown, rule);
    });
  });

  it('a police investigator opens a location: licences, occupants, intelligence and linked people', async () => {
    await scenario('location', async (page) => {
      await signIn(page, base, 'police.investigator');
      await go(page, '/location');
      await choosePurpose(page, 'IDENTIFY_VICTIMS', 'WMP/MSU/2026/0107');
      await page.getByLabel('Property reference (UPRN)').fill('100070000001');
      await page.getByRole('button', { name: 'Open' }).click();
      await page.locator('.panels').waitFor();
      await expectText(panel(page, 'local-authority'), 'HMO licence');
      await expectText(panel(page, 'local-authority').locator('[data-field="location.reportedOccupants"]'), '9');
      await expectText(panel(page, 'police'), 'Suspected overcrowded multi-occupancy house');
      await expectText(panel(page, 'police').locator('[data-field="location.intelligence"]'), 'Handling code');
      await panel(page, 'police').getByRole('link', { name: 'SUBJ-000001' }).waitFor();
      await expectText(page.getByTestId('receipt'), 'This view was recorded');
      await screenshot(page, 'location');
    });
  });

  it('a caseworker runs the care pathway for a 15-year-old and is offered only services that take children', async () => {
    await scenario('care-pathway', async (page) => {
      await signIn(page, base, 'ngo.caseworker');
      await go(page, '/care-pathway');
      await page.getByLabel('Age', { exact: true }).fill('15');
      await page.getByLabel('Gender', { exact: true }).selectOption('MALE');
      await page.getByLabel('NRM stage').selectOption('REFERRED');
      await page.getByLabel('Area', { exact: true }).fill('Birmingham');
      await page.getByRole('button', { name: 'Find services' }).click();
      await page.locator('.option').first().waitFor();
      const now = page.locator('.option-now');
      expect(await now.count()).toBeGreaterThan(0);
      // ICTA is the child trafficking advocacy service; nothing that takes only adults is offered.
      await expectText(page.locator('.options'), 'Independent Child Trafficking Advocacy');
      for (const text of await now.allTextContents()) {
        expect(text).not.toMatch(/aged 18 or over/);
        expect(text).toMatch(/Can take now/);
      }
      for (const option of await page.locator('.option', { hasText: 'aged 18 or over' }).all()) {
        await expectText(option, 'Cannot take');
        await expectText(option.locator('.reasons'), 'takes people aged 18 and over');
      }
      await screenshot(page, 'care-pathway');
    });
  });

  it('statistics for a whole period that has ended: every group listed, suppressed counts as suppressed (never zero), perturbed ones marked', async () => {
    await scenario('statistics', async (page) => {
      await signIn(page, base, 'la.safeguarding');
      await go(page, '/statistics');
      await page.getByRole('button', { name: 'Use purpose: Statistics' }).click();
      await page.locator('.stats-partner').first().waitFor();
      // It opens on the last complete quarter (or year), and offers only periods that have ended.
      const period = page.getByLabel('Period', { exact: true });
      expect(await period.inputValue()).toMatch(/^\d{4}(-Q[1-4])?$/);
      const today = new Date().toISOString().slice(0, 10);
      for (const value of await period.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))) {
        expect(periodEnd(value) <= today).toBe(true);
      }
      await expectText(page.locator('.stats-period'), 'Figures for');

      // The demo data's busiest whole year.
      await page.getByRole('radio', { name: 'Year' }).check();
      await period.selectOption('2025');
      await expectText(page.locator('.stats-period'), 'Figures for 2025 (whole year)');
      await page.locator('.stats-partner').first().waitFor();
      const suppressed = page.locator('td[data-suppressed]');
      expect(await suppressed.count()).toBeGreaterThan(0);
      for (const text of await suppressed.allTextContents()) expect(text).toBe('Suppressed');
      await expectText(page.locator('td[data-rounded]').first(), '≈');
      // Every group of the published list: twenty nationalities, "Not recorded" and "Other".
      const nationality = panel(page, 'police').locator('table', { has: page.locator('caption', { hasText: 'by nationality' }) });
      expect(await nationality.locator('tbody tr').count()).toBe(22);
      // The council owns its counts: exact, so a 0 there is the council's own figure; nowhere else is a 0 shown.
      for (const partner of ['police', 'nhs', 'ngo']) {
        for (const text of await panel(page, partner).locator('td.num').allTextContents()) expect(text).not.toMatch(/^\s*0\s*$/);
      }
      expect(await page.locator('.chart canvas').count()).toBeGreaterThan(0);
      await screenshot(page, 'statistics');

      // A month works the same way.
      await page.getByRole('radio', { name: 'Month' }).check();
      expect(await period.inputValue()).toMatch(/^\d{4}-\d\d$/);
      await page.locator('.stats-partner').first().waitFor();
      await expectText(page.locator('.stats-period'), 'Figures for');
    });
  });

  it('an auditor filters the log by subject, opens a record, verifies the log and downloads an export that matches the API', async () => {
    await scenario('auditor', async (page) => {
      await signIn(page, base, 'hub.auditor');
      await go(page, '/audit');
      await page.getByRole('button', { name: 'Use purpose: Audit' }).click();
      await page.getByRole('form', { name: 'Filter the log' }).getByLabel('Subject', { exact: true }).fill('SUBJ-000001');
      await page.getByRole('button', { name: 'Show records' }).click();
      await expectNoText(page, 'Loading the records');
      const subjects = await page.locator('.log-table tbody tr td:nth-child(5)').allTextContents();
      expect(subjects.length).toBeGreaterThan(0);
      expect(new Set(subjects)).toEqual(new Set(['SUBJ-000001']));

      await page.locator('.log-table tbody tr').first().getByRole('button').click();
      const detail = page.locator('.record-detail');
      await expectText(detail, 'Fields disclosed');
      await expectText(detail, 'SUBJ-000001');

      await page.getByRole('button', { name: 'Verify the log' }).click();
      await expectText(page.getByTestId('verify-result'), 'Intact');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download export' }).click()]);
      const rows = readFileSync((await download.path())!, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      const nodes: Record<string, unknown>[] = [];
      for (let after: string | null = null; ;) {
        const api = await hub.query(
          `query ($after: String) { disclosures(filter: { subjectId: "SUBJ-000001" }, first: 50, after: $after) {
            edges { node { id occurredAt requesterId requesterOrg purpose owner subjectId fieldsDisclosed rules fieldsWithheld { field rule reason } hash } }
            pageInfo { hasNextPage endCursor } } }`,
          { after },
          { as: 'hub.auditor', purpose: 'AUDIT', caseRef: null },
        );
        expect(api.body.errors).toBeUndefined();
        const page: { edges: { node: Record<string, unknown> }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } =
          api.body.data.disclosures;
        nodes.push(...page.edges.map((e) => e.node));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(rows.length).toBe(nodes.length);
      expect(rows.map((r) => Object.fromEntries(Object.keys(nodes[0]!).map((k) => [k, r[k]])))).toEqual(nodes);
      await screenshot(page, 'disclosure-log');
    });
  });

  it("signs in with the council's identity provider (OpenID Connect, code + PKCE), keeping the token in memory only", async () => {
    await scenario('oidc-sign-in', async (page) => {
      await page.goto(base);
      await page.getByRole('button', { name: 'Sign in with Birmingham City Council' }).click();
      await page.getByTestId('signed-in-as').filter({ hasText: 'la.safeguarding' }).waitFor();
      expect(idp.seen).toEqual({ pkce: true, tokenRequests: 1 });
      expect(new URL(page.url()).pathname).toBe('/');
      // The hub accepted the provider's access token: the user's approval is on the start page.
      await expectText(page.locator('main'), 'approved by la.representative');
      const storage = await page.evaluate(() => ({
        local: window.localStorage.length,
        session: Object.keys(window.sessionStorage).map((k) => `${k}=${window.sessionStorage.getItem(k)}`),
      }));
      expect(storage).toEqual({ local: 0, session: [] });
    });
  });

  it('a token whose roles disagree with the hub’s registry is refused, and the sign-in page says why', async () => {
    await scenario(
      'registry-disagrees',
      async (page) => {
        // The representative has since approved the lead as a housing officer; the provider still says safeguarding lead.
        await approveAtIdp(['HOUSING_OFFICER']);
        try {
          await page.goto(base);
          await page.getByRole('button', { name: 'Sign in with Birmingham City Council' }).click();
          const reason = page.locator('.sign-in [role="alert"]');
          await expectText(reason, 'token claim "roles" disagrees with the hub\'s registry for this user');
          await expectText(reason, 'representative');
          expect(await page.getByTestId('signed-in-as').count()).toBe(0);
          await screenshot(page, 'sign-in-refused');
        } finally {
          await approveAtIdp(LEAD.roles);
        }
        // Chromium reports the refused request (401) on its console; nothing else may go wrong.
      },
      [/status of 401 \(Unauthorized\)/],
    );
  });

  it('keyboard only: skip link, sign-in, the checkpoint and a subject, with visible focus', async () => {
    await scenario('keyboard', async (page) => {
      await page.goto(base);
      await page.getByLabel('Demo user').waitFor();
      await tabTo(page, '', 'SELECT');
      expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/user/);
      await page.keyboard.type('Adult Safeguarding');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.getByTestId('signed-in-as').waitFor();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).backgroundColor);
      expect(outline).toBe('rgb(255, 191, 71)');
      await page.keyboard.press('Enter');
      // From the main content, Tab reaches the job links; Enter follows one.
      await tabTo(page, 'Subjects');
      await page.keyboard.press('Enter');
      await page.locator('form.checkpoint').waitFor();
      await tabTo(page, 'Choose a purpose');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await tabTo(page, '', 'INPUT');
      await page.keyboard.type('BCC/MSHT/2026/0042');
      await page.keyboard.press('Enter');
      await page.getByLabel('Subject references').waitFor();
      await tabTo(page, '', 'INPUT');
      await page.keyboard.type('SUBJ-000002');
      await page.keyboard.press('Enter');
      await page.getByRole('link', { name: 'SUBJ-000002' }).waitFor();
      await tabTo(page, 'SUBJ-000002');
      await page.keyboard.press('Enter');
      await page.locator('.panels').waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    });
  });

  it('axe-core finds no serious or critical violation on any page', async () => {
    const found: Record<string, string[]> = {};
    const check = async (page: Page, name: string) => {
      await expectNoText(page, 'Loading');
      found[name] = seriousOrCritical(await axeViolations(page));
    };
    await scenario('axe', async (page) => {
      await page.goto(base);
      await page.getByLabel('Demo user').waitFor();
      await check(page, 'sign-in');
      await screenshot(page, 'sign-in');
      await signIn(page, base, 'la.safeguarding');
      await check(page, 'home');
      await screenshot(page, 'home');
      await go(page, '/subject');
      await page.locator('form.checkpoint').getByRole('button', { name: 'Continue' }).click();
      await check(page, 'purpose-checkpoint-with-errors');
      await choosePurpose(page, 'IDENTIFY_VICTIMS', 'BCC/MSHT/2026/0042');
      await page.getByLabel('Subject references').fill('SUBJ-000001 SUBJ-000002');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.locator('table.results').waitFor();
      await check(page, 'subject-search');
      await screenshot(page, 'subject-search');
      await openSubject(page, 'SUBJ-000001');
      await check(page, 'subject-one-view');
      await go(page, '/location/100070000001');
      await page.locator('.panels').waitFor();
      await check(page, 'location');
      await go(page, '/care-pathway');
      await page.getByLabel('Age', { exact: true }).fill('34');
      await page.getByLabel('Gender', { exact: true }).selectOption('MALE');
      await page.getByLabel('NRM stage').selectOption('POSITIVE_RG');
      await page.getByRole('button', { name: 'Find services' }).click();
      await page.locator('.option').first().waitFor();
      await check(page, 'care-pathway');
      await go(page, '/statistics');
      await page.getByRole('button', { name: 'Use purpose: Statistics' }).click();
      await page.locator('.stats-partner').first().waitFor();
      await check(page, 'statistics');
      await go(page, '/agreements');
      await page.locator('.agreement').waitFor();
      await check(page, 'agreements');
      await signOut(page);
      await signIn(page, base, 'hub.auditor');
      await go(page, '/audit');
      await page.getByRole('button', { name: 'Use purpose: Audit' }).click();
      await page.locator('.log-table').waitFor();
      await page.locator('.log-table tbody tr').first().getByRole('button').click();
      await page.getByRole('button', { name: 'Look for anomalies' }).click();
      await page.getByRole('button', { name: 'Show reads' }).click();
      await page.locator('.card', { hasText: 'Reads of the log' }).locator('table').waitFor();
      await check(page, 'disclosure-log');
      // An auditor reads any organisation's approvals (purpose AUDIT, already chosen).
      await go(page, '/approvals');
      await page.getByLabel('Organisation').selectOption('west-midlands-police');
      await page.locator('tr[data-user="police.analyst"]').waitFor();
      await check(page, 'approvals-auditor');
      await signOut(page);
      await signIn(page, base, 'police.representative');
      await go(page, '/agreements');
      await page.getByLabel('Reason for suspending (ISA 13.2)').waitFor();
      await check(page, 'agreements-representative');
      await screenshot(page, 'agreements');
      // Approvals, with the form's errors in words.
      await go(page, '/approvals');
      await page.getByRole('button', { name: 'Approve a user' }).click();
      await page.getByRole('button', { name: 'Approve', exact: true }).click();
      await page.getByText('Choose at least one role.').waitFor();
      await check(page, 'approvals');
      await signOut(page);
      // The request form (its errors in words) and the sent box; then the inbox with a pending request.
      const pending = await askNhs(['HealthRecord.safeguardingFlags'], 'A pending request for the accessibility scan of the inbox.');
      await signIn(page, base, 'police.investigator');
      await go(page, '/requests/new?subject=SUBJ-000003&owner=nhs&fields=Person.health');
      await choosePurpose(page, 'CRIMINAL_ACTIVITY', CASE);
      await page.getByRole('button', { name: 'Send the request' }).click();
      await page.getByText('Confirm the declaration').first().waitFor();
      await check(page, 'request-form-with-errors');
      await go(page, '/requests');
      await page.locator(`[data-request="${pending}"]`).waitFor();
      await check(page, 'requests-sent');
      await signOut(page);
      await signIn(page, base, 'nhs.disclosure');
      await go(page, '/requests');
      await choosePurpose(page, 'CRIMINAL_ACTIVITY', 'NHS/IG/2026/0311');
      await page.locator(`[data-request="${pending}"]`).getByLabel('Disclose', { exact: true }).check();
      await check(page, 'requests-inbox');
      await signOut(page);
      // The referrals inbox with a pending referral (made through the API, declined after the scan: its place is released).
      const COUNCIL_REF = { as: 'la.safeguarding', purpose: 'SAFEGUARDING_REFERRAL', caseRef: 'BCC/MSHT/2026/0042' } as const;
      const referred = await hub.query(
        `mutation { referToService(input: { serviceId: "bcc-reception-centre", subjectId: "SUBJ-000001", sharedFields: ["name"], idempotencyKey: "axe-referral", needs: ["emergency accommodation"] }) { id } }`,
        {},
        { as: 'ngo.caseworker', purpose: 'SAFEGUARDING_REFERRAL', caseRef: 'ADAVU/2026/311' },
      );
      expect(referred.body.errors).toBeUndefined();
      const referral = referred.body.data.referToService.id as string;
      await signIn(page, base, 'la.safeguarding');
      await go(page, '/referrals?box=INBOX');
      await choosePurpose(page, 'SAFEGUARDING_REFERRAL', COUNCIL_REF.caseRef);
      await page.locator(`[data-referral="${referral}"]`).getByLabel('Decline', { exact: true }).check();
      await check(page, 'referrals-inbox');
      const declined = await hub.query(
        `mutation($id: ID!) { decideReferral(id: $id, accept: false, reason: "Accessibility scan only") { status } }`,
        { id: referral },
        COUNCIL_REF,
      );
      expect(declined.body.errors).toBeUndefined();
    });
    writeMetrics('axe', found);
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
    expect(Object.keys(found)).toHaveLength(17);
  }, 120_000);

  it('first load of the one-view page stays under 300 kB compressed', async () => {
    await scenario('page-weight', async (page) => {
      // A first visit: nothing from the cache of the scenarios before (assets are cached for good).
      const cdp = await browser.newCDPSession(page);
      await cdp.send('Network.clearBrowserCache');
      const sizes: { url: string; bytes: number }[] = [];
      page.on('requestfinished', async (request) => {
        const s = await request.sizes();
        sizes.push({ url: request.url(), bytes: s.responseBodySize + s.responseHeadersSize });
      });
      await signIn(page, base, 'la.safeguarding');
      await go(page, '/subject/SUBJ-000001');
      await choosePurpose(page, 'IDENTIFY_VICTIMS', 'BCC/MSHT/2026/0042');
      await page.locator('.panels').waitFor();
      await expectNoText(page, 'asking the hub…');
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(200);
      const isApi = (url: string) => /\/(graphql|auth\/)/.test(url);
      const total = sizes.reduce((n, s) => n + s.bytes, 0);
      const statics = sizes.filter((s) => !isApi(s.url)).reduce((n, s) => n + s.bytes, 0);
      writeMetrics('one-view-page-weight', {
        totalBytes: total,
        staticBytes: statics,
        apiBytes: total - statics,
        requests: sizes.map((s) => ({ path: new URL(s.url).pathname, bytes: s.bytes })),
      });
      expect(total).toBeLessThan(300_000);
    });
  });

  it('a representative suspends the agreement: the one-view then shows everything withheld with the reason; lifting restores it', async () => {
    const reason = 'Suspected breach under investigation by the DPO panel';
    await scenario('suspension', async (page) => {
      await signIn(page, base, 'police.representative');
      await go(page, '/agreements');
      await page.getByLabel('Reason for suspending (ISA 13.2)').fill(reason);
      await page.getByRole('button', { name: 'Suspend the agreement' }).click();
      await expectText(page.getByTestId('agreement-status'), 'Suspended');
      await expectText(page.getByTestId('agreement-status'), reason);
      await expectText(page.getByTestId('suspension-effect'), 'Every rule of isa-msht-wm now withholds');
      await screenshot(page, 'agreements-suspended');
      await signOut(page);

      await signIn(page, base, 'la.safeguarding');
      await go(page, '/subject/SUBJ-000001');
      await choosePurpose(page, 'IDENTIFY_VICTIMS', 'BCC/MSHT/2026/0042');
      await page.locator('.panels').waitFor();
      await expectNoText(page, 'asking the hub…');
      for (const partner of ['police', 'local-authority', 'nhs', 'ngo']) {
        await expectText(panel(page, partner).locator('.status-line'), 'Withheld');
        await expectText(panel(page, partner).getByTestId('withheld-rule').first(), 'R12-agreement-not-in-force');
        await expectText(panel(page, partner).getByTestId('withheld-reason').first(), reason);
      }
      await screenshot(page, 'subject-suspended');
      await signOut(page);

      // The council suspends too (ISA 13.2 is each party's): not theirs to lift the police's, theirs to add their own.
      const councilReason = 'Council investigating a disclosure to a landlord';
      await signIn(page, base, 'la.representative');
      await go(page, '/agreements');
      await expectText(page.locator('.suspension .hint'), 'already suspended by West Midlands Police');
      expect(await page.getByRole('button', { name: 'Lift the suspension' }).count()).toBe(0);
      await page.getByLabel('Reason for suspending (ISA 13.2)').fill(councilReason);
      await page.getByRole('button', { name: 'Suspend the agreement' }).click();
      await expectText(page.getByTestId('agreement-status'), councilReason);
      await signOut(page);

      // The police lift theirs: still suspended, by the council.
      await signIn(page, base, 'police.representative');
      await go(page, '/agreements');
      await page.getByRole('button', { name: 'Lift the suspension' }).click();
      await expectText(page.getByTestId('suspension-effect'), 'still suspended by Birmingham City Council');
      await expectText(page.getByTestId('agreement-status'), 'Suspended');
      await expectText(page.getByTestId('agreement-status'), councilReason);
      await signOut(page);

      await signIn(page, base, 'la.representative');
      await go(page, '/agreements');
      await page.getByRole('button', { name: 'Lift the suspension' }).click();
      await expectText(page.getByTestId('agreement-status'), 'In force');
    });
  });

  it('an investigator asks the NHS for withheld attendances; the NHS disclosure officer discloses dates and sites and declines another; the investigator then sees them', async () => {
    await scenario(
      'information-request',
      async (page) => {
        await signIn(page, base, 'police.investigator');
        expect(await navLabels(page)).toContain('Information requests');
        expect(await navLabels(page)).not.toContain('Approvals');
        await go(page, '/subject/SUBJ-000003');
        await choosePurpose(page, 'CRIMINAL_ACTIVITY', CASE);
        await page.locator('.panels').waitFor();
        await expectNoText(page, 'asking the hub…');
        const nhs = panel(page, 'nhs');
        await expectText(nhs.locator('.status-line'), 'Withheld');
        await nhs.getByRole('link', { name: 'Ask NHS for this' }).click();

        // The Appendix 2 form, prefilled with the subject, the owner and the withheld record's parts.
        const form = page.getByRole('form', { name: 'Information request' });
        expect(await form.getByLabel('Subject reference').inputValue()).toBe('SUBJ-000003');
        expect(await form.getByLabel('Partner asked').inputValue()).toBe('nhs');
        expect(await form.getByLabel('Case reference').inputValue()).toBe(CASE);
        for (const box of await form.getByRole('group', { name: 'What you ask for' }).getByRole('checkbox').all()) {
          await box.setChecked((await box.getAttribute('value')) === 'HealthRecord.attendances');
        }
        await form.getByLabel('Lawful basis').selectOption('DPA_2018_SCH2_PARA2');
        await form
          .getByLabel('Why the information is needed')
          .fill('Operation Kestrel: establishing when the victim was seen by health services while under the control of the suspects.');
        await form.getByLabel(/must not learn of this request/).check();
        await form.getByRole('button', { name: 'Send the request' }).click();
        // Errors in words, at their fields.
        await expectText(form, 'Confirm the declaration: the request is necessary and proportionate');
        await expectText(form, 'Say why telling the subject would prejudice the purpose');
        await form
          .getByLabel('Why telling the subject would prejudice the purpose')
          .fill('The suspects control her phone; contact could alert them.');
        await form.getByLabel(/I declare that this request is necessary and proportionate/).check();
        await form.getByLabel('Your name').fill('DS Jane Hollis');
        await form.getByLabel('Your role').fill('Detective Sergeant, Modern Slavery Unit');
        await screenshot(page, 'request-form');
        await form.getByRole('button', { name: 'Send the request' }).click();
        const sent = page.getByTestId('request-sent');
        await expectText(sent, 'sent to Birmingham and Solihull NHS');
        const id = /REQ-\d{4}-[0-9A-Z]{10}/.exec((await sent.textContent())!)![0];
        // Two more, through the API: one the NHS declines, one someone else decides first.
        const toDecline = await askNhs(
          ['HealthRecord.safeguardingFlags'],
          'Operation Kestrel: any safeguarding flags the NHS raised for her.',
        );
        const contested = await askNhs(
          ['HealthRecord.dateOfBirth'],
          'Operation Kestrel: confirming her date of birth against her documents.',
        );
        await signOut(page);

        await signIn(page, base, 'nhs.disclosure');
        await go(page, '/requests');
        await choosePurpose(page, 'CRIMINAL_ACTIVITY', 'NHS/IG/2026/0311');
        const item = page.locator(`[data-request="${id}"]`);
        await expectText(item, 'police.investigator');
        await expectText(item, 'DS Jane Hollis, Detective Sergeant, Modern Slavery Unit');
        await expectText(item.getByTestId('tipping-off'), 'Flagged: the subject must not learn of it');
        await expectText(item, 'DPA 2018 Sch 2 para 2 (crime)');
        await item.getByRole('link', { name: 'View your organisation’s record of SUBJ-000003' }).waitFor();
        await item.getByLabel('Disclose', { exact: true }).check();
        const fields = item.getByRole('group', { name: 'Fields to disclose' });
        for (const box of await fields.getByRole('checkbox').all()) {
          await box.setChecked(['Attendance.attendedOn', 'Attendance.site'].includes((await box.getAttribute('value'))!));
        }
        expect(await item.getByLabel('Disclose until').inputValue()).toMatch(/^\d\d\/\d\d\/\d{4}$/);
        await screenshot(page, 'requests-inbox');
        await item.getByRole('button', { name: 'Record the answer' }).click();
        await expectText(item.getByTestId('request-outcome'), 'Answer recorded: Disclosed until');
        await expectText(item.getByTestId('part-status'), 'Attendance › Site');

        const declined = page.locator(`[data-request="${toDecline}"]`);
        await declined.getByLabel('Decline', { exact: true }).check();
        await declined.getByRole('button', { name: 'Record the answer' }).click();
        await expectText(declined, 'Say why the request is declined.');
        await declined.getByLabel('Reason for declining').fill('Not proportionate: the attendances already answer the question.');
        await declined.getByRole('button', { name: 'Record the answer' }).click();
        await expectText(declined.getByTestId('part-status'), 'Declined: Not proportionate');

        // Someone else at the NHS answers first: the console says so and shows how it stands.
        const other = page.locator(`[data-request="${contested}"]`);
        await other.getByLabel('Nothing held', { exact: true }).check();
        const first = await hub.query(
          `mutation($id: ID!) { decideInformationRequest(id: $id, decisions: [{ owner: "nhs", outcome: DECLINE, reason: "Answered by phone" }]) { id } }`,
          { id: contested },
          { as: 'nhs.disclosure', purpose: 'CRIMINAL_ACTIVITY', caseRef: CASE },
        );
        expect(first.body.errors).toBeUndefined();
        await other.getByRole('button', { name: 'Record the answer' }).click();
        await expectText(other.getByTestId('request-conflict'), 'Someone else acted on this request first');
        await expectText(other.getByTestId('part-status'), 'Declined: Answered by phone');
        await signOut(page);

        await signIn(page, base, 'police.investigator');
        await go(page, '/subject/SUBJ-000003');
        await choosePurpose(page, 'CRIMINAL_ACTIVITY', CASE);
        await page.locator('.panels').waitFor();
        await expectNoText(page, 'asking the hub…');
        const sites = panel(page, 'nhs').locator('td[data-field="person.health.attendances.site"]');
        await sites.first().waitFor();
        for (const text of await sites.allTextContents()) expect(text).toMatch(/\w/);
        expect(await panel(page, 'nhs').locator('td[data-field="person.health.attendances.attendedOn"]').first().textContent()).toMatch(
          /\d\d\/\d\d\/\d{4}/,
        );
        // Clinical notes never leave the NHS: still withheld, with the rule.
        await expectText(panel(page, 'nhs'), 'R6-clinical-notes-never-leave');
        await screenshot(page, 'subject-after-disclosure');

        await go(page, '/requests');
        await expectText(page.locator(`[data-request="${id}"]`).getByTestId('part-status'), 'Disclosed until');
        await expectText(page.locator(`[data-request="${toDecline}"]`).getByTestId('part-status'), 'Declined: Not proportionate');
        await screenshot(page, 'requests-sent');
        // The requester withdraws one; any disclosure on it ends.
        const withdrawn = page.locator(`[data-request="${contested}"]`);
        await withdrawn.getByRole('button', { name: `Withdraw ${contested}` }).click();
        await expectText(withdrawn.getByTestId('request-status'), 'Withdrawn');
        // Chromium reports the refused decision (409) on its console; nothing else may go wrong.
      },
      [/status of 409 \(Conflict\)/],
    );
  });

  it('a caseworker refers SUBJ-000001 from the care pathway to the reception centre sharing his name; the council accepts; the referrer sees it accepted', async () => {
    await scenario('referral', async (page) => {
      await signIn(page, base, 'ngo.caseworker');
      expect(await navLabels(page)).toContain('Referrals');
      await go(page, '/care-pathway');
      await page.getByLabel('Age', { exact: true }).fill('34');
      await page.getByLabel('Gender', { exact: true }).selectOption('MALE');
      await page.getByLabel('NRM stage').selectOption('POSITIVE_CG');
      await page.getByRole('button', { name: 'Find services' }).click();
      const centre = page.locator('.option[data-service="bcc-reception-centre"]');
      await expectText(centre, 'Can take now');
      await centre.getByRole('link', { name: /Refer to this service/ }).click();

      await choosePurpose(page, 'SAFEGUARDING_REFERRAL', 'ADAVU/2026/311');
      const form = page.getByRole('form', { name: 'Referral' });
      // Errors in words before anything is sent.
      await form.getByRole('button', { name: /^Refer .* to this service$/ }).click();
      await expectText(form, 'Give the subject reference');
      await expectText(form, 'Choose at least one thing to tell the provider.');
      await form.getByLabel('Subject reference').fill('SUBJ-000001');
      await form.getByRole('group', { name: 'What to tell the provider' }).getByLabel('Name').check();
      await form.getByLabel('Needs (optional)').fill('emergency accommodation');
      await form.getByRole('button', { name: 'Refer SUBJ-000001 to this service' }).dblclick();
      const sent = page.getByTestId('referral-sent');
      await expectText(sent, 'Pending — place held until');
      const id = /REF-\d{4}-[0-9A-HJKMNP-TV-Z]{10}/.exec((await sent.textContent())!)![0];
      // His consent names the council, not Refuge: the hub's one refusal for reasons in the records, which does not say which.
      await go(page, '/referrals/new?service=refuge-modern-slavery&name=Refuge');
      const refused = page.getByRole('form', { name: 'Referral' });
      await refused.getByLabel('Subject reference').fill('SUBJ-000001');
      await refused.getByRole('group', { name: 'What to tell the provider' }).getByLabel('Name').check();
      await refused.getByRole('button', { name: 'Refer SUBJ-000001 to this service' }).click();
      await expectText(refused.locator('.problems'), 'The hub refused this referral');
      await expectText(refused.locator('.problems'), 'reveals nothing about the person');
      // The double click held one place: one referral with this id in the sent box.
      await go(page, '/referrals');
      const mine = page.locator(`[data-referral="${id}"]`);
      await expectText(mine.getByTestId('referral-status'), 'Pending — place held until');
      await expectText(mine, 'Shared with the provider');
      expect(
        await page
          .getByTestId('referral')
          .filter({ has: page.locator('[data-status="PENDING"]') })
          .count(),
      ).toBe(1);
      await signOut(page);

      await signIn(page, base, 'la.safeguarding');
      await go(page, '/referrals?box=INBOX');
      await choosePurpose(page, 'SAFEGUARDING_REFERRAL', 'BCC/MSHT/2026/0042');
      const item = page.locator(`[data-referral="${id}"]`);
      await expectText(item.getByTestId('shared-name'), 'Tomasz');
      await expectText(item, 'emergency accommodation');
      await item.getByRole('button', { name: 'Record the answer' }).click();
      await expectText(item, 'Choose accept or decline.');
      await item.getByLabel('Accept: take the person on').check();
      await screenshot(page, 'referrals');
      await item.getByRole('button', { name: 'Record the answer' }).click();
      await expectText(item.getByTestId('referral-outcome'), 'Answer recorded: Accepted');
      await expectText(item.getByTestId('referral-status'), 'Accepted');
      await signOut(page);

      await signIn(page, base, 'ngo.caseworker');
      await go(page, '/referrals');
      await choosePurpose(page, 'SAFEGUARDING_REFERRAL', 'ADAVU/2026/311');
      await expectText(page.locator(`[data-referral="${id}"]`).getByTestId('referral-status'), 'Accepted');
    });
  });

  it('a council representative approves a user, changes the approval and revokes it; a refusal reads in words', async () => {
    await scenario('approvals', async (page) => {
      await signIn(page, base, 'la.representative');
      expect(await navLabels(page)).toContain('Approvals');
      await go(page, '/approvals');
      await page.locator('tr[data-user="la.safeguarding"]').first().waitFor();
      await page.getByRole('button', { name: 'Approve a user' }).click();
      const form = page.getByRole('form', { name: 'Approve a user' });
      await form.getByLabel('User id').fill('la.outreach');
      await form.getByLabel('Caseworker').check();
      await form.getByLabel('Identify victims').check();
      await form.getByLabel('Safeguarding referral').check();
      await form.getByLabel('Approved until').fill('01/01/2099');
      await form.getByRole('button', { name: 'Approve', exact: true }).click();
      await expectText(form, 'An approval ends after today and at most 12 months ahead');
      const latest = /by (\d\d\/\d\d\/\d{4})/.exec((await form.textContent())!)![1]!;
      await form.getByLabel('Approved until').fill(latest);
      await form.getByRole('button', { name: 'Approve', exact: true }).click();
      await expectText(page.getByTestId('approval-effect'), 'la.outreach is approved for Identify victims, Safeguarding referral');
      const row = page.locator('tr[data-user="la.outreach"]');
      await expectText(row.getByTestId('approval-status'), `Approved until ${latest}`);

      await row.getByRole('button', { name: 'Change the approval of la.outreach' }).click();
      const change = page.getByRole('form', { name: 'Change the approval of la.outreach' });
      await change.getByLabel('Safeguarding referral').uncheck();
      await change.getByRole('button', { name: 'Save the approval' }).click();
      await expectText(page.getByTestId('approval-effect'), 'la.outreach is approved for Identify victims until');
      await row
        .locator('td')
        .nth(1)
        .filter({ hasText: /^Identify victims$/ })
        .waitFor({ timeout: 15_000 });
      await screenshot(page, 'approvals');

      await row.getByRole('button', { name: 'Revoke the approval of la.outreach' }).click();
      await row.getByLabel('Reason for revoking la.outreach').fill('Left the outreach team');
      await row.getByRole('button', { name: 'Revoke the approval' }).click();
      await expectText(row.getByTestId('approval-status'), 'Revoked by la.representative: Left the outreach team');

      // Another organisation's user: the hub refuses, and the console says why in its words.
      await page.getByRole('button', { name: 'Approve a user' }).click();
      const refused = page.getByRole('form', { name: 'Approve a user' });
      await refused.getByLabel('User id').fill('police.analyst');
      await refused.getByLabel('Analyst').check();
      await refused.getByLabel('Identify victims').check();
      await refused.getByRole('button', { name: 'Approve', exact: true }).click();
      await expectText(refused.locator('.problems'), 'police.analyst is a user of west-midlands-police');
    });
  });
});

async function navLabels(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
}

/** The day after a period's last (YYYY-MM-DD): the hub counts it from then on. */
function periodEnd(period: string): string {
  const [, year, quarter, month] = /^(\d{4})(?:-Q([1-4])|-(\d\d))?$/.exec(period)!;
  const next = quarter ? Number(quarter) * 3 + 1 : month ? Number(month) + 1 : 13;
  return next > 12 ? `${Number(year) + 1}-01-01` : `${year}-${String(next).padStart(2, '0')}-01`;
}

function panel(page: Page, partner: string) {
  return page.locator(`.panel[data-partner="${partner}"]`);
}

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}

async function expectNoText(page: Page, text: string): Promise<void> {
  await page.waitForFunction((t) => !document.body.innerText.includes(t), text, { timeout: 15_000 });
}

/** Presses Tab until the focused element has this text (or this tag), as a keyboard user does. */
async function tabTo(page: Page, text: string, tag?: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({
      tag: document.activeElement?.tagName ?? '',
      text: (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '',
      selected: (document.activeElement as HTMLSelectElement | null)?.selectedOptions?.[0]?.textContent ?? '',
    }));
    if (tag ? focused.tag === tag : focused.text === text || focused.selected === text) return;
  }
  throw new Error(`Tab never reached ${text || tag}`);
}
