namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// One service's tagging calls, so every kind converges tags the same way: <see cref="ResourceDriver{TSpec}"/>
/// computes once which desired tags are missing or different (<see cref="TagDiff"/>) and asks the
/// adapter to set just those; it asks for removal only of keys the controller applied itself at
/// the last apply and the document dropped. Other tools' tags are never removed.
/// </summary>
internal interface ITagApi
{
    /// <summary>Every tag of the resource named by <paramref name="identity"/>.</summary>
    Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken);

    /// <summary>
    /// Adds or overwrites <paramref name="tags"/>, leaving the others alone. <paramref name="live"/>
    /// is every tag the resource has now, for APIs that can only replace the whole set.
    /// </summary>
    Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the tag <paramref name="keys"/>, leaving the others alone. <paramref name="live"/> is
    /// every tag the resource has now, for APIs that can only replace the whole set.
    /// </summary>
    Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken);
}
