using Reconciler.Aws.Clients.Ecr;

namespace Reconciler.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class EcrMotoTests(MotoFixture moto)
{
    [Fact(Timeout = 120_000)]
    public async Task CreateRepository_IsSeenByTheCliAndPagedBack()
    {
        var ecr = moto.Clients.CreateEcr();
        var names = new[] { MotoFixture.Unique("inference"), MotoFixture.Unique("inference") };
        foreach (var name in names)
        {
            await ecr.CreateRepositoryAsync(new CreateRepositoryRequest
            {
                RepositoryName = name,
                ImageTagMutability = "IMMUTABLE",
                ImageScanningConfiguration = new ImageScanningConfiguration { ScanOnPush = true },
            });
        }

        await ecr.PutLifecyclePolicyAsync(new PutLifecyclePolicyRequest
        {
            RepositoryName = names[0],
            LifecyclePolicyText = """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":10},"action":{"type":"expire"}}]}""",
        });

        var repository = Assert.Single((await ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest { RepositoryNames = [names[0]] })).Repositories!);
        var cli = (await moto.CliAsync("ecr", "describe-repositories", "--repository-names", names[0])).GetProperty("repositories")[0];
        var policy = await ecr.GetLifecyclePolicyAsync(new GetLifecyclePolicyRequest { RepositoryName = names[0] });
        var paged = await ecr.DescribeRepositoriesAllAsync(new DescribeRepositoriesRequest { MaxResults = 1 }).Select(r => r.RepositoryName).ToListAsync();

        Assert.Equal(cli.GetProperty("repositoryArn").GetString(), repository.RepositoryArn);
        Assert.Equal("IMMUTABLE", cli.GetProperty("imageTagMutability").GetString());
        Assert.True(repository.ImageScanningConfiguration!.ScanOnPush);
        Assert.True(repository.CreatedAt > DateTimeOffset.UtcNow.AddHours(-1));
        Assert.Contains("imageCountMoreThan", policy.LifecyclePolicyText, StringComparison.Ordinal);
        Assert.Contains(names[0], paged);
        Assert.Contains(names[1], paged);
    }

    [Fact(Timeout = 60_000)]
    public async Task DescribeRepositories_OfAMissingName_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsResourceNotFoundException>(() => moto.Clients.CreateEcr().DescribeRepositoriesAsync(
            new DescribeRepositoriesRequest { RepositoryNames = ["no-such-repository"] }));

        Assert.Equal("RepositoryNotFoundException", error.ErrorCode);
    }
}
