import { Address, PersonName, ageOn } from '@hub/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CourtOrder } from '../entities/court-order.entity';
import { IntelligenceReport } from '../entities/intelligence-report.entity';
import { Nominal } from '../entities/nominal.entity';
import { NrmReferral } from '../entities/nrm-referral.entity';
import { RoleAssignment } from '../entities/role-assignment.entity';
import type { PoliceContext } from '../police.loaders';

@Resolver(() => Nominal)
export class PoliceRecordResolver {
  @FieldResolver(() => [PersonName], { nullable: true })
  async names(@Root() nominal: Nominal, @Ctx() { loaders }: PoliceContext): Promise<PersonName[]> {
    const names = await loaders.namesByNominal.load(nominal.id);
    return names.map(({ fullName, kind }) => ({ fullName, kind }));
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Under 18 today' })
  isChild(@Root() nominal: Nominal): boolean | null {
    return nominal.dateOfBirth ? ageOn(nominal.dateOfBirth, today()) < 18 : null;
  }

  @FieldResolver(() => [RoleAssignment], { nullable: true })
  roles(@Root() nominal: Nominal, @Ctx() { loaders }: PoliceContext): Promise<RoleAssignment[]> {
    return loaders.rolesByNominal.load(nominal.id);
  }

  @FieldResolver(() => [NrmReferral], { nullable: true })
  nrmReferrals(@Root() nominal: Nominal, @Ctx() { loaders }: PoliceContext): Promise<NrmReferral[]> {
    return loaders.nrmByNominal.load(nominal.id);
  }

  @FieldResolver(() => [IntelligenceReport], { nullable: true })
  intelligence(@Root() nominal: Nominal, @Ctx() { loaders }: PoliceContext): Promise<IntelligenceReport[]> {
    return loaders.intelligenceByNominal.load(nominal.id);
  }

  @FieldResolver(() => [CourtOrder], { nullable: true })
  orders(@Root() nominal: Nominal, @Ctx() { loaders }: PoliceContext): Promise<CourtOrder[]> {
    return loaders.ordersByNominal.load(nominal.id);
  }

  @FieldResolver(() => Address, { nullable: true, description: 'May be a restricted (safe-house) address' })
  currentAddress(@Root() nominal: Nominal): Address | null {
    if (!nominal.currentUprn) return null;
    return { uprn: nominal.currentUprn, line1: nominal.addressLine1, postcode: nominal.addressPostcode };
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
