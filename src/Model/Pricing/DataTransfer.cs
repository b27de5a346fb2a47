namespace Reconciler.Model.Pricing;

/// <summary>
/// Data transfer out from AWS to the internet: no resource of its own, but often the biggest line
/// of a serving stack's bill, so it is estimated from the <c>DataTransfer.outGbPerMonth</c>
/// assumption instead of ignored. AWS gives the first 100 GB a month free (across services) and
/// charges the next 10 TB at one rate; a stack sending more than that is out of the estimate's range
/// and its basis says so.
/// </summary>
public static class DataTransfer
{
    /// <summary>The pseudo-resource the line is shown under.</summary>
    public static ResourceKey Key { get; } = new("DataTransfer", "out-to-internet");

    /// <summary>The month's data transfer out, priced.</summary>
    public static CostLine Line(PriceTable prices)
    {
        var gb = prices.Assumption("DataTransfer", "outGbPerMonth");
        var free = prices.Price("transfer.internetOutFreeGb");
        var charged = Math.Max(0m, gb - free);
        var usd = charged * prices.Price("transfer.internetOut");
        var basis = $"{MonthlyCost.Figure(gb)} GB out a month, first {MonthlyCost.Figure(free)} GB free";
        if (gb > TierGb)
        {
            basis += $"; beyond {MonthlyCost.Figure(TierGb)} GB AWS charges less per GB than estimated here";
        }

        return new CostLine(Key, Math.Round(usd, 2, MidpointRounding.AwayFromZero), basis);
    }

    // The first paid tier: 10 TB a month.
    private const decimal TierGb = 10_240m;
}
