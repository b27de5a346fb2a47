namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>Log group tags: read and added by the group's ARN (without the trailing <c>:*</c>).</summary>
internal sealed class LogsTags : ITagApi
{
    public static LogsTags Instance { get; } = new();

    public Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken) =>
        aws.Logs.ListTagsForResourceAsync(identity["arn"], cancellationToken);

    public Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.Logs.TagResourceAsync(identity["arn"], tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal), cancellationToken);

    public Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.Logs.UntagResourceAsync(identity["arn"], keys, cancellationToken);
}
