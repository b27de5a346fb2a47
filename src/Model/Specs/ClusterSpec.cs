using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>An ECS cluster whose services run on Fargate: no instances of its own, only capacity providers.</summary>
/// <remarks>
/// Replaced delete-then-create: the cluster name is fixed by the document and unique in the
/// region, so the old cluster must go before the new one can take the name.
/// </remarks>
[Kind("Cluster")]
public sealed record ClusterSpec : IResourceSpec
{
    private static readonly string[] FargateProviders = ["FARGATE", "FARGATE_SPOT"];

    /// <summary>The cluster's name, unique in the region. Defaults to <c>{stack}-{document name}</c>; changing it replaces the cluster.</summary>
    [Immutable, DefaultName("{stack}-{name}")]
    public string? ClusterName { get; init; }

    /// <summary>Whether CloudWatch Container Insights collects the cluster's task and service metrics (charged as custom metrics).</summary>
    public bool ContainerInsights { get; init; } = true;

    /// <summary>The Fargate capacity providers services may use: FARGATE, FARGATE_SPOT or both. Compared as a set.</summary>
    public IReadOnlyList<string> CapacityProviders { get; init; } = ["FARGATE", "FARGATE_SPOT"];

    /// <summary>Only the Fargate providers: the cluster runs no EC2 capacity of its own.</summary>
    public void Validate(SpecRules rules)
    {
        for (var i = 0; i < CapacityProviders.Count; i++)
        {
            if (!FargateProviders.Contains(CapacityProviders[i], StringComparer.Ordinal))
            {
                rules.Error($"capacityProviders[{i}]", $"capacity provider '{CapacityProviders[i]}' in Cluster spec is not a Fargate provider; use FARGATE or FARGATE_SPOT");
            }
        }
    }

    /// <summary>ECS charges nothing for a cluster: its services' Fargate tasks are priced on the Service.</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;
}
