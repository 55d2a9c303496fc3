import { BadUserInputError, ForbiddenError, isPurpose, isRole, organisation, type Purpose, type Role } from '@hub/shared';
import { addMonths, isIsoDate, ukDate } from '../../agreements/iso-date';
import type { HubContext } from '../../pipeline/hub-context';
import { actorOf, storeOn } from '../workflow-context';
import { ApprovalStore, type StoredApproval } from './approval-store';
import { assertUserMayBelongTo } from './whose-user';

/** An approval lasts at most a year (ISA 6.4: representatives keep need-to-know under review). */
const MAX_APPROVAL_MONTHS = 12;
/** Roles a representative may not give: they are nominated by the organisation, or belong to the audit panel. */
const NOT_BY_APPROVAL: readonly Role[] = ['REPRESENTATIVE', 'AUDITOR'];

const approvalStore = storeOn(ApprovalStore);

/** The nominated role a user holds, if any: approval neither gives it nor takes it away (approving or revoking them is refused). */
function nominatedRole(approval: StoredApproval): Role | undefined {
  return approval.roles.find((role) => NOT_BY_APPROVAL.includes(role));
}

/** Representatives act for their own organisation only. */
function representativeOrg(context: HubContext): string {
  const { roles, org } = context.principal;
  if (!roles.includes('REPRESENTATIVE') || !context.hubRequest.approval)
    throw new ForbiddenError("only an organisation's approved nominated representative manages its users' approvals (ISA 6.4)");
  return org;
}

export const approvalResolvers = {
  Query: {
    async approvals(_root: unknown, args: { organisation?: string | null }, context: HubContext) {
      const { roles, org } = context.principal;
      if (!context.hubRequest.approval) throw new ForbiddenError('only approved users read approvals');
      const asked = args.organisation ?? org;
      const auditor = roles.includes('AUDITOR') && context.hubRequest.purpose === 'AUDIT';
      const own = asked === org && (roles.includes('REPRESENTATIVE') || roles.includes('DATA_PROTECTION_OFFICER'));
      if (!auditor && !own)
        throw new ForbiddenError("an organisation's approvals are read by its representative and DPO, and by auditors (purpose AUDIT)");
      return (await approvalStore(context).list({ org: asked })).map((a) => view(a, context));
    },
  },
  Mutation: {
    async approveUser(
      _root: unknown,
      args: {
        input: { userId: string; issuer?: string | null; name?: string | null; roles: string[]; purposes: string[]; expiresOn: string };
      },
      context: HubContext,
    ) {
      const org = representativeOrg(context);
      const { input } = args;
      const issuer = input.issuer ?? context.principal.issuer;
      const userId = input.userId.trim();
      if (!/^[\w.@-]{2,128}$/.test(userId)) throw new BadUserInputError('a user id is 2 to 128 letters, digits or . _ @ -');
      assertUserMayBelongTo(org, issuer, userId, context.issuers);
      // Four eyes (ISA 6.4): whoever grants access to personal data is not the one who gets it.
      // Compared without case: many identity providers take `LA.Representative` for `la.representative`.
      if (issuer === context.principal.issuer && userId.toLowerCase() === context.principal.userId.toLowerCase())
        throw new ForbiddenError("a representative does not approve themselves: another of the organisation's representatives does");
      const store = approvalStore(context);
      const existing = await store.get(issuer, userId);
      if (existing && existing.org !== org)
        throw new ForbiddenError(`${userId} is a user of ${existing.org}: only its own representative approves them`);
      // Approving replaces the roles: it must not take away a nomination it could not have given.
      const nominated = existing && !existing.revokedAt ? nominatedRole(existing) : undefined;
      if (nominated)
        throw new ForbiddenError(`${userId} holds ${nominated}, which is nominated, not given by approval: approving them would remove it`);
      const roles = [...new Set(input.roles)];
      if (roles.length === 0 || !roles.every(isRole)) throw new BadUserInputError('give the user one or more hub roles');
      const forbiddenRole = roles.find((r) => NOT_BY_APPROVAL.includes(r as Role));
      if (forbiddenRole) throw new ForbiddenError(`${forbiddenRole} is not given by approval`);
      const purposes = [...new Set(input.purposes)];
      if (purposes.length === 0 || !purposes.every(isPurpose)) throw new BadUserInputError('give the user one or more purposes');
      const today = ukDate(context.now);
      if (!isIsoDate(input.expiresOn) || input.expiresOn <= today || input.expiresOn > addMonths(today, MAX_APPROVAL_MONTHS)) {
        throw new BadUserInputError(`an approval ends after today and at most ${MAX_APPROVAL_MONTHS} months ahead (an ISO date)`);
      }
      const approved = await store.approve(
        {
          issuer,
          userId,
          name: input.name?.trim() || null,
          org,
          roles: roles as Role[],
          purposes: purposes as Purpose[],
          expiresOn: input.expiresOn,
        },
        actorOf(context),
        today,
        context.now,
      );
      return view(approved, context);
    },

    async revokeApproval(_root: unknown, args: { userId: string; reason: string; issuer?: string | null }, context: HubContext) {
      const org = representativeOrg(context);
      const issuer = args.issuer ?? context.principal.issuer;
      const store = approvalStore(context);
      const existing = await store.get(issuer, args.userId);
      if (!existing) throw new BadUserInputError(`no approval of ${args.userId.slice(0, 60)}`);
      if (existing.org !== org)
        throw new ForbiddenError(`${args.userId} is a user of ${existing.org}: only its own representative revokes them`);
      // Not given by approval, so not taken away by a revocation either: a representative who
      // revoked themselves (or every other) left the organisation unable to approve or revoke anyone.
      const nominated = nominatedRole(existing);
      if (nominated)
        throw new ForbiddenError(
          `${args.userId} holds ${nominated}, which is nominated, not given by approval: revoking their approval would take it away`,
        );
      const reason = args.reason.trim();
      if (reason.length < 5) throw new BadUserInputError('say why the approval is revoked');
      return view(await store.revoke(issuer, args.userId, reason, actorOf(context), context.now), context);
    },
  },
};

function view(approval: StoredApproval, context: HubContext) {
  const today = ukDate(context.now);
  const status = approval.revokedAt
    ? 'REVOKED'
    : approval.expiresOn < today
      ? 'EXPIRED'
      : approval.approvedOn > today
        ? 'NOT_YET_STARTED'
        : 'ACTIVE';
  return { ...approval, org: organisation(approval.org)?.id ?? approval.org, status };
}
