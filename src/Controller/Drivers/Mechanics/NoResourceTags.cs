namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// The tag adapter of a kind with no AWS resource (an inference service): its driver reports the
/// desired tags as live, so the base never asks to write any; a call here would be a bug.
/// </summary>
internal sealed class NoResourceTags : ITagApi
{
    public static readonly NoResourceTags Instance = new();

    public Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken) =>
        throw Refused(identity);

    public Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        throw Refused(identity);

    public Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        throw Refused(identity);

    private static NotSupportedException Refused(IReadOnlyDictionary<string, string> identity) =>
        new($"{identity.GetValueOrDefault("id")} is no AWS resource: there is nothing to tag.");
}
