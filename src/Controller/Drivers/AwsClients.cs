using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.S3;
using Amazon.SecurityToken;
using Reconciler.Aws.Clients.Acm;
using Reconciler.Aws.Clients.ApiGateway;
using Reconciler.Aws.Clients.AutoScaling;
using Reconciler.Aws.Clients.Budgets;
using Reconciler.Aws.Clients.CloudTrail;
using Reconciler.Aws.Clients.CloudWatch;
using Reconciler.Aws.Clients.CloudWatchLogs;
using Reconciler.Aws.Clients.Ecr;
using Reconciler.Aws.Clients.Ecs;
using Reconciler.Aws.Clients.ElasticLoadBalancingV2;
using Reconciler.Aws.Clients.Iam;
using Reconciler.Aws.Clients.Lambda;
using Reconciler.Aws.Clients.Rds;
using Reconciler.Aws.Clients.ResourceGroupsTaggingApi;
using Reconciler.Aws.Clients.SecretsManager;
using Reconciler.Aws.Clients.Sns;
using Reconciler.Aws.Clients.Ssm;

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

    // The project's generated clients, for the services the NuGet registry does not serve.
    public required IAcmClient Acm { get; init; }

    public required IApiGatewayClient ApiGateway { get; init; }

    public required IAutoScalingClient AutoScaling { get; init; }

    public required IBudgetsClient Budgets { get; init; }

    public required ICloudTrailClient CloudTrail { get; init; }

    public required ICloudWatchClient CloudWatch { get; init; }

    public required IEcrClient Ecr { get; init; }

    public required IEcsClient Ecs { get; init; }

    public required IElasticLoadBalancingV2Client Elbv2 { get; init; }

    public required IIamClient Iam { get; init; }

    public required ILambdaClient Lambda { get; init; }

    public required IRdsClient Rds { get; init; }

    public required ISecretsManagerClient SecretsManager { get; init; }

    public required ISnsClient Sns { get; init; }

    /// <summary>Systems Manager, for the public parameters that name the latest AMIs (a launch template's imageParameter).</summary>
    public required ISsmClient Ssm { get; init; }

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
        Acm = factory.CreateAcm(),
        ApiGateway = factory.CreateApiGateway(),
        AutoScaling = factory.CreateAutoScaling(),
        Budgets = factory.CreateBudgets(),
        CloudTrail = factory.CreateCloudTrail(),
        CloudWatch = factory.CreateCloudWatch(),
        Ecr = factory.CreateEcr(),
        Ecs = factory.CreateEcs(),
        Elbv2 = factory.CreateElasticLoadBalancingV2(),
        Iam = factory.CreateIam(),
        Lambda = factory.CreateLambda(),
        Rds = factory.CreateRds(),
        SecretsManager = factory.CreateSecretsManager(),
        Sns = factory.CreateSns(),
        Ssm = factory.CreateSsm(),
        Budget = factory.Budget.Options,
    };
}
