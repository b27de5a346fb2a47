using Reconciler.Model.Iam;
using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>An instance profile: how an EC2 instance (or a launch template) carries a role.</summary>
/// <remarks>
/// Replaced delete-then-create: the profile name is fixed by the document and unique in the account.
/// </remarks>
[Kind("InstanceProfile")]
public sealed record InstanceProfileSpec : IResourceSpec
{
    /// <summary>The profile's name, unique in the account. Defaults to <c>{stack}-{document name}</c>. Changing it replaces the profile.</summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? InstanceProfileName { get; init; }

    /// <summary>The profile's path. Changing it replaces the profile.</summary>
    [Immutable]
    public string Path { get; init; } = "/";

    /// <summary>The name of the Role document the profile carries (a profile holds one role).</summary>
    /// <remarks>Null only in live state, for a profile without a role.</remarks>
    [Reference("Role")]
    public required string? Role { get; init; }

    /// <summary>The name's and the path's form.</summary>
    public void Validate(SpecRules rules)
    {
        IamNames.Check(rules, "InstanceProfile", "instanceProfileName", InstanceProfileName, 128);
        PolicyRules.CheckPath(rules, "InstanceProfile", "path", Path);
    }

    /// <summary>IAM charges nothing for instance profiles.</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;
}
