using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>An RDS DB parameter group: engine settings a DbInstance runs with.</summary>
/// <remarks>
/// Replaced delete-then-create: its name is fixed by the document (<c>{stack}-{name}</c>) and
/// unique in the region, so the new group cannot exist beside the old one.
/// </remarks>
[Kind("DbParameterGroup")]
public sealed record DbParameterGroupSpec : IResourceSpec
{
    /// <summary>The parameter that makes PostgreSQL refuse connections without TLS.</summary>
    public const string ForceSsl = "rds.force_ssl";

    /// <summary>The group's name. Defaults to <c>{stack}-{document name}</c>; RDS keeps it lower case.</summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? DbParameterGroupName { get; init; }

    /// <summary>The engine family the parameters are for, e.g. postgres16. AWS cannot change it, so a change replaces the group.</summary>
    [Immutable]
    public required string Family { get; init; }

    /// <summary>What the group is for. AWS cannot change it, so a change replaces the group.</summary>
    [Immutable]
    public required string Description { get; init; }

    /// <summary>
    /// Parameter name to value. Only the parameters listed are managed: every other one keeps
    /// AWS's default for the family and is never drift. Each change is applied the way AWS's
    /// parameter metadata allows: dynamic parameters at once, static ones at the next reboot.
    /// The default forces TLS (encryption in transit).
    /// </summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string> { [ForceSsl] = "1" };

    /// <summary>Encryption in transit: <c>rds.force_ssl</c> may not be turned off.</summary>
    public void Validate(SpecRules rules)
    {
        if (!rules.HasValue("parameters"))
        {
            return;
        }

        if (!Parameters.TryGetValue(ForceSsl, out var forceSsl))
        {
            rules.Warn("parameters", $"DbParameterGroup spec.parameters does not list {ForceSsl}; whether connections need TLS is then left to AWS's default for the family, so add '{ForceSsl}: \"1\"'");
        }
        else if (forceSsl.Trim() != "1")
        {
            rules.Error($"parameters.{ForceSsl}", $"DbParameterGroup spec.parameters.{ForceSsl} is '{forceSsl}': that lets clients connect without TLS; encryption in transit is required, so set it to \"1\"");
        }
    }

    /// <summary>AWS charges nothing for a DB parameter group.</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;
}
