using Reconciler.Model.Planning;

namespace Reconciler.Model.Pricing;

/// <summary>What one planned change does to the monthly bill.</summary>
/// <param name="Key">The resource.</param>
/// <param name="Action">The planned action.</param>
/// <param name="BeforeUsd">Monthly cost of what is live now (0 for creates).</param>
/// <param name="AfterUsd">Monthly cost once applied (0 for deletes).</param>
public sealed record CostChange(ResourceKey Key, ChangeAction Action, decimal BeforeUsd, decimal AfterUsd)
{
    /// <summary>After minus before.</summary>
    public decimal DeltaUsd => AfterUsd - BeforeUsd;
}
