using Reconciler.Aws.Clients.Ecs;

namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// How ECS services follow their task definition: a service runs the family's latest revision,
/// by ARN (so what runs is visible). Used by the task definition's driver right after it
/// registers a revision (so one apply converges both); the service's driver catches up by itself
/// when it finds itself behind (a revision registered out of band, or a crash between the writes).
/// </summary>
internal static class TaskDefinitionRollout
{
    /// <summary>Moves the stack's services that run an older revision of <paramref name="family"/> to <paramref name="revisionArn"/> (a rolling deployment).</summary>
    public static async Task FollowAsync(string family, string revisionArn, DriverContext context, CancellationToken cancellationToken)
    {
        var services = context.Identities.Keys.Where(k => k.Kind == "Service").Select(k => context.Identities.TryIdOf(k)).OfType<string>();
        foreach (var byCluster in services.Select(EcsReferences.ServiceOf).GroupBy(s => s.Cluster, StringComparer.Ordinal))
        {
            foreach (var batch in byCluster.Select(s => s.Service).Chunk(10))
            {
                var described = await context.Aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = byCluster.Key, Services = batch }, cancellationToken);
                foreach (var service in (described.Services ?? []).Where(s => s.TaskDefinition is { } arn && arn != revisionArn && EcsReferences.Revision(arn).Family == family))
                {
                    await context.Aws.Ecs.UpdateServiceAsync(new UpdateServiceRequest { Cluster = byCluster.Key, Service = service.ServiceName!, TaskDefinition = revisionArn }, cancellationToken);
                }
            }
        }
    }
}
