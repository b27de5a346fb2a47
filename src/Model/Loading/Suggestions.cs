namespace Reconciler.Model.Loading;

/// <summary>"Did you mean" by edit distance, for misspelled fields, kinds and names.</summary>
internal static class Suggestions
{
    /// <summary>The closest candidate, if it is close enough to be a plausible typo.</summary>
    public static string? Closest(string value, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(value.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // A third of the length (at least 2) keeps "cidrBlok" -> "cidrBlock" and drops nonsense.
        var limit = Math.Max(2, value.Length / 3);
        return bestDistance <= limit ? best : null;
    }

    /// <summary>"; did you mean 'x'?" or, with no close candidate, "; known X: a, b, c".</summary>
    public static string Hint(string value, IReadOnlyCollection<string> candidates, string knownWhat)
    {
        var closest = Closest(value, candidates);
        if (closest is not null)
        {
            return $"; did you mean '{closest}'?";
        }

        return candidates.Count == 0 ? "" : $"; known {knownWhat}: {string.Join(", ", candidates)}";
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
