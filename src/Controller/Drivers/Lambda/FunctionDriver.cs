using Reconciler.Aws;
using Reconciler.Aws.Clients.Iam;
using Reconciler.Aws.Clients.Lambda;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using LambdaOperations = Reconciler.Aws.Clients.Lambda.LambdaOperations;
using IamOperations = Reconciler.Aws.Clients.Iam.IamOperations;
using LambdaEnvironment = Reconciler.Aws.Clients.Lambda.Environment;

namespace Reconciler.Controller.Drivers.Lambda;

/// <summary>
/// Converges Lambda functions through the generated <see cref="ILambdaClient"/>, and publishes a
/// version after every write of code or configuration, so an alias (or a rollout) always has a
/// numbered version holding exactly what the document says.
/// <para>
/// Reads: one paginated ListFunctions, then per function of the stack one GetFunction (settings,
/// image, tags and reserved concurrency in one answer) and one ListVersionsByFunction (the latest
/// published version, the <c>version</c> output, and where zip code came from: see
/// <see cref="FunctionCodeSource"/>).
/// </para>
/// <para>
/// Live form: a zip function's code is the bucket document, key and object version id recorded on
/// the published version whose code SHA-256 is the function's current one; code no published
/// version explains (uploaded by hand) has no bucket or key, and its version names the SHA-256.
/// </para>
/// </summary>
internal sealed class FunctionDriver : NameAddressedDriver<FunctionSpec, FunctionConfiguration>
{
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. StackTagIndex.Operations,
        IamOperations.GetRole,
        LambdaOperations.CreateFunction,
        LambdaOperations.DeleteFunction,
        LambdaOperations.GetFunction,
        LambdaOperations.GetFunctionConfiguration,
        LambdaOperations.ListFunctions,
        LambdaOperations.ListTags,
        LambdaOperations.ListVersionsByFunction,
        LambdaOperations.PublishVersion,
        LambdaOperations.PutFunctionConcurrency,
        LambdaOperations.TagResource,
        LambdaOperations.UntagResource,
        LambdaOperations.UpdateFunctionCode,
        LambdaOperations.UpdateFunctionConfiguration,
    ];

    private static readonly string[] ConfigurationFields = ["runtime", "handler", "memoryMb", "timeoutSeconds", "environment", "subnets", "securityGroups", "role", "logGroup"];

    protected override AwsService Service => AwsService.Lambda;

    protected override ITagApi Tags => LambdaTags.Instance;

    protected override string NameOf(FunctionSpec spec) => spec.FunctionName!;

    protected override async Task<IReadOnlyDictionary<string, FunctionConfiguration>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken)
    {
        // ListFunctions has no name filter: the prefix narrows what is kept, not what is read.
        var functions = await Pages.ReadAllAsync<FunctionConfiguration>(async marker =>
        {
            var page = await context.Aws.Lambda.ListFunctionsAsync(new ListFunctionsRequest { Marker = marker }, cancellationToken);
            return (page.Functions, page.NextMarker);
        });
        return functions
            .Where(f => f.FunctionName is { } name && name.StartsWith(namePrefix, StringComparison.Ordinal))
            .GroupBy(f => f.FunctionName!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    // GetFunction carries every tag of the function: no separate tag read is needed.
    protected override async Task<ObservedResource> ReadAsync(ResourceKey key, FunctionConfiguration listed, DriverContext context, CancellationToken cancellationToken)
    {
        var name = listed.FunctionName!;
        var function = await context.Aws.Lambda.GetFunctionAsync(new GetFunctionRequest { FunctionName = name }, cancellationToken);
        var config = function.Configuration ?? throw new InvalidOperationException($"{key}: GetFunction returned no configuration for {name}.");
        var versions = await LambdaVersions.PublishedAsync(context.Aws.Lambda, name, cancellationToken);
        var arn = config.FunctionArn ?? throw new InvalidOperationException($"{key}: GetFunction returned no ARN for {name}.");
        var outputs = new Dictionary<string, string> { ["functionName"] = name, ["functionArn"] = arn };
        if (versions.LastOrDefault()?.Version is { } latest)
        {
            outputs["version"] = latest;
        }

        return Observed(key, LiveOf(config, function, versions, context), function.Tags ?? new Dictionary<string, string>(), new Dictionary<string, string> { ["id"] = name, ["arn"] = arn }, outputs);
    }

    protected override async Task<string> CreateNewAsync(ResourceKey key, FunctionSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var name = NameOf(spec);
        var request = new CreateFunctionRequest
        {
            FunctionName = name,
            Role = await RoleArnAsync(spec.Role, context, cancellationToken),
            Code = CodeOf(spec.Code, context),
            PackageType = spec.Code.IsZip ? "Zip" : "Image",
            Runtime = spec.Runtime,
            Handler = spec.Handler,
            MemorySize = spec.MemoryMb,
            Timeout = spec.TimeoutSeconds,
            Environment = new LambdaEnvironment { Variables = spec.Environment },
            VpcConfig = VpcOf(spec, context),
            Architectures = [spec.Architecture],
            Tags = tags,
        };
        try
        {
            // A role made a moment ago may not be assumable by Lambda yet: the create is resent until it is.
            await Waiter.UntilAsync(
                $"{key}: role {spec.Role} to be assumable by Lambda",
                async ct => await TryCreateAsync(request, ct, context),
                context,
                cancellationToken);
        }
        catch (AwsResourceAlreadyExistsException)
        {
            // Made by an earlier create that the list did not show yet: adopted, and converged next.
            return name;
        }

        await SettledAsync(key, name, context, cancellationToken);
        if (spec.ReservedConcurrency is { } reserved)
        {
            await context.Aws.Lambda.PutFunctionConcurrencyAsync(new PutFunctionConcurrencyRequest { FunctionName = name, ReservedConcurrentExecutions = reserved }, cancellationToken);
        }

        await PublishAsync(key, name, spec, context, cancellationToken);
        return name;
    }

    protected override async Task ApplyAsync(SpecChange<FunctionSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var desired = change.Desired;
        var codeChanged = change.Changed("code") || change.Changed("architecture");
        if (codeChanged)
        {
            var code = CodeOf(desired.Code, context);
            await context.Aws.Lambda.UpdateFunctionCodeAsync(
                new UpdateFunctionCodeRequest
                {
                    FunctionName = change.Id,
                    S3Bucket = code.S3Bucket,
                    S3Key = code.S3Key,
                    S3ObjectVersion = code.S3ObjectVersion,
                    ImageUri = code.ImageUri,
                    Architectures = [desired.Architecture],
                },
                cancellationToken);
            await SettledAsync(change.Key, change.Id, context, cancellationToken);
        }

        var configurationChanged = ConfigurationFields.Any(change.Changed);
        if (configurationChanged)
        {
            await context.Aws.Lambda.UpdateFunctionConfigurationAsync(
                new UpdateFunctionConfigurationRequest
                {
                    FunctionName = change.Id,
                    Runtime = change.IfChanged("runtime", desired.Runtime),
                    Handler = change.IfChanged("handler", desired.Handler),
                    MemorySize = change.IfChanged("memoryMb", desired.MemoryMb),
                    Timeout = change.IfChanged("timeoutSeconds", desired.TimeoutSeconds),

                    // Keys owned elsewhere (a rollout's model environment) keep their live values.
                    Environment = change.Changed("environment") ? new LambdaEnvironment { Variables = change.KeepingOwnedEntries("environment", desired.Environment, change.Live.Environment) } : null,

                    // An empty VPC configuration takes the function out of its VPC.
                    VpcConfig = change.Changed("subnets") || change.Changed("securityGroups") ? VpcOf(desired, context) ?? new VpcConfig { SubnetIds = [], SecurityGroupIds = [] } : null,
                    Role = change.Changed("role") ? await RoleArnAsync(desired.Role, context, cancellationToken) : null,
                    LoggingConfig = change.Changed("logGroup") ? new LoggingConfig { LogGroup = context.Identities.IdOf("LogGroup", desired.LogGroup) } : null,
                },
                cancellationToken);
            await SettledAsync(change.Key, change.Id, context, cancellationToken);
        }

        // Reserved concurrency belongs to the function, not to a version: no publish for it alone.
        if (change.Changed("reservedConcurrency") && desired.ReservedConcurrency is { } reserved)
        {
            await context.Aws.Lambda.PutFunctionConcurrencyAsync(new PutFunctionConcurrencyRequest { FunctionName = change.Id, ReservedConcurrentExecutions = reserved }, cancellationToken);
        }

        if (codeChanged || configurationChanged)
        {
            await PublishAsync(change.Key, change.Id, desired, context, cancellationToken);
        }
    }

    // Deleting the function deletes its versions and aliases with it.
    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken) =>
        IgnoringNotFoundAsync(() => context.Aws.Lambda.DeleteFunctionAsync(new DeleteFunctionRequest { FunctionName = identity["id"] }, cancellationToken));

    protected override bool IsNotFound(Exception error) => error is AwsResourceNotFoundException;

    private static FunctionSpec LiveOf(FunctionConfiguration config, GetFunctionResponse function, IReadOnlyList<FunctionConfiguration> versions, DriverContext context)
    {
        var name = config.FunctionName!;
        var ids = context.Identities;
        return new FunctionSpec
        {
            FunctionName = name,
            Code = config.PackageType == "Image" ? new FunctionCodeSpec { Image = function.Code?.ImageUri } : ZipCodeOf(config, versions, context),
            Runtime = config.Runtime,
            Handler = config.Handler,
            MemoryMb = config.MemorySize ?? 128,
            TimeoutSeconds = config.Timeout ?? 3,
            Environment = config.Environment?.Variables ?? new Dictionary<string, string>(),
            ReservedConcurrency = function.Concurrency?.ReservedConcurrentExecutions,
            Subnets = [.. (config.VpcConfig?.SubnetIds ?? []).Select(id => ids.NameOf("Subnet", id))],
            SecurityGroups = [.. (config.VpcConfig?.SecurityGroupIds ?? []).Select(id => ids.NameOf("SecurityGroup", id))],
            Role = ids.NameOf("Role", config.Role?[(config.Role.LastIndexOf('/') + 1)..] ?? ""),
            LogGroup = ids.NameOf("LogGroup", config.LoggingConfig?.LogGroup ?? FunctionSpec.LogGroupNameFor(name)),
            Architecture = config.Architectures?.FirstOrDefault() ?? "x86_64",
        };
    }

    // The newest version deployed from this code says where the code came from.
    private static FunctionCodeSpec ZipCodeOf(FunctionConfiguration config, IReadOnlyList<FunctionConfiguration> versions, DriverContext context) =>
        versions.Where(v => v.CodeSha256 == config.CodeSha256).Reverse().Select(v => FunctionCodeSource.Parse(v.Description)).FirstOrDefault(s => s is not null) is { } source
            ? new FunctionCodeSpec { Bucket = context.Identities.NameOf("Bucket", source.Bucket), Key = source.Key, Version = source.Version }
            : new FunctionCodeSpec { Version = $"unknown: code with SHA-256 {config.CodeSha256} was not deployed from a bucket by the reconciler" };

    private static FunctionCode CodeOf(FunctionCodeSpec code, DriverContext context) =>
        code.IsZip
            ? new FunctionCode { S3Bucket = context.Identities.IdOf("Bucket", code.Bucket!), S3Key = code.Key, S3ObjectVersion = code.Version }
            : new FunctionCode { ImageUri = code.Image };

    private static VpcConfig? VpcOf(FunctionSpec spec, DriverContext context) =>
        spec.Subnets.Count == 0
            ? null
            : new VpcConfig
            {
                SubnetIds = [.. spec.Subnets.Select(s => context.Identities.IdOf("Subnet", s))],
                SecurityGroupIds = [.. spec.SecurityGroups.Select(g => context.Identities.IdOf("SecurityGroup", g))],
            };

    // The role's ARN carries its path, which only IAM knows.
    private static async Task<string> RoleArnAsync(string role, DriverContext context, CancellationToken cancellationToken)
    {
        var name = context.Identities.IdOf("Role", role);
        var found = await context.Aws.Iam.GetRoleAsync(new GetRoleRequest { RoleName = name }, cancellationToken);
        return found.Role?.Arn ?? throw new InvalidOperationException($"Role/{role}: GetRole returned no ARN for {name}.");
    }

    private static async Task<bool> TryCreateAsync(CreateFunctionRequest request, CancellationToken cancellationToken, DriverContext context)
    {
        try
        {
            await context.Aws.Lambda.CreateFunctionAsync(request, cancellationToken);
            return true;
        }
        catch (AwsServiceException e) when (e.ErrorCode == "InvalidParameterValueException" && e.Message.Contains("cannot be assumed", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
    }

    // Lambda refuses a second update while one is in progress, and a version of a function still pending.
    private static Task<FunctionConfiguration> SettledAsync(ResourceKey key, string name, DriverContext context, CancellationToken cancellationToken) =>
        LambdaPublishing.SettledAsync(context.Aws.Lambda, name, $"{key} ({name})", context.Time, context.WaitTimeout, cancellationToken);

    // The version's description records where zip code came from (FunctionCodeSource), read back by observe.
    private static async Task PublishAsync(ResourceKey key, string name, FunctionSpec spec, DriverContext context, CancellationToken cancellationToken)
    {
        var settled = await SettledAsync(key, name, context, cancellationToken);
        var description = spec.Code.IsZip
            ? new FunctionCodeSource(context.Identities.IdOf("Bucket", spec.Code.Bucket!), spec.Code.Key!, spec.Code.Version!).Description
            : spec.Code.Image;
        await LambdaPublishing.PublishAsync(context.Aws.Lambda, settled, description!, cancellationToken);
    }
}
