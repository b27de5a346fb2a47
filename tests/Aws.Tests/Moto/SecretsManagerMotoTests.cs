using Reconciler.Aws.Clients.SecretsManager;

namespace Reconciler.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class SecretsManagerMotoTests(MotoFixture moto)
{
    [Fact(Timeout = 120_000)]
    public async Task CreateSecret_IsSeenByTheCliAndReadBackAfterANewVersion()
    {
        var secrets = moto.Clients.CreateSecretsManager();
        var name = MotoFixture.Unique("reconciler/keys");

        await secrets.CreateSecretAsync(new CreateSecretRequest { Name = name, SecretString = "v1", Tags = [new Tag { Key = "env", Value = "dev" }] });
        await secrets.PutSecretValueAsync(new PutSecretValueRequest { SecretId = name, SecretString = "v2" });

        var value = await secrets.GetSecretValueAsync(new GetSecretValueRequest { SecretId = name });
        var described = await secrets.DescribeSecretAsync(new DescribeSecretRequest { SecretId = name });
        var cli = await moto.CliAsync("secretsmanager", "get-secret-value", "--secret-id", name);

        Assert.Equal("v2", cli.GetProperty("SecretString").GetString());
        Assert.Equal("v2", value.SecretString);
        Assert.Equal(cli.GetProperty("VersionId").GetString(), value.VersionId);
        Assert.Contains("AWSCURRENT", value.VersionStages!);
        Assert.True(value.CreatedDate > DateTimeOffset.UtcNow.AddHours(-1));
        Assert.Equal("dev", Assert.Single(described.Tags!).Value);
    }

    [Fact(Timeout = 60_000)]
    public async Task GetSecretValue_OfAMissingSecret_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsResourceNotFoundException>(
            () => moto.Clients.CreateSecretsManager().GetSecretValueAsync(new GetSecretValueRequest { SecretId = "no-such-secret" }));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
    }
}
