using Reconciler.Model.Iam;
using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// A customer managed IAM policy. A change to the document makes a new default policy version
/// (IAM keeps five; the oldest non-default one goes when five exist).
/// </summary>
/// <remarks>
/// Replaced delete-then-create: the policy name is fixed by the document and unique in the account.
/// </remarks>
[Kind("Policy")]
public sealed record PolicySpec : IResourceSpec
{
    /// <summary>The policy's name, unique in the account. Defaults to <c>{stack}-{document name}</c>. Changing it replaces the policy.</summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? PolicyName { get; init; }

    /// <summary>The policy's path, e.g. <c>/app/</c>. Changing it replaces the policy.</summary>
    [Immutable]
    public string Path { get; init; } = "/";

    /// <summary>A description; IAM cannot change it later, so changing it replaces the policy. Unmanaged when absent.</summary>
    [Immutable]
    public string? Description { get; init; }

    /// <summary>What the policy allows or denies.</summary>
    public required PolicyDocumentSpec Document { get; init; }

    /// <summary>The document's statements.</summary>
    public void Validate(SpecRules rules)
    {
        IamNames.Check(rules, "Policy", "policyName", PolicyName, 128);
        PolicyRules.CheckPath(rules, "Policy", "path", Path);
        PolicyRules.CheckPermissions(rules, "Policy", "document", Document);
    }

    /// <summary>IAM charges nothing for managed policies.</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;
}
