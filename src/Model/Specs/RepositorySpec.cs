using Reconciler.Model.Kinds;
using Reconciler.Model.Pricing;

namespace Reconciler.Model.Specs;

/// <summary>
/// An ECR repository of container images: scanned on push, tags immutable, and a lifecycle
/// policy generated from typed fields, so old images do not pile up.
/// </summary>
/// <remarks>
/// Stateful: deleting it deletes its images, so a removed (or switched-off) document orphans the
/// repository unless <c>metadata.deletionPolicy: delete</c>. Replaced delete-then-create: its name
/// is fixed by the document and unique in the registry.
/// </remarks>
[Kind("Repository", Stateful = true)]
public sealed record RepositorySpec : IResourceSpec
{
    /// <summary>The repository's name in the account's registry. Defaults to <c>{stack}/{document name}</c>; changing it replaces the repository.</summary>
    [Immutable, DefaultName("{stack}/{name}")]
    public string? RepositoryName { get; init; }

    /// <summary>Whether every pushed image is scanned for known vulnerabilities.</summary>
    public bool ScanOnPush { get; init; } = true;

    /// <summary>Whether a tag, once pushed, can never point at another image (deployments name exactly what runs).</summary>
    public bool ImmutableTags { get; init; } = true;

    /// <summary>How images are encrypted at rest; AES256 (S3-managed keys) costs nothing extra. Changing it replaces the repository.</summary>
    [Immutable, AllowedValues("AES256", "KMS")]
    public string EncryptionType { get; init; } = "AES256";

    /// <summary>Which images the repository expires; none when absent (every image is kept).</summary>
    public RepositoryLifecycleSpec? Lifecycle { get; init; }

    /// <summary>A lifecycle block with at least one rule.</summary>
    public void Validate(SpecRules rules)
    {
        if (Lifecycle is { KeepLastImages: null, ExpireUntaggedAfterDays: null })
        {
            rules.Error("lifecycle", "lifecycle in Repository spec has no rule; set keepLastImages, expireUntaggedAfterDays or both, or remove lifecycle");
        }
    }

    /// <summary>Storage of the images kept (an assumption: image sizes are not known before they are pushed).</summary>
    public MonthlyCost Price(PriceTable prices)
    {
        var storedGb = prices.Assumption("Repository", "storageGb");
        return new MonthlyCost(storedGb * prices.Price("ecr.storage"), $"{MonthlyCost.Figure(storedGb)} GB of images stored");
    }
}
