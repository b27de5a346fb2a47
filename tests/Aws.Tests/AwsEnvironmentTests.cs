using Amazon.Runtime;

namespace Reconciler.Aws.Tests;

public sealed class AwsEnvironmentTests
{
    [Fact]
    public void FromVariables_ServiceEndpoint_WinsOverTheGlobalOne()
    {
        var environment = AwsEnvironment.FromVariables(Variables(
            ("AWS_REGION", "eu-west-1"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"),
            ("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://127.0.0.1:6000")));

        Assert.Equal(new Uri("http://127.0.0.1:6000"), environment.ResolveEndpoint(AwsService.CloudWatchLogs));
        Assert.Equal(new Uri("http://127.0.0.1:5000"), environment.ResolveEndpoint(AwsService.Ec2));
    }

    [Fact]
    public void FromVariables_NoEndpoints_UsesRealAwsEndpoints()
    {
        var environment = AwsEnvironment.FromVariables(Variables(("AWS_REGION", "eu-west-1")));

        Assert.Null(environment.ResolveEndpoint(AwsService.Ec2));
        Assert.Equal(new Uri("https://logs.eu-west-1.amazonaws.com/"), environment.EndpointFor(AwsService.CloudWatchLogs));
        Assert.Equal(new Uri("https://iam.amazonaws.com/"), environment.EndpointFor(AwsService.Iam));
        Assert.Equal("us-east-1", environment.SigningRegionFor(AwsService.Iam));
        Assert.Equal("eu-west-1", environment.SigningRegionFor(AwsService.CloudWatchLogs));
    }

    [Fact]
    public void FromVariables_AwsRegion_WinsOverAwsDefaultRegion()
    {
        var environment = AwsEnvironment.FromVariables(Variables(("AWS_REGION", "eu-west-1"), ("AWS_DEFAULT_REGION", "us-west-2")));

        Assert.Equal("eu-west-1", environment.Region);
    }

    [Fact]
    public void FromVariables_OnlyDefaultRegion_IsUsed()
    {
        var environment = AwsEnvironment.FromVariables(Variables(("AWS_DEFAULT_REGION", "us-west-2")));

        Assert.Equal("us-west-2", environment.Region);
    }

    [Fact]
    public void FromVariables_IgnoreConfiguredEndpointUrls_DropsEveryOverride()
    {
        var environment = AwsEnvironment.FromVariables(Variables(
            ("AWS_REGION", "eu-west-1"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:5000"),
            ("AWS_ENDPOINT_URL_EC2", "http://127.0.0.1:6000"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")));

        Assert.Null(environment.ResolveEndpoint(AwsService.Ec2));
        Assert.Null(environment.ResolveEndpoint(AwsService.S3));
    }

    [Fact]
    public void FromVariables_MaxAttempts_SetsRetryAttempts()
    {
        var environment = AwsEnvironment.FromVariables(Variables(("AWS_REGION", "eu-west-1"), ("AWS_MAX_ATTEMPTS", "5")));

        Assert.Equal(5, environment.Retry.MaxAttempts);
    }

    [Fact]
    public void FromVariables_NoRegion_SaysHowToSetIt()
    {
        var error = Assert.Throws<AwsConfigurationException>(() => AwsEnvironment.FromVariables(Variables()));

        Assert.Equal(
            ["AWS region is not set: set AWS_REGION (or AWS_DEFAULT_REGION), e.g. AWS_REGION=eu-west-1, or a region in the AWS profile."],
            error.Errors);
    }

    [Fact]
    public void FromVariables_SeveralProblems_ReportsEveryOneNamingTheVariable()
    {
        var error = Assert.Throws<AwsConfigurationException>(() => AwsEnvironment.FromVariables(Variables(
            ("AWS_REGION", "Europe"),
            ("AWS_ENDPOINT_URL_EC2", "localhost:5000"),
            ("AWS_MAX_ATTEMPTS", "zero"))));

        Assert.Equal(
            [
                "AWS_ENDPOINT_URL_EC2 is 'localhost:5000', which is not an absolute http(s) URL: set it like http://127.0.0.1:5000.",
                "AWS_MAX_ATTEMPTS is 'zero'; set it to a whole number between 1 and 20.",
                "AWS region 'Europe' is not a region name like 'eu-west-1': fix AWS_REGION.",
            ],
            error.Errors);
        Assert.StartsWith("AWS settings are invalid:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadRetryOptions_NamesTheSettingAndFix()
    {
        var environment = AwsEnvironment.ForEndpoint(new Uri("http://127.0.0.1:5000")) with
        {
            Retry = new AwsRetryOptions { MaxAttempts = 0, BaseDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(1) },
        };

        Assert.Equal(
            [
                "Retry MaxAttempts is 0; set it between 1 and 20 (AWS_MAX_ATTEMPTS).",
                "Retry MaxDelay (00:00:01) is below BaseDelay (00:00:05); set MaxDelay to at least BaseDelay.",
            ],
            environment.Validate());
    }

    [Fact]
    public void WithEndpoint_PointsEveryServiceAtOneUrl()
    {
        var environment = AwsEnvironment.FromVariables(Variables(("AWS_REGION", "eu-west-1"), ("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:1")))
            .WithEndpoint(new Uri("http://127.0.0.1:7000"));

        Assert.All(AwsService.Known, s => Assert.Equal(new Uri("http://127.0.0.1:7000"), environment.ResolveEndpoint(s)));
    }

    [Fact]
    public void ToString_ExplicitCredentials_NeverPrintsThem()
    {
        var environment = AwsEnvironment.ForEndpoint(
            new Uri("http://127.0.0.1:5000"), "us-east-1", new BasicAWSCredentials("AKIDSECRETID", "super-secret-key"));

        var text = environment.ToString();

        Assert.DoesNotContain("super-secret-key", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIDSECRETID", text, StringComparison.Ordinal);
        Assert.Contains("Credentials = explicit", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CloudWatch Logs", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS")]
    [InlineData("Elastic Load Balancing v2", "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2")]
    [InlineData("EC2", "AWS_ENDPOINT_URL_EC2")]
    [InlineData("DynamoDB", "AWS_ENDPOINT_URL_DYNAMODB")]
    [InlineData("Secrets Manager", "AWS_ENDPOINT_URL_SECRETS_MANAGER")]
    public void EndpointVariable_FollowsTheAwsNamingOfServiceIds(string serviceId, string variable)
    {
        Assert.Equal(variable, AwsService.Known.Single(s => s.ServiceId == serviceId).EndpointVariable);
    }

    [Fact]
    public void FromEnvironment_Overrides_StandInForTheVariablesTheyName()
    {
        var environment = AwsEnvironment.FromEnvironment(name => name switch
        {
            "AWS_REGION" => "ap-southeast-2",
            "AWS_ENDPOINT_URL_SECRETS_MANAGER" => "http://127.0.0.1:4566",
            _ => null,
        });

        Assert.Equal("ap-southeast-2", environment.Region);
        Assert.Equal(new Uri("http://127.0.0.1:4566"), environment.EndpointFor(AwsService.SecretsManager));
    }

    private static Func<string, string?> Variables(params (string Name, string Value)[] values)
    {
        var map = values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }
}
