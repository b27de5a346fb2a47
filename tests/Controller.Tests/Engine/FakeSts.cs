using System.Reflection;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Reconciler.Controller.Tests.Engine;

/// <summary>An STS that answers GetCallerIdentity with one account, for the account guard; every other call fails.</summary>
/// <remarks>Public and unsealed because DispatchProxy derives a type from it in an assembly of its own.</remarks>
public class FakeSts : DispatchProxy
{
    private string _account = "";

    internal static IAmazonSecurityTokenService For(string account)
    {
        var sts = Create<IAmazonSecurityTokenService, FakeSts>();
        ((FakeSts)(object)sts)._account = account;
        return sts;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod?.Name == nameof(IAmazonSecurityTokenService.GetCallerIdentityAsync)
            ? Task.FromResult(new GetCallerIdentityResponse { Account = _account })
            : throw new NotSupportedException($"FakeSts does not answer {targetMethod?.Name}.");
}
