using Reconciler.Aws;
using Reconciler.Aws.Clients.ApiGateway;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Specs;
using LambdaOperations = Reconciler.Aws.Clients.Lambda.LambdaOperations;
using ApiGatewayOperations = Reconciler.Aws.Clients.ApiGateway.ApiGatewayOperations;
using CloudWatchLogsOperations = Reconciler.Aws.Clients.CloudWatchLogs.CloudWatchLogsOperations;

namespace Reconciler.Controller.Drivers.ApiGateway;

/// <summary>
/// Converges API Gateway REST APIs: the API's settings, its methods proxied to a Lambda alias
/// (<see cref="RestApiMethods"/>), Lambda's permission for the API to invoke the alias, a
/// deployment, and the stage serving it (<see cref="RestApiStage"/>).
/// <para>
/// Reads: one paginated GetRestApis for the kind, then per API of the stack one GetResources
/// (methods and integrations embedded), one GetStages and one Lambda GetPolicy.
/// </para>
/// <para>
/// Live form: <c>alias</c> is the alias every method proxies to, as a document name; methods
/// proxying elsewhere add their targets (so the field differs and the methods are put again), and
/// an alias whose policy lacks the API's invoke permission is reported with that remark (so the
/// permission is granted again). A change of methods, alias or binary media types only takes
/// effect once deployed: the driver then creates a deployment and points the stage at it.
/// </para>
/// </summary>
internal sealed class RestApiDriver : ApiGatewayDriver<RestApiSpec, RestApi>
{
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        ApiGatewayOperations.CreateDeployment,
        ApiGatewayOperations.CreateResource,
        ApiGatewayOperations.CreateRestApi,
        ApiGatewayOperations.CreateStage,
        ApiGatewayOperations.DeleteMethod,
        ApiGatewayOperations.DeleteResource,
        ApiGatewayOperations.DeleteRestApi,
        ApiGatewayOperations.DeleteStage,
        ApiGatewayOperations.GetResources,
        ApiGatewayOperations.GetRestApi,
        ApiGatewayOperations.GetRestApis,
        ApiGatewayOperations.GetStages,
        ApiGatewayOperations.PutIntegration,
        ApiGatewayOperations.PutMethod,
        ApiGatewayOperations.TagResource,
        ApiGatewayOperations.UntagResource,
        ApiGatewayOperations.UpdateRestApi,
        ApiGatewayOperations.UpdateStage,
        CloudWatchLogsOperations.DescribeLogGroups,
        LambdaOperations.AddPermission,
        LambdaOperations.GetPolicy,
    ];

    /// <summary>What <c>alias</c> says when the alias's policy does not let the API invoke it.</summary>
    public const string NotPermitted = " (API Gateway may not invoke it)";

    // GetRestApis' largest page.
    private const int MaxPageSize = 500;

    protected override string Collection => "restapis";

    protected override string IdOutputName => "restApiId";

    protected override async Task<IReadOnlyList<RestApi>> ListAsync(DriverContext context, CancellationToken cancellationToken) =>
        await context.Aws.ApiGateway.GetRestApisAllAsync(new GetRestApisRequest { Limit = MaxPageSize }, cancellationToken).ToListAsync(cancellationToken);

    protected override Task<RestApi> GetAsync(string id, DriverContext context, CancellationToken cancellationToken) =>
        context.Aws.ApiGateway.GetRestApiAsync(new GetRestApiRequest { RestApiId = id }, cancellationToken);

    protected override string IdOf(RestApi item) => item.Id!;

    protected override IReadOnlyDictionary<string, string>? TagsOf(RestApi item) => item.Tags;

    protected override async Task<(RestApiSpec Live, IReadOnlyDictionary<string, string> Outputs)> ReadAsync(RestApi item, RestApiSpec? desired, DriverContext context, CancellationToken cancellationToken)
    {
        var id = item.Id!;
        var key = KeyOf(item);
        var resources = await RestApiMethods.ReadAsync(id, context, cancellationToken);
        var stage = await RestApiStage.ReadAsync(id, key, desired?.Stage?.Name, context, cancellationToken);
        var live = new RestApiSpec
        {
            ApiName = item.Name,
            Description = item.Description ?? "",
            EndpointType = item.EndpointConfiguration?.Types?.FirstOrDefault() ?? "",
            BinaryMediaTypes = item.BinaryMediaTypes ?? [],
            Alias = await AliasOfAsync(id, RestApiMethods.TargetsOf(resources), context, cancellationToken),
            Methods = RestApiMethods.MethodsOf(resources),
            Stage = stage is null ? null : RestApiStage.SpecOf(stage, context),
        };
        var outputs = new Dictionary<string, string> { ["rootResourceId"] = item.RootResourceId ?? "" };
        if (stage?.StageName is { } stageName)
        {
            outputs["stageName"] = stageName;
            outputs["invokeUrl"] = $"https://{id}.execute-api.{context.Stack.Region}.amazonaws.com/{stageName}";
        }

        return (live, outputs);
    }

    // Tags come at create: moto (unlike AWS) cannot tag a REST API afterwards.
    protected override async Task<string> CreateNewAsync(ResourceKey key, RestApiSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var created = await context.Aws.ApiGateway.CreateRestApiAsync(
            new CreateRestApiRequest
            {
                Name = spec.ApiName!,
                Description = spec.Description,
                BinaryMediaTypes = spec.BinaryMediaTypes,
                EndpointConfiguration = new EndpointConfiguration { Types = [spec.EndpointType] },
                ApiKeySource = "HEADER",
                Tags = tags,
            },
            cancellationToken);
        return created.Id!;
    }

    protected override async Task ApplyAsync(SpecChange<RestApiSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var desired = change.Desired;
        var settings = SettingPatches(change).ToList();
        if (settings.Count > 0)
        {
            await context.Aws.ApiGateway.UpdateRestApiAsync(new UpdateRestApiRequest { RestApiId = change.Id, PatchOperations = settings }, cancellationToken);
        }

        var behaviourChanged = change.Changed("methods") || change.Changed("alias") || change.Changed("binaryMediaTypes");
        if (change.Changed("methods") || change.Changed("alias"))
        {
            var aliasArn = AliasArnOf(desired.Alias, context);
            await RestApiMethods.ConvergeAsync(change.Id, desired.Methods, aliasArn, context, cancellationToken);
            await PermissionFor(change.Id, aliasArn, context).GrantAsync(context, cancellationToken);
        }

        var stage = desired.Stage!;
        var live = change.Live.Stage;
        var moved = live is null || live.Name != stage.Name;
        var deploymentId = behaviourChanged || moved ? await DeployAsync(change.Id, context, cancellationToken) : null;
        if (moved)
        {
            // A renamed stage is made anew (on the current deployment), then the old one deleted.
            await RestApiStage.CreateAsync(change.Id, change.Key, stage, deploymentId!, context, cancellationToken);
            if (live is not null)
            {
                await IgnoringNotFoundAsync(() => context.Aws.ApiGateway.DeleteStageAsync(new DeleteStageRequest { RestApiId = change.Id, StageName = live.Name }, cancellationToken));
            }
        }
        else if (live is not null)
        {
            await RestApiStage.ChangeAsync(change.Id, stage, live, deploymentId, change.Changed, context, cancellationToken);
        }
    }

    // Deleting the API deletes its resources, deployments and stages; the alias's permission names a source that no longer exists and is inert.
    // The API is read first: moto answers a delete of a missing API with a server error, not NotFoundException.
    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(async () =>
        {
            await GetAsync(identity["id"], context, cancellationToken);
            await context.Aws.ApiGateway.DeleteRestApiAsync(new DeleteRestApiRequest { RestApiId = identity["id"] }, cancellationToken);
        });

    private static IEnumerable<PatchOperation> SettingPatches(SpecChange<RestApiSpec> change)
    {
        var (desired, live) = (change.Desired, change.Live);
        if (change.Changed("apiName"))
        {
            yield return Patch.Replace("/name", desired.ApiName!);
        }

        if (change.Changed("description"))
        {
            yield return Patch.Replace("/description", desired.Description);
        }

        if (change.Changed("endpointType"))
        {
            yield return Patch.Replace($"/endpointConfiguration/types/{live.EndpointType}", desired.EndpointType);
        }

        if (change.Changed("binaryMediaTypes"))
        {
            // The value is sent too: AWS reads the type from the path, moto from the value.
            foreach (var type in live.BinaryMediaTypes.Except(desired.BinaryMediaTypes, StringComparer.Ordinal))
            {
                yield return Patch.Remove($"/binaryMediaTypes/{Patch.Segment(type)}", type);
            }

            foreach (var type in desired.BinaryMediaTypes.Except(live.BinaryMediaTypes, StringComparer.Ordinal))
            {
                yield return Patch.Add($"/binaryMediaTypes/{Patch.Segment(type)}", type);
            }
        }
    }

    private static async Task<string> DeployAsync(string apiId, DriverContext context, CancellationToken cancellationToken) =>
        (await context.Aws.ApiGateway.CreateDeploymentAsync(
            new CreateDeploymentRequest { RestApiId = apiId, Description = "Deployed by reconciler: methods, alias or binary media types changed" },
            cancellationToken)).Id!;

    // The alias every method proxies to, by document name; other targets (and a missing permission) make it differ.
    private static async Task<string> AliasOfAsync(string apiId, IReadOnlyList<string> targets, DriverContext context, CancellationToken cancellationToken)
    {
        if (targets is [var arn] && arn.StartsWith("arn:", StringComparison.Ordinal) && arn.Split(':').Length == 8)
        {
            var name = context.Identities.NameOf("Alias", arn);
            return await PermissionFor(apiId, arn, context).ExistsAsync(context, cancellationToken) ? name : name + NotPermitted;
        }

        return string.Join(", ", targets.Select(t => context.Identities.NameOf("Alias", t)));
    }

    // The permission is scoped to the API: any stage, method and path of it.
    private static LambdaInvokePermission PermissionFor(string apiId, string aliasArn, DriverContext context) =>
        new(
            aliasArn,
            $"reconciler-apigateway-{apiId}",
            "apigateway.amazonaws.com",
            $"arn:{Arns.Partition(context.Stack.Region)}:execute-api:{context.Stack.Region}:{LambdaInvokePermission.AccountOf(aliasArn)}:{apiId}/*");

    // The Alias kind's identity is the alias ARN.
    private static string AliasArnOf(string alias, DriverContext context) =>
        context.Identities.IdOf("Alias", alias) is var id && id.StartsWith("arn:", StringComparison.Ordinal)
            ? id
            : throw new InvalidOperationException($"Alias '{alias}' is known by '{id}', not by its ARN; the RestApi driver needs the alias ARN to proxy to it.");

    private static ResourceKey KeyOf(RestApi item) =>
        item.Tags?.GetValueOrDefault(Model.Stacks.ResourceTags.ResourceTag) is { } tag && ResourceKey.TryParse(tag, out var key) ? key : new ResourceKey("RestApi", item.Id!);
}
