import { PersonName, ageOn } from '@hub/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Attendance } from '../entities/attendance.entity';
import { Patient } from '../entities/patient.entity';
import { SafeguardingFlag } from '../entities/safeguarding-flag.entity';
import type { NhsContext } from '../nhs.loaders';

@Resolver(() => Patient)
export class HealthRecordResolver {
  @FieldResolver(() => [PersonName], { nullable: true })
  async names(@Root() patient: Patient, @Ctx() { loaders }: NhsContext): Promise<PersonName[]> {
    const names = await loaders.namesByPatient.load(patient.id);
    return names.map(({ fullName, kind }) => ({ fullName, kind }));
  }

  // The agreement releases clinical notes only for a child, so the record must say whether it is one.
  @FieldResolver(() => Boolean, { nullable: true, description: 'Under 18 today' })
  isChild(@Root() patient: Patient): boolean | null {
    return patient.dateOfBirth ? ageOn(patient.dateOfBirth, today()) < 18 : null;
  }

  @FieldResolver(() => [SafeguardingFlag], { nullable: true })
  safeguardingFlags(@Root() patient: Patient, @Ctx() { loaders }: NhsContext): Promise<SafeguardingFlag[]> {
    return loaders.flagsByPatient.load(patient.id);
  }

  @FieldResolver(() => [Attendance], { nullable: true, description: 'Oldest first' })
  attendances(@Root() patient: Patient, @Ctx() { loaders }: NhsContext): Promise<Attendance[]> {
    return loaders.attendancesByPatient.load(patient.id);
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
