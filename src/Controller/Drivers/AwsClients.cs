using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.S3;
using Amazon.SecurityToken;
using Reconciler.Controller.Aws.Logs;

namespace Reconciler.Controller.Drivers;

/// <summary>The AWS clients the drivers call, made once per process and shared.</summary>
internal sealed class AwsClients
{
    public required IAmazonEC2 Ec2 { get; init; }

    public required IAmazonS3 S3 { get; init; }

    public required IAmazonDynamoDB DynamoDb { get; init; }

    public required IAmazonSecurityTokenService Sts { get; init; }

    /// <summary>The project's own CloudWatch Logs client: the registry does not serve AWSSDK.CloudWatchLogs.</summary>
    public required ICloudWatchLogsClient Logs { get; init; }

    /// <summary>Every client the drivers call, made by one factory (so one request log and budget).</summary>
    public static AwsClients From(Aws.AwsClientFactory factory) => new()
    {
        Ec2 = factory.CreateEc2(),
        S3 = factory.CreateS3(),
        DynamoDb = factory.CreateDynamoDb(),
        Sts = factory.CreateSts(),
        Logs = factory.CreateCloudWatchLogs(),
    };
}
