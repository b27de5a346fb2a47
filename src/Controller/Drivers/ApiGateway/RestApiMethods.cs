using Reconciler.Aws.Clients.ApiGateway;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model.Specs;

namespace Reconciler.Controller.Drivers.ApiGateway;

/// <summary>
/// A REST API's resource tree and methods, read in one paginated GetResources (methods and their
/// integrations embedded) and converged to the document's methods, each an <c>AWS_PROXY</c>
/// integration with one Lambda alias: missing path segments are created, a method that differs
/// (key requirement or integration) is deleted and put again (PutMethod refuses to overwrite),
/// methods and resources no document path needs are deleted.
/// </summary>
internal static class RestApiMethods
{
    private const string Proxy = "AWS_PROXY";

    // GetResources' largest page.
    private const int MaxPageSize = 500;

    /// <summary>The API's resources with their methods, every page.</summary>
    public static async Task<IReadOnlyList<Resource>> ReadAsync(string apiId, DriverContext context, CancellationToken cancellationToken) =>
        await context.Aws.ApiGateway.GetResourcesAllAsync(new GetResourcesRequest { RestApiId = apiId, Embed = ["methods"], Limit = MaxPageSize }, cancellationToken).ToListAsync(cancellationToken);

    /// <summary>The integration URI that proxies to a Lambda alias.</summary>
    public static string IntegrationUri(string region, string aliasArn) =>
        $"arn:{Arns.Partition(region)}:apigateway:{region}:lambda:path/2015-03-31/functions/{aliasArn}/invocations";

    /// <summary>What a method proxies to: the Lambda ARN of an <c>AWS_PROXY</c> integration, else its type and URI as found.</summary>
    public static string TargetOf(Integration? integration)
    {
        if (integration is null)
        {
            return "(no integration)";
        }

        const string Functions = "/functions/";
        const string Invocations = "/invocations";
        var uri = integration.Uri ?? "";
        var start = uri.IndexOf(Functions, StringComparison.Ordinal);
        return integration.Type == Proxy && start >= 0 && uri.EndsWith(Invocations, StringComparison.Ordinal)
            ? uri[(start + Functions.Length)..^Invocations.Length]
            : $"{integration.Type} {uri}".Trim();
    }

    /// <summary>The methods as the spec lists them.</summary>
    public static IReadOnlyList<RestApiMethodSpec> MethodsOf(IEnumerable<Resource> resources) =>
        [.. resources.SelectMany(r => (r.ResourceMethods ?? new Dictionary<string, Method>()).Select(m => new RestApiMethodSpec
        {
            Path = r.Path ?? "",
            HttpMethod = m.Key,
            ApiKeyRequired = m.Value.ApiKeyRequired ?? false,
        }))];

    /// <summary>Every method's target (<see cref="TargetOf"/>), distinct.</summary>
    public static IReadOnlyList<string> TargetsOf(IEnumerable<Resource> resources) =>
        [.. resources.SelectMany(r => (r.ResourceMethods ?? new Dictionary<string, Method>()).Values.Select(m => TargetOf(m.MethodIntegration))).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Makes the API's methods exactly <paramref name="desired"/>, each proxied to <paramref name="aliasArn"/>.</summary>
    public static async Task ConvergeAsync(string apiId, IReadOnlyList<RestApiMethodSpec> desired, string aliasArn, DriverContext context, CancellationToken cancellationToken)
    {
        var api = context.Aws.ApiGateway;
        var resources = await ReadAsync(apiId, context, cancellationToken);
        var byPath = resources.Where(r => r.Path is not null).ToDictionary(r => r.Path!, StringComparer.Ordinal);
        var uri = IntegrationUri(context.Stack.Region, aliasArn);

        foreach (var method in desired)
        {
            var resourceId = await EnsurePathAsync(apiId, method.Path, byPath, context, cancellationToken);
            var live = byPath[method.Path].ResourceMethods?.GetValueOrDefault(method.HttpMethod);
            if (live is not null && live.ApiKeyRequired == method.ApiKeyRequired && TargetOf(live.MethodIntegration) == aliasArn)
            {
                continue;
            }

            if (live is not null)
            {
                await api.DeleteMethodAsync(new DeleteMethodRequest { RestApiId = apiId, ResourceId = resourceId, HttpMethod = method.HttpMethod }, cancellationToken);
            }

            await api.PutMethodAsync(
                new PutMethodRequest { RestApiId = apiId, ResourceId = resourceId, HttpMethod = method.HttpMethod, AuthorizationType = "NONE", ApiKeyRequired = method.ApiKeyRequired },
                cancellationToken);

            // Lambda proxy integrations are always invoked with POST, whatever the method.
            await api.PutIntegrationAsync(
                new PutIntegrationRequest { RestApiId = apiId, ResourceId = resourceId, HttpMethod = method.HttpMethod, Type = Proxy, IntegrationHttpMethod = "POST", Uri = uri },
                cancellationToken);
        }

        var wanted = desired.Select(m => (m.Path, m.HttpMethod)).ToHashSet();
        foreach (var resource in resources)
        {
            foreach (var verb in (resource.ResourceMethods ?? new Dictionary<string, Method>()).Keys.Where(v => !wanted.Contains((resource.Path!, v))))
            {
                await api.DeleteMethodAsync(new DeleteMethodRequest { RestApiId = apiId, ResourceId = resource.Id!, HttpMethod = verb }, cancellationToken);
            }
        }

        await DeleteUnneededAsync(apiId, byPath, desired, context, cancellationToken);
    }

    // Creates the missing segments of a path from the root down, and returns the id of its resource.
    private static async Task<string> EnsurePathAsync(string apiId, string path, Dictionary<string, Resource> byPath, DriverContext context, CancellationToken cancellationToken)
    {
        var parent = byPath["/"];
        var current = "";
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current += "/" + segment;
            if (!byPath.TryGetValue(current, out var resource))
            {
                resource = await context.Aws.ApiGateway.CreateResourceAsync(new CreateResourceRequest { RestApiId = apiId, ParentId = parent.Id!, PathPart = segment }, cancellationToken);
                byPath[current] = resource with { Path = current };
            }

            parent = byPath[current];
        }

        return parent.Id!;
    }

    // Resources on no desired path are deleted from the leaves up: AWS would delete a subtree with
    // its top, but moto leaves the children behind, parentless, and then fails every deployment.
    private static async Task DeleteUnneededAsync(string apiId, Dictionary<string, Resource> byPath, IReadOnlyList<RestApiMethodSpec> desired, DriverContext context, CancellationToken cancellationToken)
    {
        var needed = desired.SelectMany(m => Ancestors(m.Path)).Append("/").ToHashSet(StringComparer.Ordinal);
        foreach (var path in byPath.Keys.Where(p => !needed.Contains(p)).OrderByDescending(p => p.Count(c => c == '/')).ThenBy(p => p, StringComparer.Ordinal))
        {
            await context.Aws.ApiGateway.DeleteResourceAsync(new DeleteResourceRequest { RestApiId = apiId, ResourceId = byPath[path].Id! }, cancellationToken);
        }
    }

    // "/a/b" is under "/", "/a" and "/a/b".
    private static IEnumerable<string> Ancestors(string path)
    {
        yield return "/";
        var current = "";
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current += "/" + segment;
            yield return current;
        }
    }
}
