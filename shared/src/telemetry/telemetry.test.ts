import { environmentFrom } from '../config/environment';
import { captureLogs, logger } from './logger';
import { LABEL_CAP, metricsText, operationLabel, recordDecision, recordSubgraphCall, recordWithheld } from './metrics';
import { observePartnerAvailability, recordCircuitState } from './partners';
import { safeError, scrubSql, scrubText, statementSummary } from './redaction';
import { outcomeOf } from './request-telemetry';
import { withSpan } from './tracing';

describe('redaction', () => {
  it('removes quoted values, number runs (NHS numbers, dates, references) and e-mails from text', () => {
    const text = scrubText(
      `invalid input syntax for type uuid: "Tomasz Nowak" near 'Elena' NHS 943 476 5919 born 1992-03-14 SUBJ-000001 a@b.org`,
    );
    expect(text).not.toMatch(/Tomasz|Elena|943|5919|1992|000001|a@b/);
    expect(text).toContain('invalid input syntax for type uuid');
  });

  it("keeps an error's type, code and frames, never pg's detail or the query", () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "patients_pkey"'), {
      code: '23505',
      detail: 'Key (nhs_number)=(9434765919) already exists.',
      table: 'patients',
      query: 'INSERT INTO patients VALUES ($1)',
      parameters: ['9434765919'],
    });
    const safe = safeError(error);
    expect(safe).toMatchObject({ type: 'Error', code: '23505', table: 'patients' });
    expect(JSON.stringify(safe)).not.toMatch(/9434765919|INSERT/);
  });

  it('names a statement by its verb and tables, and strips literals from SQL', () => {
    expect(statementSummary(`SELECT "p"."id" FROM "patients" "p" JOIN patient_names n ON n.patient_id = p.id WHERE p.id = $1`)).toBe(
      'SELECT patients, patient_names',
    );
    expect(scrubSql(`SELECT * FROM people WHERE name = 'Tomasz' AND age = 34 AND id = $1`)).toBe(
      'SELECT * FROM people WHERE name = ? AND age = ? AND id = $1',
    );
  });
});

describe('logger', () => {
  it('writes JSON with the service, and redacts variables, queries, bodies, headers and tokens wherever they are put', () => {
    const logs = captureLogs();
    try {
      logger('police').info(
        {
          variables: { id: 'SUBJ-000001' },
          request: { query: '{ person(id: "SUBJ-000001") { id } }', headers: { authorization: 'Bearer abc' } },
          token: 'abc',
          err: Object.assign(new Error('bad value "Tomasz Nowak"'), { detail: 'Key (name)=(Tomasz Nowak)' }),
        },
        'something happened',
      );
    } finally {
      logs.stop();
    }
    const [line] = logs.records();
    expect(line).toMatchObject({
      level: 'info',
      service: 'police',
      msg: 'something happened',
      variables: '[redacted]',
      token: '[redacted]',
    });
    expect(logs.text()).not.toMatch(/SUBJ-000001|Tomasz|Bearer abc/);
  });

  it('logs a partner outage and a circuit change once per change, not once per call', () => {
    const logs = captureLogs();
    try {
      for (let i = 0; i < 5; i++) observePartnerAvailability('nhs', false);
      observePartnerAvailability('nhs', true);
      observePartnerAvailability('nhs', true);
      recordCircuitState('nhs', 'open');
      recordCircuitState('nhs', 'open');
      recordCircuitState('nhs', 'half_open');
      recordCircuitState('nhs', 'closed');
    } finally {
      logs.stop();
    }
    expect(logs.records().map((r) => [r.event, r.subgraph, r.to ?? null])).toEqual([
      ['partner_unavailable', 'nhs', null],
      ['partner_available', 'nhs', null],
      ['circuit_changed', 'nhs', 'open'],
      ['circuit_changed', 'nhs', 'half_open'],
      ['circuit_changed', 'nhs', 'closed'],
    ]);
  });
});

describe('metrics', () => {
  it('keeps label values to their vocabularies and caps the open ones', async () => {
    recordDecision('R2-police-identity', 'allow', 3);
    recordWithheld('R6-clinical-notes-never-leave', 2);
    recordWithheld('Tomasz Nowak');
    recordSubgraphCall('somewhere-else', 'ok', 0.01);
    for (let i = 0; i < LABEL_CAP.operation + 5; i++) operationLabel(`Op${i}`);
    expect(operationLabel('Op1')).toBe('Op1');
    expect(operationLabel(`Op${LABEL_CAP.operation + 3}`)).toBe('other');
    expect(operationLabel('{ person }')).toBe('invalid');
    expect(operationLabel(undefined)).toBe('anonymous');
    const { body } = await metricsText();
    expect(body).toContain('hub_policy_decisions_total{rule="R2-police-identity",effect="allow"} 3');
    expect(body).toContain('hub_withheld_fields_total{rule="R6-clinical-notes-never-leave"} 2');
    expect(body).toContain('hub_withheld_fields_total{rule="invalid"} 1');
    expect(body).toContain('hub_subgraph_request_duration_seconds_count{subgraph="other",outcome="ok"} 1');
    expect(body).not.toContain('Tomasz');
  });

  it("says a GraphQL result's outcome", () => {
    expect(outcomeOf({ data: { person: { id: 'x' } } })).toBe('ok');
    expect(outcomeOf({ data: { person: { id: 'x' } }, errors: [{ extensions: { code: 'FORBIDDEN' } }] })).toBe('partial');
    expect(outcomeOf({ data: null, errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] })).toBe('refused');
    expect(outcomeOf({ errors: [{ extensions: { code: 'AUDIT_UNAVAILABLE' } }] })).toBe('failed');
    expect(outcomeOf({ data: { person: null }, errors: [{ extensions: {} }] })).toBe('failed');
  });
});

describe('tracing configuration', () => {
  it('is off unless OTEL_TRACES_EXPORTER names an exporter, and OTEL_SDK_DISABLED turns it off', () => {
    expect(environmentFrom({}).tracing).toMatchObject({ enabled: false, exporters: [] });
    expect(environmentFrom({ OTEL_TRACES_EXPORTER: 'none' }).tracing.enabled).toBe(false);
    expect(environmentFrom({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }).tracing).toEqual({
      enabled: true,
      exporters: ['otlp'],
      protocol: 'http/json',
      serviceName: undefined,
    });
    expect(environmentFrom({ OTEL_TRACES_EXPORTER: 'otlp,console', OTEL_SDK_DISABLED: 'true' }).tracing.enabled).toBe(false);
    expect(() => environmentFrom({ OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(/OTEL_TRACES_EXPORTER/);
    expect(() => environmentFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(() => environmentFrom({ HUB_LOG_LEVEL: 'loud' })).toThrow(/HUB_LOG_LEVEL/);
  });

  it('runs the function given to withSpan, sync or async, when tracing is off', async () => {
    expect(withSpan('hub.plan', { 'hub.stage': 'plan' }, () => 42)).toBe(42);
    await expect(withSpan('hub.execute', {}, async () => 'done')).resolves.toBe('done');
    await expect(withSpan('hub.execute', {}, async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
  });
});
