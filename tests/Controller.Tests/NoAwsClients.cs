using Amazon.SecurityToken;
using Reconciler.Aws.Clients.ResourceGroupsTaggingApi;
using Reconciler.Controller.Drivers;

namespace Reconciler.Controller.Tests;

/// <summary>
/// Driver clients for engine tests whose fake drivers never call AWS: only STS (the account
/// check) and the tagging API (the stack's tag read) are real fakes; every other client is
/// absent, so a test that reaches one fails with a NullReferenceException naming it.
/// </summary>
internal static class NoAwsClients
{
    public static AwsClients With(IResourceGroupsTaggingApiClient tagging, IAmazonSecurityTokenService? sts = null) => new()
    {
        Ec2 = null!,
        S3 = null!,
        DynamoDb = null!,
        Sts = sts!,
        Logs = null!,
        Tagging = tagging,
        Iam = null!,
        Elbv2 = null!,
        AutoScaling = null!,
        Rds = null!,
        Acm = null!,
        SecretsManager = null!,
        Lambda = null!,
        ApiGateway = null!,
        CloudWatch = null!,
        Sns = null!,
        CloudTrail = null!,
        Budgets = null!,
        Ecs = null!,
        Ecr = null!,
        Ssm = null!,
    };
}
