using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.S3;
using Amazon.SecurityToken;
using Reconciler.Aws.Clients.CloudWatchLogs;
using Reconciler.Aws.Clients.ResourceGroupsTaggingApi;

namespace Reconciler.Controller.Drivers;

/// <summary>The AWS clients the drivers call, made once per process and shared.</summary>
internal sealed class AwsClients
{
    public required IAmazonEC2 Ec2 { get; init; }

    public required IAmazonS3 S3 { get; init; }

    public required IAmazonDynamoDB DynamoDb { get; init; }

    public required IAmazonSecurityTokenService Sts { get; init; }

    /// <summary>The project's generated CloudWatch Logs client: the registry does not serve AWSSDK.CloudWatchLogs.</summary>
    public required ICloudWatchLogsClient Logs { get; init; }

    /// <summary>The project's generated Resource Groups Tagging API client: the tags of a whole stack in one paginated read.</summary>
    public required IResourceGroupsTaggingApiClient Tagging { get; init; }

    /// <summary>The budget options the clients' requests wait on, so reads can run as many at once as the budget lets through.</summary>
    public AwsBudgetOptions Budget { get; init; } = new();

    /// <summary>Every client the drivers call, made by one factory (so one request log and budget).</summary>
    public static AwsClients From(Aws.AwsClientFactory factory) => new()
    {
        Ec2 = factory.CreateEc2(),
        S3 = factory.CreateS3(),
        DynamoDb = factory.CreateDynamoDb(),
        Sts = factory.CreateSts(),
        Logs = factory.CreateCloudWatchLogs(),
        Tagging = factory.CreateResourceGroupsTaggingApi(),
        Budget = factory.Budget.Options,
    };
}
