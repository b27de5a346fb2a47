using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Reconciler.Model.Stacks;

namespace Reconciler.Controller.Reconcile.Guards;

/// <summary>
/// Refuses to act on any AWS account but the one the stack names: credentials for prod must
/// never converge the dev documents, nor the other way round.
/// </summary>
internal static class AccountGuard
{
    public static async Task CheckAsync(IAmazonSecurityTokenService sts, StackSpec stack, GuardOverrides overrides, CancellationToken cancellationToken)
    {
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken);
        if (identity.Account != stack.AccountId && !overrides.AllowOtherAccount)
        {
            throw new GuardViolation(
                $"Stack '{stack.Name}' belongs to AWS account {stack.AccountId}, but the credentials in use are for account {identity.Account}. " +
                "Use credentials for the stack's account, or pass --allow-other-account if this is on purpose.");
        }
    }
}
