using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Reconciler.Aws.Clients.Acm;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using Reconciler.Model.Stacks;
using AcmOperations = Reconciler.Aws.Clients.Acm.AcmOperations;

namespace Reconciler.Controller.Drivers.Acm;

/// <summary>
/// Converges ACM certificates: requested ones (DNS validation, tagged at request) and adopted
/// ones (an existing certificate's ARN, only ever read).
/// <para>
/// Reads: one paginated ListCertificates for the requested ones, their tags from the stack's tag
/// index (the tagging API lists certificates) or ListTagsForCertificate each (ACM has no batch tag
/// read), then one DescribeCertificate per certificate of the stack for its names and validation
/// records. Adopted certificates are described by their ARN.
/// </para>
/// <para>
/// Live form: <c>subjectAlternativeNames</c> without the domain name itself (ACM lists it there
/// too). A certificate without the document's resource tag is adopted: the identity says so, its
/// tags are the owner's (the spec leaves them to others) and delete only forgets it.
/// </para>
/// </summary>
internal sealed class CertificateDriver : ResourceDriver<CertificateSpec>
{
    /// <summary>The AWS operations this driver calls, for the controller's IAM policy (checked against its compiled code).</summary>
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. AcmTags.Operations,
        .. StackTagIndex.Operations,
        AcmOperations.DeleteCertificate,
        AcmOperations.DescribeCertificate,
        AcmOperations.ListCertificates,
        AcmOperations.RequestCertificate,
    ];

    private const string AdoptedKey = "adopted";

    protected override ITagApi Tags => AcmTags.Instance;

    public override async Task<IReadOnlyList<ObservedResource>> ObserveAsync(ObserveRequest request, DriverContext context, CancellationToken cancellationToken)
    {
        var adoptedArns = request.Keys
            .Select(k => (Key: k, Arn: request.DesiredOf(k)?.SpecAs<CertificateSpec>().Arn
                ?? (request.RecordOf(k)?.Identity is { } recorded && recorded.GetValueOrDefault(AdoptedKey) == "true" ? recorded.GetValueOrDefault("id") : null)))
            .Where(a => a.Arn is not null)
            .ToDictionary(a => a.Key, a => a.Arn!);
        var found = await FindRequestedAsync(request, adoptedArns.Keys, context, cancellationToken);

        var keys = request.Keys.Concat(found.Keys).Distinct().ToList();
        var result = new ObservedResource[keys.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism.For(context.Aws.Budget, AwsService.Acm.SigningName), CancellationToken = cancellationToken },
            async (i, ct) => result[i] = adoptedArns.TryGetValue(keys[i], out var adopted)
                ? await TryObserveAsync(keys[i], adopted, null, context, ct) ?? ObservedResource.Missing(keys[i])
                : found.TryGetValue(keys[i], out var requested)
                    ? await TryObserveAsync(keys[i], requested.Arn, requested.Tags, context, ct) ?? ObservedResource.Missing(keys[i])
                    : ObservedResource.Missing(keys[i]));
        foreach (var observed in result.Where(o => o.Exists))
        {
            context.Identities.Set(observed.Key, observed.Identity["id"]);
        }

        return result;
    }

    protected override async Task<ObservedResource?> FindAsync(ResourceKey key, CertificateSpec spec, string? excludedId, DriverContext context, CancellationToken cancellationToken)
    {
        if (spec.Arn is { } arn)
        {
            return arn == excludedId ? null : await TryObserveAsync(key, arn, null, context, cancellationToken);
        }

        var mine = (await ListAsync(context, cancellationToken)).Where(a => a != excludedId).ToList();
        var tags = await ReadTagsAsync(mine, context, cancellationToken);
        var match = mine
            .Where(a => tags.GetValueOrDefault(a) is { } t && t.GetValueOrDefault(ResourceTags.ResourceTag) == key.ToString() && t.GetValueOrDefault(ResourceTags.StackTag) == context.Stack.Name)
            .OrderBy(a => a == context.Identities.TryIdOf(key) ? 0 : 1)
            .ThenBy(a => a, StringComparer.Ordinal)
            .FirstOrDefault();
        return match is null ? null : await TryObserveAsync(key, match, tags[match], context, cancellationToken);
    }

    /// <summary>An adopted certificate is only checked to exist; a requested one is requested with DNS validation and the stack's tags.</summary>
    protected override async Task<string> CreateNewAsync(ResourceKey key, CertificateSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        if (spec.Arn is { } arn)
        {
            await context.Aws.Acm.DescribeCertificateAsync(new DescribeCertificateRequest { CertificateArn = arn }, cancellationToken);
            return arn;
        }

        var sans = spec.SubjectAlternativeNames is { Count: > 0 } names ? names : null;
        var response = await context.Aws.Acm.RequestCertificateAsync(
            new RequestCertificateRequest
            {
                DomainName = spec.DomainName!,
                SubjectAlternativeNames = sans is null ? null : [spec.DomainName!, .. sans.Where(n => n != spec.DomainName)],
                ValidationMethod = "DNS",
                IdempotencyToken = IdempotencyToken(context.Stack.Name, key, spec),
                Tags = AcmTags.AtCreate(tags),
            },
            cancellationToken);
        return response.CertificateArn ?? throw new InvalidOperationException($"{key}: RequestCertificate returned no ARN.");
    }

    // Every field is immutable (a change requests a new certificate beside the old one): nothing changes in place.
    protected override Task ApplyAsync(SpecChange<CertificateSpec> change, DriverContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task<ObservedResource> ReobserveAsync(ResourceKey key, string id, DriverContext context, CancellationToken cancellationToken)
    {
        var observed = await Waiter.ForAsync($"{key} ({id}) to become visible", ct => TryObserveAsync(key, id, null, context, ct), context, cancellationToken);
        context.Identities.Set(key, id);
        return observed;
    }

    /// <summary>Deletes a requested certificate; an adopted one is someone else's and is only forgotten. ACM refuses while a listener still uses it; the next run retries.</summary>
    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        identity.GetValueOrDefault(AdoptedKey) == "true"
            ? Task.CompletedTask
            : IgnoringNotFoundAsync(() => context.Aws.Acm.DeleteCertificateAsync(new DeleteCertificateRequest { CertificateArn = identity["id"] }, cancellationToken));

    protected override bool IsNotFound(Exception error) => error is AwsServiceException { ErrorCode: "ResourceNotFoundException" };

    // ACM returns the same certificate for a repeated request with the same token (within an hour):
    // a create re-sent after a lost answer never requests twice. The names are in it, so a
    // replacement for other names is a new request.
    private static string IdempotencyToken(string stack, ResourceKey key, CertificateSpec spec)
    {
        var text = $"{stack}/{key}/{spec.DomainName}/{string.Join(',', (spec.SubjectAlternativeNames ?? []).Order(StringComparer.Ordinal))}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    private async Task<Dictionary<ResourceKey, (string Arn, IReadOnlyDictionary<string, string> Tags)>> FindRequestedAsync(
        ObserveRequest request, IEnumerable<ResourceKey> adoptedKeys, DriverContext context, CancellationToken cancellationToken)
    {
        var adopted = adoptedKeys.ToHashSet();
        var recordedArns = request.Recorded.Where(r => !adopted.Contains(r.Key)).Select(r => r.Identity.GetValueOrDefault("id")).OfType<string>().ToList();
        var observing = context.StackTags is null ? context with { StackTags = StackTagIndex.For(context, cancellationToken, AwsService.Acm.SigningName) } : context;
        var listed = await ListAsync(context, cancellationToken);
        var tags = await IndexedTags.ResolveAsync(listed, recordedArns, indexListsKind: true, observing, arns => ReadTagsAsync(arns, context, cancellationToken));
        var ours = listed.Where(a => recordedArns.Contains(a) || tags.GetValueOrDefault(a)?.GetValueOrDefault(ResourceTags.StackTag) == context.Stack.Name);
        return TaggedItems.ByKey(ours, a => a, a => tags.GetValueOrDefault(a) ?? new Dictionary<string, string>(), request)
            .Where(f => !adopted.Contains(f.Key))
            .ToDictionary(f => f.Key, f => (f.Value, tags.GetValueOrDefault(f.Value) ?? (IReadOnlyDictionary<string, string>)new Dictionary<string, string>()));
    }

    private static async Task<List<string>> ListAsync(DriverContext context, CancellationToken cancellationToken) =>
        [.. (await Pages.ReadAllAsync<CertificateSummary>(async token =>
        {
            var page = await context.Aws.Acm.ListCertificatesAsync(new ListCertificatesRequest { NextToken = token }, cancellationToken);
            return (page.CertificateSummaryList, page.NextToken);
        })).Select(c => c.CertificateArn).OfType<string>()];

    private async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> ReadTagsAsync(IReadOnlyCollection<string> arns, DriverContext context, CancellationToken cancellationToken)
    {
        var tags = new System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            arns,
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism.For(context.Aws.Budget, AwsService.Acm.SigningName), CancellationToken = cancellationToken },
            async (arn, ct) =>
            {
                try
                {
                    tags[arn] = await Tags.ReadAsync(context.Aws, new Dictionary<string, string> { ["id"] = arn }, ct);
                }
                catch (Exception e) when (IsNotFound(e))
                {
                    // Deleted since it was listed.
                }
            });
        return tags;
    }

    /// <summary>The certificate described, or null when it does not exist. Tags are read when not given.</summary>
    private async Task<ObservedResource?> TryObserveAsync(ResourceKey key, string arn, IReadOnlyDictionary<string, string>? tags, DriverContext context, CancellationToken cancellationToken)
    {
        CertificateDetail detail;
        try
        {
            detail = (await context.Aws.Acm.DescribeCertificateAsync(new DescribeCertificateRequest { CertificateArn = arn }, cancellationToken)).Certificate
                ?? throw new InvalidOperationException($"{key}: DescribeCertificate returned nothing for {arn}.");
            tags ??= await Tags.ReadAsync(context.Aws, new Dictionary<string, string> { ["id"] = arn }, cancellationToken);
        }
        catch (Exception e) when (IsNotFound(e))
        {
            return null;
        }

        var adopted = tags.GetValueOrDefault(ResourceTags.ResourceTag) != key.ToString();
        var live = new CertificateSpec
        {
            DomainName = detail.DomainName,
            SubjectAlternativeNames = [.. (detail.SubjectAlternativeNames ?? []).Where(n => n != detail.DomainName)],
            Arn = adopted ? arn : null,
        };
        var identity = new Dictionary<string, string> { ["id"] = arn, ["arn"] = arn };
        if (adopted)
        {
            identity[AdoptedKey] = "true";
        }

        return Observed(key, live, tags, identity, OutputsOf(detail, arn));
    }

    // The DNS records that validate the names, for the zone's owner to write (ACM adds them a few seconds after the request).
    private static Dictionary<string, string> OutputsOf(CertificateDetail detail, string arn)
    {
        var records = (detail.DomainValidationOptions ?? [])
            .Where(v => v.ResourceRecord is not null)
            .Select(v => new ValidationRecord(v.DomainName ?? "", v.ResourceRecord!.Name ?? "", v.ResourceRecord.Type ?? "", v.ResourceRecord.Value ?? ""))
            .ToList();
        var outputs = new Dictionary<string, string>
        {
            ["certificateArn"] = arn,
            ["domainName"] = detail.DomainName ?? "",
            ["status"] = detail.Status ?? "",
            ["validationRecords"] = JsonSerializer.Serialize(records, ValidationRecord.Json),
        };
        if (records.FirstOrDefault(r => r.DomainName == detail.DomainName) is { } primary)
        {
            outputs["validationRecordName"] = primary.Name;
            outputs["validationRecordType"] = primary.Type;
            outputs["validationRecordValue"] = primary.Value;
        }

        return outputs;
    }
}
