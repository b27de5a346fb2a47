using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>A CloudWatch Logs log group and how long it keeps events.</summary>
[Kind("LogGroup")]
public sealed record LogGroupSpec : IResourceSpec
{
    /// <summary>The log group's name. Defaults to <c>/{stack}/{document name}</c>.</summary>
    [Immutable, DefaultName("/{stack}/{name}")]
    public string? LogGroupName { get; init; }

    /// <summary>Days events are kept; one of the values CloudWatch Logs accepts.</summary>
    /// <remarks>Documents must set it (required); null only in live state, for a group that keeps its events forever.</remarks>
    [AllowedValues(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)]
    public required int? RetentionDays { get; init; }

    /// <summary>The ARN of the KMS key that encrypts the group's events.</summary>
    public string? KmsKeyId { get; init; }

    /// <summary>Ingestion, and storage of retentionDays' worth of events (30 days for a group that keeps them forever).</summary>
    public MonthlyCost Price(PriceTable prices)
    {
        var ingested = prices.Assumption("LogGroup", "ingestedGbPerMonth");
        var retentionDays = RetentionDays ?? 30;

        // In steady state the group holds retentionDays' worth of events.
        var storedGb = ingested * retentionDays / 30m;
        var usd = (ingested * prices.Price("logs.ingestion")) + (storedGb * prices.Price("logs.storage"));
        return new MonthlyCost(usd, $"{MonthlyCost.Figure(ingested)} GB ingested a month, {MonthlyCost.Figure(Math.Round(storedGb, 1))} GB kept for {MonthlyCost.Figure(retentionDays)} days");
    }
}
