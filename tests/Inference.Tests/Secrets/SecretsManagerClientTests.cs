using Reconciler.Aws;
using Reconciler.Inference.Configuration;
using Reconciler.Inference.Secrets;

namespace Reconciler.Inference.Tests.Secrets;

/// <summary>The Secrets Manager client's settings and its answer's printing.</summary>
public sealed class SecretsManagerClientTests
{
    [Fact]
    public void AwsSettings_ConfiguredEndpointAndRegion_WinOverTheEnvironment()
    {
        var environment = SecretsManagerClient.AwsSettings(new SecretsManagerClientOptions { ServiceUrl = "http://127.0.0.1:4566", Region = "eu-west-2" });

        Assert.Equal("eu-west-2", environment.Region);
        Assert.Equal(new Uri("http://127.0.0.1:4566"), environment.EndpointFor(AwsService.SecretsManager));
        Assert.Equal("eu-west-2", environment.SigningRegionFor(AwsService.SecretsManager));
    }

    [Fact]
    public void SecretsManager_ReadsItsEndpointFromTheStandardVariable()
    {
        Assert.Equal("AWS_ENDPOINT_URL_SECRETS_MANAGER", AwsService.SecretsManager.EndpointVariable);
        Assert.Equal(new Uri("https://secretsmanager.eu-west-1.amazonaws.com/"), AwsService.SecretsManager.DefaultEndpoint("eu-west-1"));
    }

    [Fact]
    public void GetSecretValueResponse_ToString_NeverShowsTheValue()
    {
        var response = new GetSecretValueResponse { Name = "inference-keys", VersionId = "v1", SecretString = "{\"keys\":[]}", VersionStages = ["AWSCURRENT"] };

        Assert.Equal("GetSecretValueResponse { Arn = , Name = inference-keys, VersionId = v1, VersionStages = [AWSCURRENT], SecretString = (hidden) }", response.ToString());
    }
}
