using System.Globalization;
using Reconciler.Aws;
using Reconciler.Aws.Clients.Lambda;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using LambdaOperations = Reconciler.Aws.Clients.Lambda.LambdaOperations;

namespace Reconciler.Controller.Drivers.Lambda;

/// <summary>
/// Converges Lambda aliases through the generated <see cref="ILambdaClient"/>.
/// <para>
/// Reads: one GetAlias per alias of the stack (addressed by its function and name: Lambda has no
/// read of aliases across functions, and none by tag, since aliases cannot be tagged), plus one
/// ListVersionsByFunction for an alias that follows its function's latest published version.
/// </para>
/// <para>
/// Identity: the alias ARN (<c>...:function:{function}:{alias}</c>), which names both, and the
/// revision id seen, sent with every UpdateAlias: a rollout that moved the alias since the plan
/// makes Lambda refuse the write instead of the plan overwriting it.
/// </para>
/// <para>
/// Live form: <c>version: latest-published</c> is remembered in the alias's description (which
/// the document does not otherwise use), and reported while the alias points at the latest
/// published version; once the function publishes a newer one, the number shows, and differs.
/// </para>
/// </summary>
internal sealed class AliasDriver : ResourceDriver<AliasSpec>
{
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        LambdaOperations.CreateAlias,
        LambdaOperations.DeleteAlias,
        LambdaOperations.GetAlias,
        LambdaOperations.ListVersionsByFunction,
        LambdaOperations.UpdateAlias,
    ];

    /// <summary>The description of an alias that follows its function's latest published version.</summary>
    internal const string FollowsLatest = "Follows the function's latest published version (reconciler: version latest-published).";

    protected override ITagApi Tags => NoTags.Instance;

    public override async Task<IReadOnlyList<ObservedResource>> ObserveAsync(ObserveRequest request, DriverContext context, CancellationToken cancellationToken)
    {
        var keys = request.Keys.ToList();
        var results = new ObservedResource[keys.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism.For(context.Aws.Budget, AwsService.Lambda.SigningName), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var address = AddressOf(request, keys[i], context);
                results[i] = (address is { } a ? await ReadAsync(keys[i], a.Function, a.Alias, context, ct) : null) ?? ObservedResource.Missing(keys[i]);
            });

        foreach (var observed in results.Where(o => o.Exists))
        {
            context.Identities.Set(observed.Key, observed.Identity["id"]);
        }

        return results;
    }

    protected override async Task<ObservedResource?> FindAsync(ResourceKey key, AliasSpec spec, string? excludedId, DriverContext context, CancellationToken cancellationToken) =>
        context.Identities.TryIdOf(new ResourceKey("Function", spec.Function)) is { } function
        && await ReadAsync(key, function, spec.AliasName!, context, cancellationToken) is { } found
        && found.Identity["id"] != excludedId
            ? found
            : null;

    protected override async Task<string> CreateNewAsync(ResourceKey key, AliasSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var function = context.Identities.IdOf("Function", spec.Function);
        try
        {
            var created = await context.Aws.Lambda.CreateAliasAsync(
                new CreateAliasRequest
                {
                    FunctionName = function,
                    Name = spec.AliasName!,
                    FunctionVersion = await VersionOfAsync(key, function, spec.Version, context, cancellationToken),
                    Description = DescriptionOf(spec.Version),
                    RoutingConfig = RoutingOf(spec.Routing),
                },
                cancellationToken);
            return created.AliasArn ?? throw new InvalidOperationException($"{key}: CreateAlias returned no ARN.");
        }
        catch (AwsResourceAlreadyExistsException)
        {
            // Made by an earlier create whose answer was lost: adopted, and converged next.
            var found = await context.Aws.Lambda.GetAliasAsync(new GetAliasRequest { FunctionName = function, Name = spec.AliasName! }, cancellationToken);
            return found.AliasArn ?? throw new InvalidOperationException($"{key}: GetAlias returned no ARN.");
        }
    }

    protected override async Task ApplyAsync(SpecChange<AliasSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var (function, alias) = LambdaAliasArn.Parse(change.Id);
        var versionChanged = change.Changed("version");
        await context.Aws.Lambda.UpdateAliasAsync(
            new UpdateAliasRequest
            {
                FunctionName = function,
                Name = alias,
                FunctionVersion = versionChanged ? await VersionOfAsync(change.Key, function, change.Desired.Version, context, cancellationToken) : null,
                Description = versionChanged ? DescriptionOf(change.Desired.Version) ?? "" : null,

                // Empty weights remove the routing.
                RoutingConfig = change.Changed("routing") ? RoutingOf(change.Desired.Routing) ?? new AliasRoutingConfiguration { AdditionalVersionWeights = new Dictionary<string, double>() } : null,
                RevisionId = change.Identity.GetValueOrDefault("revisionId"),
            },
            cancellationToken);
    }

    protected override async Task<ObservedResource> ReobserveAsync(ResourceKey key, string id, DriverContext context, CancellationToken cancellationToken)
    {
        var (function, alias) = LambdaAliasArn.Parse(id);
        var observed = await Waiter.ForAsync($"{key} ({id}) to become visible", ct => ReadAsync(key, function, alias, context, ct), context, cancellationToken);
        context.Identities.Set(key, observed.Identity["id"]);
        return observed;
    }

    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken)
    {
        var (function, alias) = LambdaAliasArn.Parse(identity["id"]);
        return IgnoringNotFoundAsync(() => context.Aws.Lambda.DeleteAliasAsync(new DeleteAliasRequest { FunctionName = function, Name = alias }, cancellationToken));
    }

    protected override bool IsNotFound(Exception error) => error is AwsResourceNotFoundException;

    /// <summary>Lambda's routing weights (fractions) as the document's percentages, and back.</summary>
    internal static AliasRoutingSpec RoutingOf(AliasRoutingConfiguration? routing) =>
        routing?.AdditionalVersionWeights?.FirstOrDefault() is { Key: { } version } weight
            ? new AliasRoutingSpec { AdditionalVersion = LambdaVersions.NumberOf(version), Weight = (int)Math.Round(weight.Value * 100, MidpointRounding.AwayFromZero) }
            : new AliasRoutingSpec();

    private static AliasRoutingConfiguration? RoutingOf(AliasRoutingSpec routing) =>
        routing.AdditionalVersion is { } version && routing.Weight > 0
            ? new AliasRoutingConfiguration { AdditionalVersionWeights = new Dictionary<string, double> { [version.ToString(CultureInfo.InvariantCulture)] = routing.Weight / 100.0 } }
            : null;

    private static string? DescriptionOf(string version) => version == AliasSpec.LatestPublished ? FollowsLatest : null;

    // A recorded alias by its ARN, else a desired one by its function's id (once that function exists) and name.
    private static (string Function, string Alias)? AddressOf(ObserveRequest request, ResourceKey key, DriverContext context)
    {
        if (request.RecordOf(key)?.Identity.GetValueOrDefault("id") is { } arn)
        {
            return LambdaAliasArn.Parse(arn);
        }

        return request.DesiredOf(key)?.SpecAs<AliasSpec>() is { } spec && context.Identities.TryIdOf(new ResourceKey("Function", spec.Function)) is { } function
            ? (function, spec.AliasName!)
            : null;
    }

    private static async Task<string> VersionOfAsync(ResourceKey key, string function, string version, DriverContext context, CancellationToken cancellationToken) =>
        version != AliasSpec.LatestPublished
            ? version
            : await LambdaVersions.LatestAsync(context.Aws.Lambda, function, cancellationToken)
                ?? throw new InvalidOperationException($"{key}: function {function} has no published version yet, so version: {AliasSpec.LatestPublished} names none.");

    private async Task<ObservedResource?> ReadAsync(ResourceKey key, string function, string alias, DriverContext context, CancellationToken cancellationToken)
    {
        AliasConfiguration found;
        try
        {
            found = await context.Aws.Lambda.GetAliasAsync(new GetAliasRequest { FunctionName = function, Name = alias }, cancellationToken);
        }
        catch (Exception e) when (IsNotFound(e))
        {
            return null;
        }

        var version = found.FunctionVersion ?? "";
        if (found.Description == FollowsLatest && await LambdaVersions.LatestAsync(context.Aws.Lambda, function, cancellationToken) == version)
        {
            version = AliasSpec.LatestPublished;
        }

        var arn = found.AliasArn ?? throw new InvalidOperationException($"{key}: GetAlias returned no ARN for {function}:{alias}.");
        var live = new AliasSpec
        {
            AliasName = found.Name ?? alias,
            Function = context.Identities.NameOf("Function", function),
            Version = version,
            Routing = RoutingOf(found.RoutingConfig),
        };
        var identity = new Dictionary<string, string> { ["id"] = arn, ["arn"] = arn };
        if (found.RevisionId is { } revision)
        {
            identity["revisionId"] = revision;
        }

        return Observed(key, live, new Dictionary<string, string>(), identity, new Dictionary<string, string> { ["aliasArn"] = arn, ["functionVersion"] = found.FunctionVersion ?? "" });
    }
}
