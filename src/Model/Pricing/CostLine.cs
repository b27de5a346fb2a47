namespace Reconciler.Model.Pricing;

/// <summary>The monthly cost of one resource, and how it was reached.</summary>
/// <param name="Key">The resource.</param>
/// <param name="MonthlyUsd">Estimated US dollars a month.</param>
/// <param name="Basis">The usage and prices behind the figure, e.g. <c>50 GB x $0.023/GB-month</c>.</param>
public sealed record CostLine(ResourceKey Key, decimal MonthlyUsd, string Basis);
