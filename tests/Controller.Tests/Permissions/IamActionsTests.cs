using Reconciler.Aws.Clients.ApiGateway;
using Reconciler.Aws.Clients.Budgets;
using Reconciler.Aws.Clients.Iam;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Permissions;

namespace Reconciler.Controller.Tests.Permissions;

/// <summary>Operations become the IAM actions the Service Authorization Reference names, including its exceptions.</summary>
public sealed class IamActionsTests
{
    [Fact]
    public void Operation_ByDefault_IsThePrefixAndItsName()
    {
        Assert.Equal(["iam:CreateRole"], IamActions.For(IamOperations.CreateRole));
        Assert.Equal(["ec2:CreateVpc"], IamActions.For(SdkOperations.Ec2.CreateVpc));
        Assert.Equal(["tag:GetResources"], IamActions.For(Reconciler.Aws.Clients.ResourceGroupsTaggingApi.ResourceGroupsTaggingApiOperations.GetResources));
        Assert.Equal(["elasticloadbalancing:CreateLoadBalancer"], IamActions.For(Reconciler.Aws.Clients.ElasticLoadBalancingV2.ElasticLoadBalancingV2Operations.CreateLoadBalancer));
        Assert.Equal(["cloudwatch:PutMetricAlarm"], IamActions.For(Reconciler.Aws.Clients.CloudWatch.CloudWatchOperations.PutMetricAlarm));
    }

    [Fact]
    public void S3Operation_NamedOtherwiseInIam_MapsToItsAction()
    {
        Assert.Equal(["s3:ListAllMyBuckets"], IamActions.For(SdkOperations.S3.ListBuckets));
        Assert.Equal(["s3:GetLifecycleConfiguration"], IamActions.For(SdkOperations.S3.GetBucketLifecycleConfiguration));
        Assert.Equal(["s3:PutLifecycleConfiguration"], IamActions.For(SdkOperations.S3.DeleteBucketLifecycle));
        Assert.Equal(["s3:DeleteObject", "s3:DeleteObjectVersion"], IamActions.For(SdkOperations.S3.DeleteObjects));
        Assert.Equal(["s3:ListBucket"], IamActions.For(new AwsOperation(AwsService.S3, "HeadBucket", false)));
        Assert.Equal(["s3:CreateBucket"], IamActions.For(SdkOperations.S3.CreateBucket));
    }

    [Fact]
    public void DynamoDbTransaction_IsAuthorizedPerItemAction_AndGetCallerIdentityNeedsNone()
    {
        Assert.Equal(["dynamodb:ConditionCheckItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], IamActions.For(SdkOperations.DynamoDb.TransactWriteItems));
        Assert.Empty(IamActions.For(SdkOperations.Sts.GetCallerIdentity));
    }

    [Fact]
    public void ApiGatewayAndBudgets_UseTheirVerbActions()
    {
        Assert.Equal(["apigateway:GET"], IamActions.For(ApiGatewayOperations.All.First(o => o.Name.StartsWith("Get", StringComparison.Ordinal))));
        Assert.Equal(["apigateway:POST"], IamActions.For(ApiGatewayOperations.All.First(o => o.Name.StartsWith("Create", StringComparison.Ordinal))));
        Assert.Equal(["apigateway:PATCH"], IamActions.For(ApiGatewayOperations.All.First(o => o.Name.StartsWith("Update", StringComparison.Ordinal))));
        Assert.Equal(["apigateway:DELETE"], IamActions.For(ApiGatewayOperations.All.First(o => o.Name.StartsWith("Delete", StringComparison.Ordinal))));
        Assert.All(BudgetsOperations.All.Where(o => o.Name.StartsWith("Describe", StringComparison.Ordinal)), o => Assert.Equal(["budgets:ViewBudget"], IamActions.For(o)));
        Assert.All(BudgetsOperations.All.Where(o => o.Name.StartsWith("Create", StringComparison.Ordinal)), o => Assert.Equal(["budgets:ModifyBudget"], IamActions.For(o)));
    }

    [Fact]
    public void OperationHandingARoleToAService_AlsoNeedsPassRole()
    {
        Assert.Contains("iam:PassRole", IamActions.For(IamOperations.AddRoleToInstanceProfile));
        Assert.Contains("iam:PassRole", IamActions.For(Reconciler.Aws.Clients.AutoScaling.AutoScalingOperations.CreateAutoScalingGroup));
        Assert.DoesNotContain("iam:PassRole", IamActions.For(IamOperations.CreateRole));
    }

    [Fact]
    public void EveryOperationTheClientsKnow_MapsToActionsWithAScope()
    {
        var every = AwsOperationCatalog.All.Concat(AwsSdkOperations.ByRequestType.Values);

        foreach (var action in every.SelectMany(IamActions.For))
        {
            Assert.DoesNotContain("*", action, StringComparison.Ordinal);
            Assert.NotNull(ServiceScopes.Of(action[..action.IndexOf(':', StringComparison.Ordinal)]));
        }
    }
}
