using Reconciler.Model.Iam;
using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>An IAM role: who may assume it (the trust policy) and what it may do (managed and inline policies).</summary>
/// <remarks>
/// Replaced delete-then-create: the role name is fixed by the document and unique in the
/// account, so the old role must go before the new one can take the name.
/// </remarks>
[Kind("Role")]
public sealed record RoleSpec : IResourceSpec
{
    /// <summary>The role's name, unique in the account. Defaults to <c>{stack}-{document name}</c>. Changing it replaces the role.</summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? RoleName { get; init; }

    /// <summary>The role's path, e.g. <c>/app/</c>. Changing it replaces the role.</summary>
    [Immutable]
    public string Path { get; init; } = "/";

    /// <summary>A description of the role; unmanaged when absent.</summary>
    public string? Description { get; init; }

    /// <summary>The trust policy: which principals may assume the role.</summary>
    public required PolicyDocumentSpec AssumeRolePolicy { get; init; }

    /// <summary>ARNs of managed policies not described in this stack (e.g. AWS managed ones) attached to the role. Compared as a set.</summary>
    public IReadOnlyList<string> ManagedPolicyArns { get; init; } = [];

    /// <summary>Names of the stack's Policy documents attached to the role. Compared as a set.</summary>
    [Reference("Policy")]
    public IReadOnlyList<string> Policies { get; init; } = [];

    /// <summary>Policies embedded in the role, by name. Compared as a set; inline policies the document does not list are removed.</summary>
    public IReadOnlyList<InlinePolicySpec> InlinePolicies { get; init; } = [];

    /// <summary>The ARN of a managed policy that bounds the role's permissions; unmanaged when absent (and permissionsBoundaryPolicy is absent).</summary>
    public string? PermissionsBoundaryArn { get; init; }

    /// <summary>The name of the stack's Policy document that bounds the role's permissions; unmanaged when absent.</summary>
    [Reference("Policy")]
    public string? PermissionsBoundaryPolicy { get; init; }

    /// <summary>The longest session, in seconds, that assuming the role gives: one to twelve hours.</summary>
    [Range(3600, 43200)]
    public int MaxSessionDuration { get; init; } = 3600;

    /// <summary>The trust policy's and every inline policy's statements, one boundary at most, unique inline names.</summary>
    public void Validate(SpecRules rules)
    {
        IamNames.Check(rules, "Role", "roleName", RoleName, 64);
        PolicyRules.CheckPath(rules, "Role", "path", Path);
        PolicyRules.CheckTrust(rules, "Role", "assumeRolePolicy", AssumeRolePolicy);
        for (var i = 0; i < InlinePolicies.Count; i++)
        {
            PolicyRules.CheckPermissions(rules, "Role", $"inlinePolicies[{i}].document", InlinePolicies[i].Document);
        }

        foreach (var duplicate in InlinePolicies.Select((p, i) => (p.Name, i)).GroupBy(p => p.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            rules.Error($"inlinePolicies[{duplicate.Skip(1).First().i}].name", $"inline policy name '{duplicate.Key}' appears more than once in Role spec; give each inline policy its own name");
        }

        if (PermissionsBoundaryArn is not null && PermissionsBoundaryPolicy is not null)
        {
            rules.Error("permissionsBoundaryPolicy", "Role spec sets both permissionsBoundaryArn and permissionsBoundaryPolicy; a role has one permissions boundary, keep one of them");
        }
    }

    /// <summary>IAM charges nothing for roles.</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;
}
