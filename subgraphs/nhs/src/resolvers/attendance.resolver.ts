import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Attendance } from '../entities/attendance.entity';
import type { NhsContext } from '../nhs.loaders';

@Resolver(() => Attendance)
export class AttendanceResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Never leaves the NHS except for a child under council safeguarding (Children Act 1989 s47)',
  })
  async clinicalNotes(@Root() attendance: Attendance, @Ctx() { loaders }: NhsContext): Promise<string | null> {
    const note = await loaders.noteByAttendance.load(attendance.id);
    return note?.text ?? null;
  }
}
