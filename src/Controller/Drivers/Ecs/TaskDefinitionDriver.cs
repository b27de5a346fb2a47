using Reconciler.Aws;
using Reconciler.Aws.Clients.Ecs;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using EcsOperations = Reconciler.Aws.Clients.Ecs.EcsOperations;

namespace Reconciler.Controller.Drivers.Ecs;

/// <summary>
/// Converges ECS task definition families through the generated <see cref="IEcsClient"/>. ECS
/// task definitions are immutable: the update registers a new revision with the whole desired
/// spec, moves the stack's services that run the family onto it (<see cref="TaskDefinitionRollout"/>),
/// and deregisters the family's older ACTIVE revisions except the one just replaced (the circuit
/// breaker rolls a failed deployment back to it). Delete deregisters every ACTIVE revision.
/// <para>
/// Reads: one paginated ListTaskDefinitions of ACTIVE revisions (ECS filters only by an exact
/// family), the latest per family, then one DescribeTaskDefinition (with tags) per family of the
/// stack. Identity: <c>id</c> is the family, <c>arn</c> its latest ACTIVE revision.
/// </para>
/// </summary>
internal sealed class TaskDefinitionDriver : NameAddressedDriver<TaskDefinitionSpec, string>
{
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        .. StackTagIndex.Operations,
        EcsOperations.DeregisterTaskDefinition,
        EcsOperations.DescribeServices,
        EcsOperations.DescribeTaskDefinition,
        EcsOperations.ListTagsForResource,
        EcsOperations.ListTaskDefinitions,
        EcsOperations.RegisterTaskDefinition,
        EcsOperations.TagResource,
        EcsOperations.UntagResource,
        EcsOperations.UpdateService,
    ];

    protected override AwsService Service => AwsService.Ecs;

    protected override ITagApi Tags => TaskDefinitionTags.Instance;

    protected override string NameOf(TaskDefinitionSpec spec) => spec.Family!;

    protected override async Task<IReadOnlyDictionary<string, string>> ListAsync(string namePrefix, DriverContext context, CancellationToken cancellationToken)
    {
        var arns = await ActiveRevisionsAsync(null, context, cancellationToken);
        return arns
            .Select(arn => (Arn: arn, Revision: EcsReferences.Revision(arn)))
            .Where(r => r.Revision.Family.StartsWith(namePrefix, StringComparison.Ordinal))
            .GroupBy(r => r.Revision.Family, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Revision.Revision).Arn, StringComparer.Ordinal);
    }

    protected override async Task<ObservedResource> ReadAsync(ResourceKey key, string listed, DriverContext context, CancellationToken cancellationToken)
    {
        var described = await context.Aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = listed, Include = ["TAGS"] }, cancellationToken);
        var task = described.TaskDefinition ?? throw new InvalidOperationException($"{key}: DescribeTaskDefinition returned nothing for {listed}.");
        var identity = new Dictionary<string, string> { ["id"] = task.Family!, ["arn"] = task.TaskDefinitionArn! };
        var live = new TaskDefinitionSpec
        {
            Family = task.Family,
            Cpu = int.TryParse(task.Cpu, out var cpu) ? cpu : 0,
            Memory = int.TryParse(task.Memory, out var memory) ? memory : 0,
            Containers = [.. (task.ContainerDefinitions ?? []).Select(c => LiveContainer(c, context))],
            TaskRole = EcsReferences.RoleOf(task.TaskRoleArn, context),
            ExecutionRole = EcsReferences.RoleOf(task.ExecutionRoleArn, context) ?? "",
        };
        return Observed(
            key,
            live,
            EcsTags.Map(described.Tags),
            identity,
            new Dictionary<string, string> { ["family"] = task.Family!, ["taskDefinitionArn"] = task.TaskDefinitionArn!, ["revision"] = $"{task.Revision}" });
    }

    protected override async Task<string> CreateNewAsync(ResourceKey key, TaskDefinitionSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        await RegisterAsync(spec, tags, context, cancellationToken);
        return NameOf(spec);
    }

    // Every field lives in the revision: any change is a new revision carrying the current tags.
    protected override async Task ApplyAsync(SpecChange<TaskDefinitionSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var tags = await EcsTags.Instance.ReadAsync(context.Aws, change.Identity, cancellationToken);
        var registered = await RegisterAsync(change.Desired, tags, context, cancellationToken);
        await TaskDefinitionRollout.FollowAsync(change.Id, registered, context, cancellationToken);
        var keep = new HashSet<string>([registered, change.Identity["arn"]], StringComparer.Ordinal);
        foreach (var old in (await ActiveRevisionsAsync(change.Id, context, cancellationToken)).Where(a => !keep.Contains(a)))
        {
            await DeregisterAsync(old, context, cancellationToken);
        }
    }

    public override async Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken)
    {
        foreach (var arn in await ActiveRevisionsAsync(identity["id"], context, cancellationToken))
        {
            await DeregisterAsync(arn, context, cancellationToken);
        }
    }

    protected override bool IsNotFound(Exception error) =>
        error is AwsResourceNotFoundException || (error is AwsServiceException { ErrorCode: "ClientException" } e && e.ErrorMessage?.Contains("Unable to describe task definition", StringComparison.Ordinal) == true);

    private async Task DeregisterAsync(string arn, DriverContext context, CancellationToken cancellationToken) =>
        await IgnoringNotFoundAsync(() => context.Aws.Ecs.DeregisterTaskDefinitionAsync(new DeregisterTaskDefinitionRequest { TaskDefinition = arn }, cancellationToken));

    private static Task<List<string>> ActiveRevisionsAsync(string? family, DriverContext context, CancellationToken cancellationToken) =>
        Pages.ReadAllAsync<string>(async token =>
        {
            var page = await context.Aws.Ecs.ListTaskDefinitionsAsync(new ListTaskDefinitionsRequest { FamilyPrefix = family, Status = "ACTIVE", NextToken = token }, cancellationToken);
            return (page.TaskDefinitionArns, page.NextToken);
        });

    private static async Task<string> RegisterAsync(TaskDefinitionSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var response = await context.Aws.Ecs.RegisterTaskDefinitionAsync(
            new RegisterTaskDefinitionRequest
            {
                Family = spec.Family!,
                Cpu = $"{spec.Cpu}",
                Memory = $"{spec.Memory}",
                NetworkMode = "awsvpc",
                RequiresCompatibilities = ["FARGATE"],
                TaskRoleArn = spec.TaskRole is { } taskRole ? EcsReferences.RoleArn(taskRole, context) : null,
                ExecutionRoleArn = EcsReferences.RoleArn(spec.ExecutionRole, context),
                ContainerDefinitions = [.. spec.Containers.Select(c => Definition(c, context))],
                Tags = tags.Count == 0 ? null : EcsTags.AtCreate(tags),
            },
            cancellationToken);
        return response.TaskDefinition?.TaskDefinitionArn ?? throw new InvalidOperationException($"RegisterTaskDefinition returned no ARN for {spec.Family}.");
    }

    private static ContainerDefinition Definition(ContainerSpec container, DriverContext context) => new()
    {
        Name = container.Name,
        Image = container.Image ?? EcsReferences.ImageUri(container.Repository!, container.ImageTag!, context),
        Essential = container.Essential,
        Command = container.Command,
        PortMappings = container.Port is { } port ? [new PortMapping { ContainerPort = port, Protocol = "tcp" }] : null,
        Environment = [.. container.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new KeyValuePairShape { Name = e.Key, Value = e.Value })],
        Secrets = [.. container.Secrets.Select(s => new Secret { Name = s.Name, ValueFrom = s.ValueFrom })],
        HealthCheck = container.HealthCheckCommand is { Count: > 0 } command ? new HealthCheck { Command = command } : null,
        LogConfiguration = container.LogGroup is { } logGroup
            ? new LogConfiguration
            {
                LogDriver = "awslogs",
                Options = new Dictionary<string, string>
                {
                    ["awslogs-group"] = context.Identities.IdOf("LogGroup", logGroup),
                    ["awslogs-region"] = context.Stack.Region,
                    ["awslogs-stream-prefix"] = container.Name,
                },
            }
            : null,
    };

    private static ContainerSpec LiveContainer(ContainerDefinition container, DriverContext context)
    {
        var image = container.Image ?? "";
        var fromRepository = EcsReferences.RepositoryImage(image, context);
        var logs = container.LogConfiguration is { LogDriver: "awslogs", Options: { } options } && options.TryGetValue("awslogs-group", out var group)
            ? context.Identities.NameOf("LogGroup", group)
            : null;
        return new ContainerSpec
        {
            Name = container.Name ?? "",
            Image = fromRepository is null ? image : null,
            Repository = fromRepository?.Repository,
            ImageTag = fromRepository?.Tag,
            Command = container.Command,
            Port = container.PortMappings?.FirstOrDefault()?.ContainerPort,
            Environment = (container.Environment ?? []).Where(e => e.Name is not null).GroupBy(e => e.Name!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value ?? "", StringComparer.Ordinal),
            Secrets = [.. (container.Secrets ?? []).Select(s => new ContainerSecretSpec { Name = s.Name, ValueFrom = s.ValueFrom })],
            HealthCheckCommand = container.HealthCheck?.Command,
            LogGroup = logs,
            Essential = container.Essential ?? true,
        };
    }
}
