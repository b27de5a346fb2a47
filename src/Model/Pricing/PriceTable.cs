using System.Collections.Concurrent;
using System.Text.Json;

namespace Reconciler.Model.Pricing;

/// <summary>
/// Unit prices of one region and the usage the estimate assumes, kept in the repository as
/// JSON (<c>src/Model/Pricing/{region}.json</c>, embedded) with their source and date.
/// Usage assumptions have their defaults here, per kind; a stack overrides them for all its
/// documents of a kind (<c>spec.usage</c> of the Stack document, e.g. <c>Bucket.storageGb: 500</c>)
/// and a document for itself (<c>metadata.usage</c>, e.g. <c>storageGb: 500</c>): see <see cref="WithUsage"/>.
/// </summary>
public sealed record PriceTable
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private static readonly ConcurrentDictionary<string, PriceTable?> Cache = new(StringComparer.Ordinal);

    public required string Region { get; init; }

    /// <summary>When the prices were compiled.</summary>
    public required string Date { get; init; }

    /// <summary>Where they come from, in a few words.</summary>
    public required string Source { get; init; }

    public string? Note { get; init; }

    public decimal HoursPerMonth { get; init; } = 730;

    public required IReadOnlyDictionary<string, UnitPrice> Prices { get; init; }

    /// <summary>By kind, then by name: e.g. <c>Bucket.storageGb</c>.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, UsageAssumption>> Assumptions { get; init; }

    /// <summary>The table of a region, or null when the repository has none for it.</summary>
    public static PriceTable? ForRegion(string region) => Cache.GetOrAdd(region, Read);

    /// <summary>The us-east-1 table, used for regions without their own.</summary>
    public static PriceTable Default => ForRegion("us-east-1")!;

    /// <summary>A unit price by id; a missing id is a bug in the estimator, not in the documents.</summary>
    public decimal Price(string id) =>
        Prices.TryGetValue(id, out var price) ? price.Usd : throw new KeyNotFoundException($"No price '{id}' in the {Region} price table.");

    /// <summary>A usage assumption of a kind.</summary>
    public decimal Assumption(string kind, string name) =>
        Assumptions.TryGetValue(kind, out var byName) && byName.TryGetValue(name, out var assumption)
            ? assumption.Value
            : throw new KeyNotFoundException($"No assumption '{kind}.{name}' in the {Region} price table.");

    /// <summary>Whether the table assumes a figure named <c>{kind}.{name}</c>.</summary>
    public bool HasAssumption(string kind, string name) => Assumptions.TryGetValue(kind, out var byName) && byName.ContainsKey(name);

    /// <summary>Every assumption's id, <c>Kind.name</c>, sorted: for messages that list what may be set.</summary>
    public IEnumerable<string> AssumptionIds =>
        Assumptions.SelectMany(kind => kind.Value.Keys.Select(name => $"{kind.Key}.{name}")).Order(StringComparer.Ordinal);

    /// <summary>
    /// This table with some assumptions replaced: <paramref name="usage"/> maps <c>Kind.name</c> to
    /// the figure, and <paramref name="why"/> says where it was set. Unknown ids are ignored here:
    /// the loader refuses them with the file and line before any estimate is made.
    /// </summary>
    public PriceTable WithUsage(IReadOnlyDictionary<string, decimal> usage, string why)
    {
        if (usage.Count == 0)
        {
            return this;
        }

        var assumptions = Assumptions.ToDictionary(
            kind => kind.Key,
            kind => (IReadOnlyDictionary<string, UsageAssumption>)kind.Value.ToDictionary(
                entry => entry.Key,
                entry => usage.TryGetValue($"{kind.Key}.{entry.Key}", out var value) ? new UsageAssumption { Value = value, Why = why } : entry.Value,
                StringComparer.Ordinal),
            StringComparer.Ordinal);
        return this with { Assumptions = assumptions };
    }

    private static PriceTable? Read(string region)
    {
        using var stream = typeof(PriceTable).Assembly.GetManifestResourceStream($"Reconciler.Model.Pricing.{region}.json");
        return stream is null ? null : JsonSerializer.Deserialize<PriceTable>(stream, Options);
    }
}
