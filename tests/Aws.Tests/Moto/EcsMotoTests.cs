using Reconciler.Aws.Clients.Ecs;

namespace Reconciler.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class EcsMotoTests(MotoFixture moto)
{
    [Fact(Timeout = 120_000)]
    public async Task CreateClusterAndTaskDefinition_AreSeenByTheCliAndReadBack()
    {
        var ecs = moto.Clients.CreateEcs();
        var cluster = MotoFixture.Unique("cluster");
        var family = MotoFixture.Unique("inference");

        var created = (await ecs.CreateClusterAsync(new CreateClusterRequest { ClusterName = cluster, Tags = [new Tag { Key = "env", Value = "dev" }] })).Cluster!;
        foreach (var image in new[] { "inference:v1", "inference:v2" })
        {
            await ecs.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest
            {
                Family = family,
                ContainerDefinitions =
                [
                    new ContainerDefinition
                    {
                        Name = "inference",
                        Image = image,
                        Memory = 512,
                        PortMappings = [new PortMapping { ContainerPort = 8080 }],
                        Environment = [new KeyValuePairShape { Name = "MODEL", Value = "v1" }],
                    },
                ],
            });
        }

        var read = Assert.Single((await ecs.DescribeClustersAsync(new DescribeClustersRequest { Clusters = [cluster] })).Clusters!);
        var cli = (await moto.CliAsync("ecs", "describe-clusters", "--clusters", cluster)).GetProperty("clusters")[0];
        var definition = (await ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = family })).TaskDefinition!;
        var listed = await ecs.ListTaskDefinitionsAllAsync(new ListTaskDefinitionsRequest { FamilyPrefix = family, MaxResults = 1 }).ToListAsync();

        Assert.Equal(cli.GetProperty("clusterArn").GetString(), created.ClusterArn);
        Assert.Equal(created.ClusterArn, read.ClusterArn);
        Assert.Equal("ACTIVE", read.Status);
        Assert.Equal(2, definition.Revision);
        Assert.Equal("inference:v2", Assert.Single(definition.ContainerDefinitions!).Image);
        Assert.Equal(2, listed.Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task DescribeServices_OfAMissingCluster_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsResourceNotFoundException>(() => moto.Clients.CreateEcs().DescribeServicesAsync(
            new DescribeServicesRequest { Cluster = "no-such-cluster", Services = ["svc"] }));

        Assert.Equal("ClusterNotFoundException", error.ErrorCode);
    }
}
