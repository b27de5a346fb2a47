using Reconciler.Model.Kinds;

namespace Reconciler.Model.Graph;

/// <summary>
/// An order of kinds derived from the hard references between them (Vpc before Subnet before
/// RouteTable), for resources whose documents are gone: their references are no longer known,
/// so deletes are ordered by kind, dependants first.
/// </summary>
public static class KindOrder
{
    private static readonly Lazy<IReadOnlyDictionary<string, int>> Ranks = new(Compute);

    /// <summary>0 for kinds that reference nothing; otherwise one more than the highest kind referenced. Unknown kinds rank 0.</summary>
    public static int Rank(string kind) => Ranks.Value.TryGetValue(kind, out var rank) ? rank : 0;

    private static Dictionary<string, int> Compute()
    {
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        int RankOf(KindInfo kind, HashSet<string> visiting)
        {
            if (ranks.TryGetValue(kind.Name, out var known))
            {
                return known;
            }

            // A cycle between kinds cannot be ordered; break it where it is found.
            if (!visiting.Add(kind.Name))
            {
                return 0;
            }

            var rank = kind.ReferencedKinds
                .Select(KindCatalog.Find)
                .OfType<KindInfo>()
                .Select(k => RankOf(k, visiting) + 1)
                .DefaultIfEmpty(0)
                .Max();
            ranks[kind.Name] = rank;
            return rank;
        }

        foreach (var kind in KindCatalog.All)
        {
            RankOf(kind, []);
        }

        return ranks;
    }
}
