import { bulkInsert, dateWithinDays, Prng, SUPPORT_DIRECTORY, type DemoSubject, type DirectoryEntry, type Population } from '@hub/shared';
import type { DataSource } from 'typeorm';
import { FIXED_SUPPORT } from './fixed-support';

const CONSENT_SCOPES = [
  'Support status and needs, for safeguarding and care coordination',
  'Support status and NRM progress, for coordinating the response',
  'Accommodation and health needs, to arrange referrals',
];
const TABLES = ['support_services', 'support_episodes', 'consent_records'];

/** Writes the directory and the charities' part of the demo population, replacing whatever was there. */
export async function seedNgo(dataSource: DataSource, population: Population): Promise<Record<string, number>> {
  const prng = new Prng(`${population.seed}:ngo`);
  const rows: Record<string, unknown[][]> = Object.fromEntries(TABLES.map((t) => [t, []]));
  const servicesByProvider = groupByProvider(SUPPORT_DIRECTORY);
  const capacityOf = new Map(SUPPORT_DIRECTORY.map((s) => [s.id, s.capacityTotal]));
  const activeAt = new Map<string, number>();
  let episodeId = 0;
  let consentId = 0;

  for (const s of SUPPORT_DIRECTORY) {
    const e = s.eligibility;
    rows.support_services!.push([
      s.id,
      s.name,
      s.providerOrg,
      s.operator,
      s.serviceType,
      e.minAge,
      e.maxAge,
      e.genders,
      e.nrmStages,
      e.languages,
      e.requirements,
      s.capacityTotal,
      s.coverage,
      s.referralRoute,
    ]);
  }

  for (const subject of population.subjects) {
    if (!subject.support) continue;
    const fixed = FIXED_SUPPORT[subject.id];
    const serviceId = fixed?.serviceId ?? pickService(prng, servicesByProvider.get(subject.support.providerOrg) ?? [], subject);
    if (!serviceId) continue;
    const startedOn = fixed?.startedOn ?? dateWithinDays(prng, 700);
    const active = activeAt.get(serviceId) ?? 0;
    // Only places left make an episode ACTIVE, so no service is over capacity at any scale:
    // at large scales services fill up and later survivors wait.
    const status = fixed ? 'ACTIVE' : statusFor(prng, active < (capacityOf.get(serviceId) ?? 0));
    if (status === 'ACTIVE') activeAt.set(serviceId, active + 1);
    const endedOn = status === 'CLOSED' ? addDays(startedOn, prng.int(30, 300), population.referenceDate) : null;
    rows.support_episodes!.push([++episodeId, subject.id, subject.support.providerOrg, serviceId, startedOn, endedOn, status]);

    const recipients = subject.support.consentRecipients;
    if (recipients) {
      const consent = fixed?.consent ?? {
        recordedOn: addDays(startedOn, prng.int(0, 14), population.referenceDate),
        scope: prng.pick(CONSENT_SCOPES),
      };
      rows.consent_records!.push([++consentId, episodeId, recipients, consent.recordedOn, consent.scope]);
    }
  }

  const counts: Record<string, number> = {};
  await dataSource.transaction(async (manager) => {
    // A bulk load: the serving statement timeout (bounded waits) does not apply to it.
    await manager.query('SET LOCAL statement_timeout = 0');
    await manager.query(`TRUNCATE ${TABLES.map((t) => `"${t}"`).join(', ')}`);
    counts.support_services = await bulkInsert(
      manager,
      'support_services',
      [
        'id',
        'name',
        'provider_org',
        'operator',
        'service_type',
        'min_age',
        'max_age',
        'genders',
        'nrm_stages',
        'languages',
        'requirements',
        'capacity_total',
        'coverage',
        'referral_route',
      ],
      rows.support_services!,
    );
    counts.support_episodes = await bulkInsert(
      manager,
      'support_episodes',
      ['id', 'subject_id', 'provider_org', 'service_id', 'started_on', 'ended_on', 'status'],
      rows.support_episodes!,
    );
    counts.consent_records = await bulkInsert(
      manager,
      'consent_records',
      ['id', 'episode_id', 'recipients', 'recorded_on', 'scope'],
      rows.consent_records!,
    );
  });
  return counts;
}

function groupByProvider(directory: readonly DirectoryEntry[]): Map<string, DirectoryEntry[]> {
  const byProvider = new Map<string, DirectoryEntry[]>();
  for (const entry of directory) byProvider.set(entry.providerOrg, [...(byProvider.get(entry.providerOrg) ?? []), entry]);
  return byProvider;
}

/** One of the provider's services, preferring those that accept the subject's gender. */
function pickService(prng: Prng, services: DirectoryEntry[], subject: DemoSubject): string | undefined {
  const fitting = services.filter((s) => s.eligibility.genders.includes(subject.gender));
  const candidates = fitting.length > 0 ? fitting : services;
  return candidates.length > 0 ? prng.pick(candidates).id : undefined;
}

function statusFor(prng: Prng, placeLeft: boolean): 'WAITING' | 'ACTIVE' | 'CLOSED' {
  const roll = prng.next();
  if (roll < 0.25) return 'CLOSED';
  if (roll < 0.35 || !placeLeft) return 'WAITING';
  return 'ACTIVE';
}

/** `days` after `date`, but never after the reference date: nothing has happened after it. */
function addDays(date: string, days: number, notAfter: string): string {
  const later = new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return later < notAfter ? later : notAfter;
}
