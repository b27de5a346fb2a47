using Reconciler.Aws.Clients.Iam;
using IamOperations = Reconciler.Aws.Clients.Iam.IamOperations;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// IAM tags. IAM has a tag, untag and list call per resource type (TagRole, TagPolicy,
/// TagInstanceProfile, ...), each addressing the resource its own way (roles and profiles by
/// name, policies by ARN), but the same semantics: one adapter, made once per resource type
/// from its three calls. The resource group tagging API lists no IAM resources, so the drivers
/// take tags from the Get* answers they read anyway; <see cref="ReadAsync"/> is for everyone else.
/// </summary>
internal sealed class IamTags : ITagApi
{
    /// <summary>The AWS operations this adapter calls, for the drivers that use it to include in theirs (checked against its compiled code).</summary>
    public static IReadOnlyList<AwsOperation> Operations { get; } =
    [
        IamOperations.GetInstanceProfile,
        IamOperations.ListPolicyTags,
        IamOperations.ListRoleTags,
        IamOperations.TagInstanceProfile,
        IamOperations.TagPolicy,
        IamOperations.TagRole,
        IamOperations.UntagInstanceProfile,
        IamOperations.UntagPolicy,
        IamOperations.UntagRole,
    ];

    private readonly Func<IIamClient, string, CancellationToken, Task<IReadOnlyList<Tag>>> _read;
    private readonly Func<IIamClient, string, IReadOnlyList<Tag>, CancellationToken, Task> _tag;
    private readonly Func<IIamClient, string, IReadOnlyList<string>, CancellationToken, Task> _untag;
    private readonly string _address;

    private IamTags(
        string address,
        Func<IIamClient, string, CancellationToken, Task<IReadOnlyList<Tag>>> read,
        Func<IIamClient, string, IReadOnlyList<Tag>, CancellationToken, Task> tag,
        Func<IIamClient, string, IReadOnlyList<string>, CancellationToken, Task> untag)
    {
        _address = address;
        _read = read;
        _tag = tag;
        _untag = untag;
    }

    /// <summary>Role tags, by role name.</summary>
    public static IamTags Role { get; } = new(
        "id",
        (iam, name, ct) => AllAsync(iam.ListRoleTagsAllAsync(new ListRoleTagsRequest { RoleName = name }, ct)),
        (iam, name, tags, ct) => iam.TagRoleAsync(new TagRoleRequest { RoleName = name, Tags = tags }, ct),
        (iam, name, keys, ct) => iam.UntagRoleAsync(new UntagRoleRequest { RoleName = name, TagKeys = keys }, ct));

    /// <summary>Managed policy tags, by policy ARN.</summary>
    public static IamTags Policy { get; } = new(
        "arn",
        (iam, arn, ct) => AllAsync(iam.ListPolicyTagsAllAsync(new ListPolicyTagsRequest { PolicyArn = arn }, ct)),
        (iam, arn, tags, ct) => iam.TagPolicyAsync(new TagPolicyRequest { PolicyArn = arn, Tags = tags }, ct),
        (iam, arn, keys, ct) => iam.UntagPolicyAsync(new UntagPolicyRequest { PolicyArn = arn, TagKeys = keys }, ct));

    /// <summary>
    /// Instance profile tags, by profile name. Read from GetInstanceProfile, which carries all of
    /// them (IAM allows 50): moto does not implement ListInstanceProfileTags.
    /// </summary>
    public static IamTags InstanceProfile { get; } = new(
        "id",
        async (iam, name, ct) => (await iam.GetInstanceProfileAsync(new GetInstanceProfileRequest { InstanceProfileName = name }, ct)).InstanceProfile?.Tags ?? [],
        (iam, name, tags, ct) => iam.TagInstanceProfileAsync(new TagInstanceProfileRequest { InstanceProfileName = name, Tags = tags }, ct),
        (iam, name, keys, ct) => iam.UntagInstanceProfileAsync(new UntagInstanceProfileRequest { InstanceProfileName = name, TagKeys = keys }, ct));

    /// <summary>Tags in the form IAM's create calls take them, so a resource is never untagged.</summary>
    public static List<Tag> ToIam(IEnumerable<KeyValuePair<string, string>> tags) => [.. tags.Select(t => new Tag { Key = t.Key, Value = t.Value })];

    /// <summary>Tags as IAM's Get* answers carry them.</summary>
    public static IReadOnlyDictionary<string, string> From(IEnumerable<Tag>? tags) => TagMaps.From(tags, t => t.Key, t => t.Value);

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, CancellationToken cancellationToken) =>
        From(await _read(aws.Iam, identity[_address], cancellationToken));

    public Task SetAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<KeyValuePair<string, string>> tags, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        _tag(aws.Iam, identity[_address], ToIam(tags), cancellationToken);

    public Task RemoveAsync(AwsClients aws, IReadOnlyDictionary<string, string> identity, IReadOnlyCollection<string> keys, IReadOnlyDictionary<string, string> live, CancellationToken cancellationToken) =>
        _untag(aws.Iam, identity[_address], [.. keys], cancellationToken);

    private static async Task<IReadOnlyList<Tag>> AllAsync(IAsyncEnumerable<Tag> pages)
    {
        var tags = new List<Tag>();
        await foreach (var tag in pages)
        {
            tags.Add(tag);
        }

        return tags;
    }
}
