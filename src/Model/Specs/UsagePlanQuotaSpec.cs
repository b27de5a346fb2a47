using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>How many requests each key of a usage plan may make per period.</summary>
public sealed record UsagePlanQuotaSpec
{
    /// <summary>Requests per period per key.</summary>
    [Range(1, int.MaxValue)]
    public required int Limit { get; init; }

    /// <summary>The period the limit counts over.</summary>
    [AllowedValues("DAY", "WEEK", "MONTH")]
    public required string Period { get; init; }
}
