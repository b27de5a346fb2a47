using Reconciler.Aws.Clients.Iam;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Iam;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using IamOperations = Reconciler.Aws.Clients.Iam.IamOperations;

namespace Reconciler.Controller.Drivers.Iam;

/// <summary>
/// Converges customer managed IAM policies through the generated <see cref="IIamClient"/>.
/// <para>
/// Reads: one paginated ListPolicies of the account's own policies; then per policy of the stack
/// GetPolicy (ListPolicies omits description and tags) and GetPolicyVersion of the default
/// version, which holds the document (URL-encoded, read by <see cref="PolicyJson"/>).
/// </para>
/// <para>
/// A changed document is a new default version. IAM keeps at most five versions, so when five
/// exist the oldest non-default one is deleted first; a delete removes the non-default versions
/// before the policy, as IAM requires, and refuses while something outside the stack attaches it.
/// </para>
/// </summary>
internal sealed class PolicyDriver : NameAddressedDriver<PolicySpec, Policy>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. IamTags.Operations,
        .. StackTagIndex.Operations,
        IamOperations.CreatePolicy,
        IamOperations.CreatePolicyVersion,
        IamOperations.DeletePolicy,
        IamOperations.DeletePolicyVersion,
        IamOperations.GetPolicy,
        IamOperations.GetPolicyVersion,
        IamOperations.ListEntitiesForPolicy,
        IamOperations.ListPolicies,
        IamOperations.ListPolicyVersions,
    ];

    private const int MaxVersions = 5;

    protected override AwsService Service => AwsService.Iam;

    protected override ITagApi Tags => IamTags.Policy;

    protected override string NameOf(PolicySpec spec) => spec.PolicyName!;

    protected override async Task<IReadOnlyDictionary<string, Policy>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken)
    {
        var policies = new Dictionary<string, Policy>(StringComparer.Ordinal);
        await foreach (var policy in context.Aws.Iam.ListPoliciesAllAsync(new ListPoliciesRequest { Scope = "Local" }, cancellationToken))
        {
            if (policy.PolicyName is { } name && name.StartsWith(namePrefix, StringComparison.Ordinal))
            {
                policies.TryAdd(name, policy);
            }
        }

        return policies;
    }

    protected override async Task<ObservedResource> ReadAsync(ResourceKey key, Policy listed, DriverContext context, CancellationToken cancellationToken)
    {
        var arn = listed.Arn ?? throw new InvalidOperationException($"{key}: ListPolicies returned no ARN for {listed.PolicyName}.");
        var policy = (await context.Aws.Iam.GetPolicyAsync(new GetPolicyRequest { PolicyArn = arn }, cancellationToken)).Policy ?? listed;
        var version = (await context.Aws.Iam.GetPolicyVersionAsync(
            new GetPolicyVersionRequest { PolicyArn = arn, VersionId = policy.DefaultVersionId ?? listed.DefaultVersionId! },
            cancellationToken)).PolicyVersion;
        var name = policy.PolicyName!;
        var live = new PolicySpec
        {
            PolicyName = name,
            Path = policy.Path ?? "/",
            Description = string.IsNullOrEmpty(policy.Description) ? null : policy.Description,
            Document = PolicyJson.Read(version?.Document ?? ""),
        };
        return Observed(
            key,
            live,
            IamTags.From(policy.Tags),
            new Dictionary<string, string> { ["id"] = name, ["arn"] = arn },
            new Dictionary<string, string> { ["policyName"] = name, ["policyArn"] = arn });
    }

    protected override async Task<string> CreateNewAsync(ResourceKey key, PolicySpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.Aws.Iam.CreatePolicyAsync(
                new CreatePolicyRequest
                {
                    PolicyName = NameOf(spec),
                    Path = spec.Path,
                    Description = spec.Description,
                    PolicyDocument = PolicyJson.Write(spec.Document!),
                    Tags = IamTags.ToIam(tags),
                },
                cancellationToken);
        }
        catch (AwsResourceAlreadyExistsException)
        {
            // Made by an earlier create that the list did not show yet: adopted, and converged next.
        }

        return NameOf(spec);
    }

    protected override async Task ApplyAsync(SpecChange<PolicySpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        if (!change.Changed("document"))
        {
            return;
        }

        var (iam, arn) = (context.Aws.Iam, change.Identity["arn"]);
        var versions = await ListVersionsAsync(iam, arn, cancellationToken);
        if (versions.Count >= MaxVersions
            && versions.Where(v => v.IsDefaultVersion != true).OrderBy(v => v.CreateDate).ThenBy(v => VersionNumber(v.VersionId)).FirstOrDefault() is { VersionId: { } oldest })
        {
            await iam.DeletePolicyVersionAsync(new DeletePolicyVersionRequest { PolicyArn = arn, VersionId = oldest }, cancellationToken);
        }

        await iam.CreatePolicyVersionAsync(
            new CreatePolicyVersionRequest { PolicyArn = arn, PolicyDocument = PolicyJson.Write(change.Desired.Document!), SetAsDefault = true },
            cancellationToken);
    }

    // Roles of the stack that attach the policy reference it, so they are changed (detached) or deleted
    // before it. An attachment still there belongs to something the stack does not describe: the
    // delete stops and names it rather than detaching the policy from someone else's role, user or group.
    public override async Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken)
    {
        var iam = context.Aws.Iam;
        var arn = identity.GetValueOrDefault("arn") ?? await ArnOfAsync(identity["id"], context, cancellationToken);
        if (arn is null)
        {
            return;
        }

        await IgnoringNotFoundAsync(async () =>
        {
            if (await AttachedToAsync(iam, arn, cancellationToken) is { Count: > 0 } holders)
            {
                throw new InvalidOperationException(
                    $"{key}: policy {arn} is still attached to {string.Join(", ", holders)}, which this stack's documents do not describe; detach it there first, or keep the Policy document.");
            }

            foreach (var version in (await ListVersionsAsync(iam, arn, cancellationToken)).Where(v => v.IsDefaultVersion != true))
            {
                await IgnoringNotFoundAsync(() => iam.DeletePolicyVersionAsync(new DeletePolicyVersionRequest { PolicyArn = arn, VersionId = version.VersionId! }, cancellationToken));
            }

            await iam.DeletePolicyAsync(new DeletePolicyRequest { PolicyArn = arn }, cancellationToken);
        });
    }

    protected override bool IsNotFound(Exception error) => error is AwsResourceNotFoundException;

    private async Task<string?> ArnOfAsync(string name, DriverContext context, CancellationToken cancellationToken) =>
        (await ListAsync(name, context, cancellationToken)).GetValueOrDefault(name)?.Arn;

    private static async Task<List<string>> AttachedToAsync(IIamClient iam, string arn, CancellationToken cancellationToken)
    {
        var holders = new List<string>();
        await foreach (var page in iam.ListEntitiesForPolicyPagesAsync(new ListEntitiesForPolicyRequest { PolicyArn = arn }, cancellationToken))
        {
            holders.AddRange((page.PolicyRoles ?? []).Select(r => $"role {r.RoleName}"));
            holders.AddRange((page.PolicyUsers ?? []).Select(u => $"user {u.UserName}"));
            holders.AddRange((page.PolicyGroups ?? []).Select(g => $"group {g.GroupName}"));
        }

        return holders;
    }

    private static async Task<List<PolicyVersion>> ListVersionsAsync(IIamClient iam, string arn, CancellationToken cancellationToken)
    {
        var versions = new List<PolicyVersion>();
        await foreach (var version in iam.ListPolicyVersionsAllAsync(new ListPolicyVersionsRequest { PolicyArn = arn }, cancellationToken))
        {
            versions.Add(version);
        }

        return versions;
    }

    // "v12" -> 12: versions made within one second order by number.
    private static int VersionNumber(string? versionId) =>
        int.TryParse(versionId?.TrimStart('v'), out var number) ? number : int.MaxValue;
}
