using Reconciler.Aws;
using Reconciler.Aws.Clients.ApiGateway;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Specs;
using SecretsManagerOperations = Reconciler.Aws.Clients.SecretsManager.SecretsManagerOperations;
using ApiGatewayOperations = Reconciler.Aws.Clients.ApiGateway.ApiGatewayOperations;

namespace Reconciler.Controller.Drivers.ApiGateway;

/// <summary>
/// Converges API Gateway API keys. The value is never read back (GetApiKeys without
/// <c>includeValues</c>): a key made from a secret carries a reserved tag naming the secret, which
/// is what observe reports as <c>valueFrom</c>; the secret's content is read only for CreateApiKey.
/// </summary>
internal sealed class ApiKeyDriver : ApiGatewayDriver<ApiKeySpec, ApiKey>
{
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        ApiGatewayOperations.CreateApiKey,
        ApiGatewayOperations.DeleteApiKey,
        ApiGatewayOperations.GetApiKey,
        ApiGatewayOperations.GetApiKeys,
        ApiGatewayOperations.TagResource,
        ApiGatewayOperations.UntagResource,
        ApiGatewayOperations.UpdateApiKey,
        SecretsManagerOperations.GetSecretValue,
    ];

    /// <summary>The reserved tag that records which secret the value was read from.</summary>
    public const string SourceTag = "reconciler:api-key-secret";

    // GetApiKeys' largest page.
    private const int MaxPageSize = 500;

    protected override string Collection => "apikeys";

    protected override string IdOutputName => "apiKeyId";

    protected override async Task<IReadOnlyList<ApiKey>> ListAsync(DriverContext context, CancellationToken cancellationToken) =>
        await context.Aws.ApiGateway.GetApiKeysAllAsync(new GetApiKeysRequest { Limit = MaxPageSize, IncludeValues = false }, cancellationToken).ToListAsync(cancellationToken);

    protected override Task<ApiKey> GetAsync(string id, DriverContext context, CancellationToken cancellationToken) =>
        context.Aws.ApiGateway.GetApiKeyAsync(new GetApiKeyRequest { ApiKey = id, IncludeValue = false }, cancellationToken);

    protected override string IdOf(ApiKey item) => item.Id!;

    protected override IReadOnlyDictionary<string, string>? TagsOf(ApiKey item) => item.Tags;

    protected override Task<(ApiKeySpec Live, IReadOnlyDictionary<string, string> Outputs)> ReadAsync(ApiKey item, ApiKeySpec? desired, DriverContext context, CancellationToken cancellationToken)
    {
        var live = new ApiKeySpec
        {
            KeyName = item.Name,
            Enabled = item.Enabled ?? false,
            Description = item.Description,
            ValueFrom = item.Tags?.GetValueOrDefault(SourceTag) is { } secret ? new ApiKeyValueFromSpec { Secret = secret } : null,
        };
        return Task.FromResult<(ApiKeySpec, IReadOnlyDictionary<string, string>)>((live, new Dictionary<string, string>()));
    }

    protected override async Task<string> CreateNewAsync(ResourceKey key, ApiKeySpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var secret = spec.ValueFrom?.Secret;
        var created = await context.Aws.ApiGateway.CreateApiKeyAsync(
            new CreateApiKeyRequest
            {
                Name = spec.KeyName,
                Description = spec.Description,
                Enabled = spec.Enabled,
                Value = secret is null ? null : await SecretText.ReadAsync(secret, "apiKey", "the API key", context, cancellationToken),
                Tags = secret is null ? tags : TagDiff.Overlay(tags, new Dictionary<string, string> { [SourceTag] = secret }),
            },
            cancellationToken);
        return created.Id!;
    }

    protected override async Task ApplyAsync(SpecChange<ApiKeySpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var operations = new List<PatchOperation>();
        if (change.Changed("keyName"))
        {
            operations.Add(Patch.Replace("/name", change.Desired.KeyName!));
        }

        if (change.Changed("enabled"))
        {
            operations.Add(Patch.Replace("/enabled", change.Desired.Enabled));
        }

        if (change.Changed("description"))
        {
            operations.Add(Patch.Replace("/description", change.Desired.Description ?? ""));
        }

        if (operations.Count > 0)
        {
            await context.Aws.ApiGateway.UpdateApiKeyAsync(new UpdateApiKeyRequest { ApiKey = change.Id, PatchOperations = operations }, cancellationToken);
        }
    }

    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(() => context.Aws.ApiGateway.DeleteApiKeyAsync(new DeleteApiKeyRequest { ApiKey = identity["id"] }, cancellationToken));
}
