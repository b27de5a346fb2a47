using System.Globalization;

namespace Reconciler.Model.Pricing;

/// <summary>What one resource costs a month, before rounding, and how the figure was reached.</summary>
/// <param name="Usd">Estimated US dollars a month.</param>
/// <param name="Basis">The usage behind the figure, e.g. <c>60 GB stored, 10,000 PUT requests a month</c>.</param>
public sealed record MonthlyCost(decimal Usd, string Basis)
{
    /// <summary>For kinds AWS does not charge for (a VPC, a subnet, a security group).</summary>
    public static MonthlyCost Free { get; } = new(0m, "no charge");

    /// <summary>A figure as bases show it: thousands separated, at most two decimals, invariant.</summary>
    public static string Figure(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
