namespace Reconciler.Aws;

/// <summary>
/// Every operation of the project's own clients, as generated from tools/AwsClientGenerator/clients.json:
/// for the controller's catalog of what it may call (and an IAM policy made from it), and for
/// looking an operation up by service and name.
/// </summary>
public static partial class AwsOperationCatalog
{
    /// <summary>Every generated operation of every own client.</summary>
    public static IReadOnlyList<AwsOperation> All { get; } = Services().SelectMany(s => s).ToArray();

    // After All: static initializers run in the order they are written.
    private static readonly Dictionary<(AwsService Service, string Name), AwsOperation> ByName =
        All.ToDictionary(o => (o.Service, o.Name));

    /// <summary>The generated operation <paramref name="name"/> of <paramref name="service"/>; null when no client has it.</summary>
    public static AwsOperation? Find(AwsService service, string name) => ByName.GetValueOrDefault((service, name));

    /// <summary>
    /// The generated operation <paramref name="name"/> of <paramref name="service"/>. An operation no client
    /// declares is refused: nothing is sent without knowing whether it writes.
    /// </summary>
    public static AwsOperation Get(AwsService service, string name) =>
        Find(service, name) ?? throw new ArgumentException(
            $"AWS {service.ServiceId} operation '{name}' is not generated; add it to tools/AwsClientGenerator/clients.json as read or write and regenerate.",
            nameof(name));
}
