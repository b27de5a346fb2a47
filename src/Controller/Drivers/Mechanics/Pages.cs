namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>Reads every page of a paginated AWS call, bounded so a broken token never loops forever.</summary>
internal static class Pages
{
    private const int MaxPages = 1000;

    /// <summary>
    /// Calls <paramref name="fetch"/> with each next token (null first) until it returns no token.
    /// </summary>
    public static async Task<List<T>> ReadAllAsync<T>(Func<string?, Task<(IEnumerable<T>? Items, string? Next)>> fetch)
    {
        var all = new List<T>();
        string? token = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var (items, next) = await fetch(token);
            all.AddRange(items ?? []);
            if (string.IsNullOrEmpty(next))
            {
                return all;
            }

            token = next;
        }

        throw new InvalidOperationException($"Gave up after {MaxPages} pages: the API kept returning a next token.");
    }
}
