using System.Text.Json.Nodes;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Emulator;

namespace Reconciler.Integration.Tests.Drivers;

/// <summary>
/// The inference API's surroundings on the emulator: the function and its alias <c>live</c>
/// (through <see cref="LambdaDocuments"/>), and the access log group, created by their drivers;
/// then the API documents of a test, loaded after them.
/// </summary>
internal sealed class ApiDocuments
{
    public const string RestApi = """

        ---
        kind: RestApi
        metadata:
          name: inference
        spec:
          description: Inference; at most 100 items per request.
          alias: live
          methods:
            - path: /predict
              httpMethod: POST
            - path: /models/{model}/predict
              httpMethod: POST
          stage:
            name: v1
            throttle: {rateLimit: 50, burstLimit: 100}
            accessLogs:
              logGroup: api-access
              format: '$context.requestId $context.httpMethod $context.resourcePath $context.status'
            variables:
              modelName: resnet18
        """;

    private const string Surroundings = """

        ---
        kind: Alias
        metadata:
          name: live
        spec:
          function: inference
          version: latest-published
        ---
        kind: LogGroup
        metadata:
          name: api-access
        spec:
          retentionDays: 14
        """;

    private ApiDocuments(LambdaDocuments lambda) => Lambda = lambda;

    public LambdaDocuments Lambda { get; }

    public DriverHarness Harness => Lambda.Harness;

    public AwsCli Aws => Lambda.Aws;

    /// <summary>Creates the function, its alias and the access log group, and loads <paramref name="documents"/> after them.</summary>
    public static async Task<ApiDocuments> SetUpAsync(AwsEmulatorFixture emulator, string documents)
    {
        var (lambda, version) = await LambdaDocuments.SetUpAsync(emulator);
        var api = new ApiDocuments(lambda);
        api.Load(documents);
        await lambda.Harness.CreateAllAsync(("Function", "inference"), ("Alias", "live"), ("LogGroup", "api-access"));
        return api;
    }

    /// <summary>Loads the surroundings with <paramref name="documents"/> after them, as an edit in git would.</summary>
    public void Load(string documents) => Harness.Load(Lambda.Text(Lambda.PackageVersion) + Surroundings + documents);

    /// <summary>The alias's ARN as Lambda reports it.</summary>
    public async Task<string> AliasArnAsync() =>
        (await Aws.RunAsync("lambda", "get-alias", "--function-name", Lambda.FunctionName, "--name", "live"))!["AliasArn"]!.GetValue<string>();

    /// <summary>The API's resources with methods, as the CLI reads them, by path.</summary>
    public async Task<Dictionary<string, JsonNode>> ResourcesAsync(string apiId) =>
        (await Aws.RunAsync("apigateway", "get-resources", "--rest-api-id", apiId, "--embed", "methods"))!["items"]!.AsArray()
            .OfType<JsonNode>()
            .ToDictionary(r => r["path"]!.GetValue<string>(), r => r);

    public async Task<JsonNode> StageAsync(string apiId, string stage) =>
        (await Aws.RunAsync("apigateway", "get-stage", "--rest-api-id", apiId, "--stage-name", stage))!;
}
