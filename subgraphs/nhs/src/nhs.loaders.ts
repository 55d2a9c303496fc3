import type { SubgraphContext } from '@hub/shared';
import { countReader, liveHoldsByService, manyBy, oneBy, NHS_ORG } from '@hub/shared';
import type { DataSource } from 'typeorm';
import { Attendance } from './entities/attendance.entity';
import { ClinicalNote } from './entities/clinical-note.entity';
import { HealthService } from './entities/health-service.entity';
import { Patient } from './entities/patient.entity';
import { PatientName } from './entities/patient-name.entity';
import { SafeguardingFlag } from './entities/safeguarding-flag.entity';

/** Per-request loaders: one statement per relation per request, whatever the list size. */
export function createNhsLoaders(dataSource: DataSource) {
  return {
    patientBySubject: oneBy<Patient, string>(dataSource.getRepository(Patient), 'subjectId'),
    namesByPatient: manyBy<PatientName, number>(dataSource.getRepository(PatientName), 'patientId'),
    flagsByPatient: manyBy<SafeguardingFlag, number>(dataSource.getRepository(SafeguardingFlag), 'patientId'),
    attendancesByPatient: manyBy<Attendance, number>(dataSource.getRepository(Attendance), 'patientId', { attendedOn: 'ASC', id: 'ASC' }),
    noteByAttendance: oneBy<ClinicalNote, number>(dataSource.getRepository(ClinicalNote), 'attendanceId'),
    healthServiceById: oneBy<HealthService, string>(dataSource.getRepository(HealthService), 'serviceId'),
    liveHoldsByService: liveHoldsByService(dataSource),
    counts: countReader(dataSource, [NHS_ORG]),
  };
}

export type NhsLoaders = ReturnType<typeof createNhsLoaders>;
export type NhsContext = SubgraphContext<NhsLoaders>;
