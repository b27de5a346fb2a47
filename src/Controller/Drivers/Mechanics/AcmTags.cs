using Reconciler.Aws.Clients.Acm;
using AcmOperations = Reconciler.Aws.Clients.Acm.AcmOperations;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>ACM certificate tags, by certificate ARN (the identity's <c>id</c>). ACM has no batch tag read.</summary>
internal sealed class AcmTags : ITagApi
{
    /// <summary>The AWS operations this adapter calls, for the drivers that use it to include in theirs (checked against its compiled code).</summary>
    public static IReadOnlyList<AwsOperation> Operations { get; } =
    [
        AcmOperations.AddTagsToCertificate,
        AcmOperations.ListTagsForCertificate,
        AcmOperations.RemoveTagsFromCertificate,
    ];

    public static AcmTags Instance { get; } = new();

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken) =>
        TagMaps.From(
            (await aws.Acm.ListTagsForCertificateAsync(new ListTagsForCertificateRequest { CertificateArn = identity["id"] }, cancellationToken)).Tags,
            t => t.Key,
            t => t.Value ?? "");

    public Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.Acm.AddTagsToCertificateAsync(new AddTagsToCertificateRequest { CertificateArn = identity["id"], Tags = AtCreate(tags) }, cancellationToken);

    public Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        aws.Acm.RemoveTagsFromCertificateAsync(
            new RemoveTagsFromCertificateRequest { CertificateArn = identity["id"], Tags = [.. keys.Select(k => new Tag { Key = k })] },
            cancellationToken);

    /// <summary>Tags in the shape RequestCertificate takes them.</summary>
    public static IReadOnlyList<Tag> AtCreate(IEnumerable<KeyValuePair<string, string>> tags) =>
        [.. tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new Tag { Key = t.Key, Value = t.Value })];
}
