using Reconciler.Aws.Clients.Ssm;

namespace Reconciler.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class SsmMotoTests(MotoFixture moto)
{
    private const string LatestAmazonLinux = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

    [Fact(Timeout = 60_000)]
    public async Task GetParameter_OfThePublicLatestAmiParameter_NamesTheSameAmiAsTheCli()
    {
        var parameter = (await moto.Clients.CreateSsm().GetParameterAsync(new GetParameterRequest { Name = LatestAmazonLinux })).Parameter!;
        var cli = await moto.CliAsync("ssm", "get-parameter", "--name", LatestAmazonLinux);

        Assert.StartsWith("ami-", parameter.Value, StringComparison.Ordinal);
        Assert.Equal(cli.GetProperty("Parameter").GetProperty("Value").GetString(), parameter.Value);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetParameter_OfAMissingParameter_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsResourceNotFoundException>(() => moto.Clients.CreateSsm().GetParameterAsync(
            new GetParameterRequest { Name = "/reconciler/tests/" + MotoFixture.Unique("missing") }));

        Assert.Equal("ParameterNotFound", error.ErrorCode);
    }
}
