using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Reconciler.Controller.Leases;

/// <summary>
/// The lease item of one stack. <see cref="Version"/> is new on every write, so "has the
/// record changed" is one comparison and an A-B-A change is never missed.
/// <see cref="FencingToken"/> grows by one on every acquisition and never otherwise.
/// <see cref="AcquiredAt"/> and <see cref="RenewedAt"/> are wall-clock times for people
/// reading the table; no decision uses them, because replicas' clocks disagree.
/// </summary>
internal sealed record LeaseRecord
{
    public const string HolderAttribute = "holder";
    public const string TokenAttribute = "fencingToken";
    public const string VersionAttribute = "version";
    private const string DurationAttribute = "leaseDurationMs";
    private const string AcquiredAttribute = "acquiredAt";
    private const string RenewedAttribute = "renewedAt";

    /// <summary>Who holds the lease; empty after a release.</summary>
    public required string Holder { get; init; }

    /// <summary>The token of the latest acquisition.</summary>
    public required long FencingToken { get; init; }

    /// <summary>Unique per write.</summary>
    public required string Version { get; init; }

    /// <summary>The holder's lease duration: how long it promised standbys to wait.</summary>
    public required TimeSpan LeaseDuration { get; init; }

    /// <summary>When the holder acquired it, by the holder's wall clock (informational).</summary>
    public DateTimeOffset AcquiredAt { get; init; }

    /// <summary>When the holder last wrote it, by the holder's wall clock (informational).</summary>
    public DateTimeOffset RenewedAt { get; init; }

    /// <summary>Whether the holder gave the lease up, so anyone may take it at once.</summary>
    public bool IsReleased => Holder.Length == 0;

    /// <summary>The very first lease of a stack.</summary>
    public static LeaseRecord First(string holder, TimeSpan leaseDuration, DateTimeOffset now) =>
        new()
        {
            Holder = holder,
            FencingToken = 1,
            Version = NewVersion(),
            LeaseDuration = leaseDuration,
            AcquiredAt = now,
            RenewedAt = now,
        };

    /// <summary>This lease taken by <paramref name="holder"/>: a new token.</summary>
    public LeaseRecord AcquiredBy(string holder, TimeSpan leaseDuration, DateTimeOffset now) =>
        this with
        {
            Holder = holder,
            FencingToken = FencingToken + 1,
            Version = NewVersion(),
            LeaseDuration = leaseDuration,
            AcquiredAt = now,
            RenewedAt = now,
        };

    /// <summary>This lease renewed by its holder: same token, new version.</summary>
    public LeaseRecord Renewed(DateTimeOffset now) => this with { Version = NewVersion(), RenewedAt = now };

    /// <summary>This lease given up: no holder, same token (tokens never go back), new version.</summary>
    public LeaseRecord Released(DateTimeOffset now) => this with { Holder = string.Empty, Version = NewVersion(), RenewedAt = now };

    /// <summary>The DynamoDB item for <paramref name="stack"/>.</summary>
    public Dictionary<string, AttributeValue> ToItem(string stack) =>
        new()
        {
            ["pk"] = new(LeaseKeys.PartitionOf(stack)),
            ["sk"] = new(LeaseKeys.SortKey),
            [HolderAttribute] = new(Holder),
            [TokenAttribute] = Number(FencingToken),
            [VersionAttribute] = new(Version),
            [DurationAttribute] = Number((long)LeaseDuration.TotalMilliseconds),
            [AcquiredAttribute] = new(AcquiredAt.ToString("O", CultureInfo.InvariantCulture)),
            [RenewedAttribute] = new(RenewedAt.ToString("O", CultureInfo.InvariantCulture)),
        };

    /// <summary>Reads an item written by <see cref="ToItem"/>; a missing holder reads as released.</summary>
    public static LeaseRecord FromItem(Dictionary<string, AttributeValue> item) =>
        new()
        {
            Holder = item.TryGetValue(HolderAttribute, out var holder) ? holder.S ?? string.Empty : string.Empty,
            FencingToken = long.Parse(item[TokenAttribute].N, CultureInfo.InvariantCulture),
            Version = item[VersionAttribute].S,
            LeaseDuration = TimeSpan.FromMilliseconds(
                item.TryGetValue(DurationAttribute, out var duration) ? long.Parse(duration.N, CultureInfo.InvariantCulture) : 0),
            AcquiredAt = Time(item, AcquiredAttribute),
            RenewedAt = Time(item, RenewedAttribute),
        };

    /// <summary>A number attribute.</summary>
    public static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static string NewVersion() => Guid.NewGuid().ToString("N");

    private static DateTimeOffset Time(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && DateTimeOffset.TryParse(value.S, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            ? parsed
            : default;
}
