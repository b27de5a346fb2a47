using System.Globalization;
using Reconciler.Controller.State;
using Reconciler.Model;

namespace Reconciler.Controller.Reconcile;

/// <summary>Which kinds are still backing off after failed observes, and the reason reported for their resources.</summary>
internal static class NotDue
{
    /// <summary>No kind is held back.</summary>
    public static IReadOnlyDictionary<string, string> None { get; } = new Dictionary<string, string>();

    /// <summary>
    /// Kinds all of whose failed resources wait until after <paramref name="now"/>. One resource
    /// due is enough to observe the kind again: the kind is read in one call anyway.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Of(IReadOnlyDictionary<ResourceKey, ObserveFailure> failures, DateTimeOffset now) =>
        failures.Values
            .GroupBy(f => f.Key.Kind)
            .Where(g => g.All(f => f.NextRetryAt > now))
            .ToDictionary(
                g => g.Key,
                g =>
                {
                    var latest = g.MaxBy(f => f.Attempts)!;
                    var retry = g.Min(f => f.NextRetryAt).ToString("u", CultureInfo.InvariantCulture);
                    return $"{latest.Error} (failed {latest.Attempts} time(s) in a row; next try after {retry})";
                },
                StringComparer.Ordinal);
}
