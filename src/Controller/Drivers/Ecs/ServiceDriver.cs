using Reconciler.Aws;
using Reconciler.Aws.Clients.Ecs;
using Reconciler.Controller.Drivers.Mechanics;
using Reconciler.Model;
using Reconciler.Model.Planning;
using Reconciler.Model.Specs;
using EcsOperations = Reconciler.Aws.Clients.Ecs.EcsOperations;
using EcsService = Reconciler.Aws.Clients.Ecs.Service;

namespace Reconciler.Controller.Drivers.Ecs;

/// <summary>
/// Converges ECS services on Fargate through the generated <see cref="IEcsClient"/>. A service is
/// addressed by cluster and name, so it has its own small read: one DescribeServices per cluster
/// for up to ten services (a DRAINING or INACTIVE service counts as missing), tags by
/// ListTagsForResource, and the family's latest ACTIVE revision (one ListTaskDefinitions per service) to tell
/// whether the service runs it. Identity: <c>id</c> and <c>arn</c> are the service ARN (the long
/// format, which names the cluster).
/// <para>
/// Live form: <c>taskDefinition</c> is the TaskDefinition document when the service runs its
/// latest revision, else <c>family:revision</c> (shown as a difference; the update moves it).
/// </para>
/// </summary>
internal sealed class ServiceDriver : ResourceDriver<ServiceSpec>
{
    public override IReadOnlyList<AwsOperation> Operations { get; } =
    [
        EcsOperations.CreateService,
        EcsOperations.DeleteService,
        EcsOperations.DescribeServices,
        EcsOperations.ListTagsForResource,
        EcsOperations.ListTaskDefinitions,
        EcsOperations.TagResource,
        EcsOperations.UntagResource,
        EcsOperations.UpdateService,
    ];

    private const int DescribeBatch = 10;

    protected override ITagApi Tags => EcsTags.Instance;

    public override async Task<IReadOnlyList<ObservedResource>> ObserveAsync(ObserveRequest request, DriverContext context, CancellationToken cancellationToken)
    {
        var wanted = request.Keys.Select(key => (Key: key, Address: AddressOf(request, key, context))).ToList();
        var found = new Dictionary<(string, string), EcsService>();
        foreach (var byCluster in wanted.Where(w => w.Address is not null).GroupBy(w => w.Address!.Value.Cluster, StringComparer.Ordinal))
        {
            foreach (var (name, service) in await DescribeAsync(byCluster.Key, [.. byCluster.Select(w => w.Address!.Value.Service)], context, cancellationToken))
            {
                found[(byCluster.Key, name)] = service;
            }
        }

        var results = new List<ObservedResource>();
        foreach (var (key, address) in wanted)
        {
            results.Add(address is { } a && found.TryGetValue(a, out var service) ? await ObservedOfAsync(key, service, context, cancellationToken) : ObservedResource.Missing(key));
        }

        foreach (var observed in results.Where(o => o.Exists))
        {
            context.Identities.Set(observed.Key, observed.Identity["id"]);
        }

        return results;
    }

    protected override async Task<ObservedResource?> FindAsync(ResourceKey key, ServiceSpec spec, string? excludedId, DriverContext context, CancellationToken cancellationToken)
    {
        var cluster = context.Identities.IdOf("Cluster", spec.Cluster);
        var found = await DescribeAsync(cluster, [spec.ServiceName!], context, cancellationToken);
        return found.TryGetValue(spec.ServiceName!, out var service) && service.ServiceArn != excludedId ? await ObservedOfAsync(key, service, context, cancellationToken) : null;
    }

    protected override async Task<ObservedResource> ReobserveAsync(ResourceKey key, string id, DriverContext context, CancellationToken cancellationToken)
    {
        var (cluster, name) = EcsReferences.ServiceOf(id);
        var observed = await Waiter.ForAsync(
            $"{key} ({id}) to become visible",
            async ct => (await DescribeAsync(cluster, [name], context, ct)).TryGetValue(name, out var service) ? await ObservedOfAsync(key, service, context, ct) : null,
            context,
            cancellationToken);
        context.Identities.Set(key, id);
        return observed;
    }

    protected override async Task<string> CreateNewAsync(ResourceKey key, ServiceSpec spec, IReadOnlyDictionary<string, string> tags, DriverContext context, CancellationToken cancellationToken)
    {
        var response = await context.Aws.Ecs.CreateServiceAsync(
            new CreateServiceRequest
            {
                Cluster = context.Identities.IdOf("Cluster", spec.Cluster),
                ServiceName = spec.ServiceName!,
                TaskDefinition = context.Identities.IdOf("TaskDefinition", spec.TaskDefinition),
                DesiredCount = spec.DesiredCount,
                LaunchType = "FARGATE",
                NetworkConfiguration = Network(spec, context),
                LoadBalancers = LoadBalancers(spec, context),
                DeploymentConfiguration = Deployment(spec),
                HealthCheckGracePeriodSeconds = spec.HealthCheckGracePeriodSeconds,
                ClientToken = key.ToString(),
                Tags = EcsTags.AtCreate(tags),
            },
            cancellationToken);
        return response.Service?.ServiceArn ?? throw new InvalidOperationException($"{key}: CreateService returned no ARN.");
    }

    // UpdateService takes every mutable field; only the changed ones are sent. The family name
    // (not a revision) moves the service to the family's latest ACTIVE revision.
    protected override async Task ApplyAsync(SpecChange<ServiceSpec> change, DriverContext context, CancellationToken cancellationToken)
    {
        var desired = change.Desired;
        var (cluster, name) = EcsReferences.ServiceOf(change.Id);
        await context.Aws.Ecs.UpdateServiceAsync(
            new UpdateServiceRequest
            {
                Cluster = cluster,
                Service = name,
                DesiredCount = change.IfChanged("desiredCount", desired.DesiredCount),
                TaskDefinition = change.IfChanged("taskDefinition", context.Identities.IdOf("TaskDefinition", desired.TaskDefinition)),
                NetworkConfiguration = change.Changed("subnets") || change.Changed("securityGroups") || change.Changed("assignPublicIp") ? Network(desired, context) : null,
                LoadBalancers = change.Changed("loadBalancer") ? LoadBalancers(desired, context) ?? [] : null,
                DeploymentConfiguration = change.Changed("circuitBreakerRollback") || change.Changed("minimumHealthyPercent") || change.Changed("maximumPercent") ? Deployment(desired) : null,
                HealthCheckGracePeriodSeconds = change.IfChanged("healthCheckGracePeriodSeconds", desired.HealthCheckGracePeriodSeconds),
            },
            cancellationToken);
    }

    // Force: a service with running tasks is scaled to zero and deleted in one call.
    public override Task DeleteAsync(ResourceKey key, IReadOnlyDictionary<string, string> identity, DriverContext context, CancellationToken cancellationToken)
    {
        var (cluster, name) = EcsReferences.ServiceOf(identity["id"]);
        return IgnoringNotFoundAsync(() => context.Aws.Ecs.DeleteServiceAsync(new DeleteServiceRequest { Cluster = cluster, Service = name, Force = true }, cancellationToken));
    }

    // A service in a deleted cluster is gone with it.
    protected override bool IsNotFound(Exception error) =>
        error is AwsResourceNotFoundException || (error is AwsServiceException { ErrorCode: "ServiceNotActiveException" });

    /// <summary>Where the service is: its recorded ARN, else the desired cluster's name and the service's name; null while its cluster does not exist.</summary>
    private static (string Cluster, string Service)? AddressOf(ObserveRequest request, ResourceKey key, DriverContext context)
    {
        if (request.RecordOf(key)?.Identity.GetValueOrDefault("id") is { } arn)
        {
            return EcsReferences.ServiceOf(arn);
        }

        return request.DesiredOf(key)?.SpecAs<ServiceSpec>() is { } spec && context.Identities.TryIdOf(new ResourceKey("Cluster", spec.Cluster)) is { } cluster
            ? (cluster, spec.ServiceName!)
            : null;
    }

    private static async Task<IReadOnlyDictionary<string, EcsService>> DescribeAsync(string cluster, IReadOnlyList<string> names, DriverContext context, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, EcsService>(StringComparer.Ordinal);
        foreach (var batch in names.Chunk(DescribeBatch))
        {
            try
            {
                var described = await context.Aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = cluster, Services = batch }, cancellationToken);
                foreach (var service in (described.Services ?? []).Where(s => s.Status == "ACTIVE" && s.ServiceName is not null))
                {
                    result[service.ServiceName!] = service;
                }
            }
            catch (AwsResourceNotFoundException)
            {
                // The cluster is gone, and its services with it.
            }
        }

        return result;
    }

    private async Task<ObservedResource> ObservedOfAsync(ResourceKey key, EcsService service, DriverContext context, CancellationToken cancellationToken)
    {
        var arn = service.ServiceArn!;
        var identity = new Dictionary<string, string> { ["id"] = arn, ["arn"] = arn };
        var network = service.NetworkConfiguration?.AwsvpcConfiguration;
        var balancer = service.LoadBalancers?.FirstOrDefault();
        var deployment = service.DeploymentConfiguration;
        var live = new ServiceSpec
        {
            ServiceName = service.ServiceName,
            Cluster = context.Identities.NameOf("Cluster", EcsReferences.ServiceOf(arn).Cluster),
            TaskDefinition = await TaskDefinitionOfAsync(service.TaskDefinition, context, cancellationToken),
            DesiredCount = service.DesiredCount ?? 0,
            Subnets = [.. (network?.Subnets ?? []).Select(id => context.Identities.NameOf("Subnet", id))],
            SecurityGroups = [.. (network?.SecurityGroups ?? []).Select(id => context.Identities.NameOf("SecurityGroup", id))],
            AssignPublicIp = network?.AssignPublicIp == "ENABLED",
            LoadBalancer = balancer is { TargetGroupArn: { } targetGroup }
                ? new ServiceLoadBalancerSpec { TargetGroup = context.Identities.NameOf("TargetGroup", targetGroup), ContainerName = balancer.ContainerName ?? "", ContainerPort = balancer.ContainerPort ?? 0 }
                : null,
            CircuitBreakerRollback = deployment?.DeploymentCircuitBreaker is { Enable: true, Rollback: true },
            MinimumHealthyPercent = deployment?.MinimumHealthyPercent ?? 100,
            MaximumPercent = deployment?.MaximumPercent ?? 200,
            HealthCheckGracePeriodSeconds = service.HealthCheckGracePeriodSeconds,
        };
        return Observed(
            key,
            live,
            await EcsTags.Instance.ReadAsync(context.Aws, identity, cancellationToken),
            identity,
            new Dictionary<string, string> { ["serviceName"] = service.ServiceName!, ["serviceArn"] = arn, ["taskDefinitionArn"] = service.TaskDefinition ?? "" });
    }

    // The document's name when the service runs the family's latest ACTIVE revision, else family:revision.
    private static async Task<string> TaskDefinitionOfAsync(string? arn, DriverContext context, CancellationToken cancellationToken)
    {
        if (arn is null)
        {
            return "";
        }

        var (family, revision) = EcsReferences.Revision(arn);
        var latest = await TaskDefinitionTags.LatestRevisionAsync(context.Aws, family, cancellationToken) is { } newest ? EcsReferences.Revision(newest).Revision : (int?)null;
        return latest == revision ? context.Identities.NameOf("TaskDefinition", family) : $"{family}:{revision}";
    }

    private static NetworkConfiguration Network(ServiceSpec spec, DriverContext context) => new()
    {
        AwsvpcConfiguration = new AwsVpcConfiguration
        {
            Subnets = [.. spec.Subnets.Select(name => context.Identities.IdOf("Subnet", name))],
            SecurityGroups = [.. spec.SecurityGroups.Select(name => context.Identities.IdOf("SecurityGroup", name))],
            AssignPublicIp = spec.AssignPublicIp ? "ENABLED" : "DISABLED",
        },
    };

    private static IReadOnlyList<LoadBalancer>? LoadBalancers(ServiceSpec spec, DriverContext context) =>
        spec.LoadBalancer is { } balancer
            ? [new LoadBalancer { TargetGroupArn = context.Identities.IdOf("TargetGroup", balancer.TargetGroup), ContainerName = balancer.ContainerName, ContainerPort = balancer.ContainerPort }]
            : null;

    private static DeploymentConfiguration Deployment(ServiceSpec spec) => new()
    {
        DeploymentCircuitBreaker = new DeploymentCircuitBreaker { Enable = spec.CircuitBreakerRollback, Rollback = spec.CircuitBreakerRollback },
        MinimumHealthyPercent = spec.MinimumHealthyPercent,
        MaximumPercent = spec.MaximumPercent,
    };
}
