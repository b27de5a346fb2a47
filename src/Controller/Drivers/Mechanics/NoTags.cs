namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// For kinds AWS cannot tag (Lambda aliases: Lambda tags functions, not their aliases). Such a
/// kind's spec leaves <c>tags</c> to its parent (<see cref="Model.Kinds.IResourceSpec.FieldsOwnedElsewhere"/>),
/// so the planner never asks for a tag change; a resource is found by its parent and name instead.
/// </summary>
internal sealed class NoTags : ITagApi
{
    public static NoTags Instance { get; } = new();

    public Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    // The base converges tags after every write; with nothing to tag there is nothing to send.
    public Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
