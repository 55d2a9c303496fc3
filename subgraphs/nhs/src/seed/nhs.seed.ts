import { bulkInsert, Prng, SUPPORT_DIRECTORY, type Population } from '@hub/shared';
import type { DataSource } from 'typeorm';
import { syntheticNhsNumbers } from '../nhs-number';
import { FIXED_HEALTH } from './fixed-health';
import { generatedHealth } from './generated-health';
import { HEALTH_SERVICE_DETAILS } from './health-services';

const TABLES = ['patients', 'patient_names', 'safeguarding_flags', 'attendances', 'clinical_notes', 'health_services'];

/** Writes the NHS part of the demo population, replacing whatever was there. */
export async function seedNhs(dataSource: DataSource, population: Population): Promise<Record<string, number>> {
  const prng = new Prng(`${population.seed}:nhs`);
  const nhsNumbers = syntheticNhsNumbers();
  const rows: Record<string, unknown[][]> = Object.fromEntries(TABLES.map((t) => [t, []]));
  const ids = { name: 0, flag: 0, attendance: 0, note: 0 };

  population.subjects.forEach((subject, index) => {
    if (!subject.knownToNhs) return;
    const patientId = index + 1;
    const facts = FIXED_HEALTH[subject.id] ?? generatedHealth(prng, subject);
    rows.patients!.push([patientId, subject.id, nhsNumbers.next().value, subject.dateOfBirth]);
    rows.patient_names!.push([++ids.name, patientId, `${subject.givenName} ${subject.familyName}`, 'BIRTH']);
    for (const name of facts.knownAs) rows.patient_names!.push([++ids.name, patientId, name, 'KNOWN_AS']);
    for (const f of facts.flags) rows.safeguarding_flags!.push([++ids.flag, patientId, f.kind, f.raisedOn, f.active, f.raisedBy]);
    for (const a of facts.attendances) {
      const attendanceId = ++ids.attendance;
      rows.attendances!.push([attendanceId, patientId, a.attendedOn, a.site, a.kind, a.indicators]);
      if (a.notes) rows.clinical_notes!.push([++ids.note, attendanceId, a.notes]);
    }
  });

  SUPPORT_DIRECTORY.filter((entry) => entry.operator === 'nhs').forEach((entry, index) => {
    const details = HEALTH_SERVICE_DETAILS[entry.id];
    if (!details) throw new Error(`the directory lists NHS service "${entry.id}" but the NHS seed has no details for it`);
    // At least one slot free, so the care-pathway demo always has an NHS option.
    const slotsAvailable = prng.int(1, entry.capacityTotal);
    rows.health_services!.push([
      index + 1,
      entry.id,
      details.clinicType,
      details.acceptsUnregisteredPatients,
      details.interpreterAvailable,
      entry.capacityTotal,
      slotsAvailable,
    ]);
  });

  const counts: Record<string, number> = {};
  await dataSource.transaction(async (manager) => {
    // A bulk load: the serving statement timeout (bounded waits) does not apply to it.
    await manager.query('SET LOCAL statement_timeout = 0');
    await manager.query(`TRUNCATE ${TABLES.map((t) => `"${t}"`).join(', ')}`);
    counts.patients = await bulkInsert(manager, 'patients', ['id', 'subject_id', 'nhs_number', 'date_of_birth'], rows.patients!);
    counts.patient_names = await bulkInsert(manager, 'patient_names', ['id', 'patient_id', 'full_name', 'kind'], rows.patient_names!);
    counts.safeguarding_flags = await bulkInsert(
      manager,
      'safeguarding_flags',
      ['id', 'patient_id', 'kind', 'raised_on', 'active', 'raised_by'],
      rows.safeguarding_flags!,
    );
    counts.attendances = await bulkInsert(
      manager,
      'attendances',
      ['id', 'patient_id', 'attended_on', 'site', 'kind', 'exploitation_indicators'],
      rows.attendances!,
    );
    counts.clinical_notes = await bulkInsert(manager, 'clinical_notes', ['id', 'attendance_id', 'text'], rows.clinical_notes!);
    counts.health_services = await bulkInsert(
      manager,
      'health_services',
      ['id', 'service_id', 'clinic_type', 'accepts_unregistered_patients', 'interpreter_available', 'weekly_slots', 'slots_available'],
      rows.health_services!,
    );
  });
  return counts;
}
