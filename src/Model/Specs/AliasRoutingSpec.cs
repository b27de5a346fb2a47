using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>
/// A second function version an alias sends a share of invocations to: the Lambda side of
/// blue-green. Empty (the default) sends everything to the alias's version.
/// </summary>
public sealed record AliasRoutingSpec
{
    /// <summary>The published version number that gets <c>weight</c> percent of invocations.</summary>
    [Range(1, int.MaxValue)]
    public int? AdditionalVersion { get; init; }

    /// <summary>The percentage (0 to 99) of invocations sent to the additional version.</summary>
    [Range(0, 99)]
    public int Weight { get; init; }
}
