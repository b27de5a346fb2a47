namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>How RDS names its resources: identifiers and group names are kept lower case and compared without case.</summary>
internal static class RdsNames
{
    /// <summary>A listing keyed by name, without case, so a document's name finds what RDS lower-cased.</summary>
    public static IReadOnlyDictionary<string, T> ByName<T>(IEnumerable<T> items, Func<T, string?> nameOf) =>
        items
            .Where(i => nameOf(i) is not null)
            .GroupBy(i => nameOf(i)!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Runs a create, taking "already exists" for success: made by an earlier create whose answer
    /// was lost, or that the listing did not show yet; it is adopted and converged next. Null then.
    /// </summary>
    public static async Task<T?> CreatingAsync<T>(Func<Task<T>> create)
        where T : class
    {
        try
        {
            return await create();
        }
        catch (Exception e) when (RdsErrors.IsAlreadyExists(e))
        {
            return null;
        }
    }
}
