using Reconciler.Aws;
using Reconciler.Aws.Clients.Ecr;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using EcrOperations = Reconciler.Aws.Clients.Ecr.EcrOperations;

namespace Reconciler.Controller.Drivers.Ecr;

/// <summary>
/// Converges ECR repositories through the generated <see cref="IEcrClient"/>.
/// <para>
/// Reads: one paginated DescribeRepositories gives every repository's scan, tag mutability and
/// encryption settings; then one GetLifecyclePolicy per repository of the stack (ECR has no batch
/// read of policies), tags from the stack's tag index or ListTagsForResource.
/// </para>
/// <para>Live form: <c>lifecycle</c> is the typed form of the policy, null when the repository has none (or one this controller did not write).</para>
/// </summary>
internal sealed class RepositoryDriver : NameAddressedDriver<RepositorySpec, Repository>
{
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. StackTagIndex.Operations,
        EcrOperations.CreateRepository,
        EcrOperations.DeleteLifecyclePolicy,
        EcrOperations.DeleteRepository,
        EcrOperations.DescribeRepositories,
        EcrOperations.GetLifecyclePolicy,
        EcrOperations.ListTagsForResource,
        EcrOperations.PutImageScanningConfiguration,
        EcrOperations.PutImageTagMutability,
        EcrOperations.PutLifecyclePolicy,
        EcrOperations.TagResource,
        EcrOperations.UntagResource,
    ];

    protected override AwsService Service => AwsService.Ecr;

    protected override ITagApi Tags => EcrTags.Instance;

    protected override string NameOf(RepositorySpec spec) => spec.RepositoryName!;

    protected override async Task<IReadOnlyDictionary<string, Repository>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken)
    {
        var repositories = await Pages.ReadAllAsync<Repository>(async token =>
        {
            var page = await context.Aws.Ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest { NextToken = token }, cancellationToken);
            return (page.Repositories, page.NextToken);
        });
        return repositories
            .Where(r => r.RepositoryName is { } name && name.StartsWith(namePrefix, StringComparison.Ordinal))
            .GroupBy(r => r.RepositoryName!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    protected override async Task<ObservedResource> ReadAsync(ResourceKey key, Repository listed, DriverContext context, CancellationToken cancellationToken)
    {
        var name = listed.RepositoryName!;
        var arn = listed.RepositoryArn ?? throw new InvalidOperationException($"{key}: DescribeRepositories returned no ARN for {name}.");
        var identity = new Dictionary<string, string> { ["id"] = name, ["arn"] = arn };
        var live = new RepositorySpec
        {
            RepositoryName = name,
            ScanOnPush = listed.ImageScanningConfiguration?.ScanOnPush ?? false,
            ImmutableTags = listed.ImageTagMutability == "IMMUTABLE",
            EncryptionType = listed.EncryptionConfiguration?.EncryptionType ?? "AES256",
            Lifecycle = await ReadLifecycleAsync(name, context, cancellationToken),
        };
        return Observed(
            key,
            live,
            await ReadTagsAsync(identity, context, cancellationToken),
            identity,
            new Dictionary<string, string> { ["repositoryName"] = name, ["repositoryArn"] = arn, ["repositoryUri"] = listed.RepositoryUri ?? "" });
    }

    // A repository without a policy answers LifecyclePolicyNotFoundException: no lifecycle, not a missing repository.
    private static async Task<RepositoryLifecycleSpec?> ReadLifecycleAsync(string name, DriverContext context, CancellationToken cancellationToken)
    {
        try
        {
            var policy = await context.Aws.Ecr.GetLifecyclePolicyAsync(new GetLifecyclePolicyRequest { RepositoryName = name }, cancellationToken);
            return policy.LifecyclePolicyText is { } text ? RepositoryLifecyclePolicy.Parse(text) : null;
        }
        catch (AwsResourceNotFoundException e) when (e.ErrorCode == "LifecyclePolicyNotFoundException")
        {
            return null;
        }
    }

    // Scan, mutability and encryption go with the create; the lifecycle policy follows as an in-place change.
    protected override async Task<string> CreateNewAsync(ResourceKey key, RepositorySpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.Aws.Ecr.CreateRepositoryAsync(
                new CreateRepositoryRequest
                {
                    RepositoryName = NameOf(spec),
                    ImageScanningConfiguration = new ImageScanningConfiguration { ScanOnPush = spec.ScanOnPush },
                    ImageTagMutability = Mutability(spec.ImmutableTags),
                    EncryptionConfiguration = new EncryptionConfiguration { EncryptionType = spec.EncryptionType },
                    Tags = EcrTags.AtCreate(tags),
                },
                cancellationToken);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "RepositoryAlreadyExistsException")
        {
            // Made by an earlier create whose answer was lost: adopted, and converged next.
        }

        return NameOf(spec);
    }

    protected override async Task ApplyAsync(SpecChange<RepositorySpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var (ecr, name) = (context.Aws.Ecr, change.Id);
        if (change.Changed("scanOnPush"))
        {
            await ecr.PutImageScanningConfigurationAsync(
                new PutImageScanningConfigurationRequest { RepositoryName = name, ImageScanningConfiguration = new ImageScanningConfiguration { ScanOnPush = change.Desired.ScanOnPush } },
                cancellationToken);
        }

        if (change.Changed("immutableTags"))
        {
            await ecr.PutImageTagMutabilityAsync(new PutImageTagMutabilityRequest { RepositoryName = name, ImageTagMutability = Mutability(change.Desired.ImmutableTags) }, cancellationToken);
        }

        if (change.Changed("lifecycle"))
        {
            if (change.Desired.Lifecycle is { } lifecycle)
            {
                await ecr.PutLifecyclePolicyAsync(new PutLifecyclePolicyRequest { RepositoryName = name, LifecyclePolicyText = RepositoryLifecyclePolicy.ToJson(lifecycle) }, cancellationToken);
            }
            else
            {
                await IgnoringNotFoundAsync(() => ecr.DeleteLifecyclePolicyAsync(new DeleteLifecyclePolicyRequest { RepositoryName = name }, cancellationToken));
            }
        }
    }

    // Force: the repository's images go with it (the document's deletion policy already said delete).
    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(() => context.Aws.Ecr.DeleteRepositoryAsync(new DeleteRepositoryRequest { RepositoryName = identity["id"], Force = true }, cancellationToken));

    protected override bool IsNotFound(Exception error) => error is AwsResourceNotFoundException;

    private static string Mutability(bool immutable) => immutable ? "IMMUTABLE" : "MUTABLE";
}
