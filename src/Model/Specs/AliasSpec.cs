using System.Globalization;
using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// A Lambda alias: the stable name callers (an API Gateway integration) invoke, pointing at a
/// published version of its function, optionally with a share of invocations routed to a second
/// version. <c>routingOwner: rollout</c> leaves the version and the routing to the rollout
/// controller after create: the document's values are used once, then never drift.
/// </summary>
/// <remarks>Replaced delete-then-create: its name is fixed per function.</remarks>
[Kind("Alias")]
public sealed record AliasSpec : IResourceSpec
{
    /// <summary>The alias's version points at the function's latest published version (the Function's <c>version</c> output).</summary>
    public const string LatestPublished = "latest-published";

    /// <summary>The document owns the version and routing: they are diffed like any field.</summary>
    public const string DeclaredRouting = "declared";

    /// <summary>A rollout moves the version and routing; the reconciler writes them only at create.</summary>
    public const string RolloutRouting = "rollout";

    /// <summary>The alias's name, unique per function (not only digits). Defaults to the document name. Changing it replaces the alias.</summary>
    [Immutable, DefaultName("{name}")]
    public string? AliasName { get; init; }

    /// <summary>The Function document it belongs to. Changing it replaces the alias.</summary>
    [Reference("Function"), Immutable]
    public required string Function { get; init; }

    /// <summary>A published version number, or <c>latest-published</c> for the function's latest published version.</summary>
    public required string Version { get; init; }

    /// <summary>A share of invocations for a second version; none by default.</summary>
    public AliasRoutingSpec Routing { get; init; } = new();

    /// <summary>Who owns <c>version</c> and <c>routing</c> after create: <c>declared</c> (this document) or <c>rollout</c>.</summary>
    /// <remarks>The controller's own setting, not AWS state: never diffed.</remarks>
    [AllowedValues(DeclaredRouting, RolloutRouting)]
    public string RoutingOwner { get; init; } = DeclaredRouting;

    /// <summary>Whether <see cref="Version"/> is a version number (else <c>latest-published</c>).</summary>
    public static bool IsVersionNumber(string version) =>
        int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0;

    /// <summary>The alias name rules, the version's form, and routing that names a version other than the alias's own with a weight.</summary>
    public void Validate(SpecRules rules)
    {
        if (AliasName is { } name && (name.Length is < 1 or > 128 || name.All(char.IsAsciiDigit) || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))))
        {
            rules.Error(rules.IsSet("aliasName") ? "aliasName" : "metadata.name", $"invalid alias name '{name}' in Alias spec: 1 to 128 letters, digits, hyphens and underscores, not only digits");
        }

        if (Version is not null && Version != LatestPublished && !IsVersionNumber(Version))
        {
            rules.Error("version", $"version '{Version}' in Alias spec must be a published version number (e.g. 3) or {LatestPublished}; $LATEST cannot take routing and is never what a rollout shifts");
        }

        if (Routing is null)
        {
            return;
        }

        if ((Routing.AdditionalVersion is null) != (Routing.Weight == 0))
        {
            rules.Error("routing", "routing in Alias spec needs both additionalVersion and a weight above 0 (percent), or neither");
        }

        if (Routing.AdditionalVersion is { } extra && Version == extra.ToString(CultureInfo.InvariantCulture))
        {
            rules.Error("routing.additionalVersion", $"routing.additionalVersion in Alias spec is the alias's own version {extra}; route to a different version");
        }
    }

    /// <summary>
    /// The routing owner always (it is not AWS state), and the tags (Lambda tags functions, not
    /// aliases: an alias belongs to its function, which carries the stack's tags); the version and
    /// routing when a rollout owns them.
    /// </summary>
    public IEnumerable<string> FieldsOwnedElsewhere()
    {
        yield return "routingOwner";
        yield return "tags";
        if (RoutingOwner == RolloutRouting)
        {
            yield return "version";
            yield return "routing.additionalVersion";
            yield return "routing.weight";
        }
    }

    /// <summary>AWS charges nothing for an alias (invocations are the function's cost).</summary>
    public MonthlyCost Price(PriceTable prices) => MonthlyCost.Free;
}
