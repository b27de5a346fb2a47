using Reconciler.Controller.Drivers.Mechanics;

namespace Reconciler.Controller.Tests.Drivers;

public sealed class ArnsTests
{
    [Theory]
    [InlineData("arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0abc", "vpc-0abc")]
    [InlineData("arn:aws:ec2:us-east-1:123456789012:security-group/sg-0abc", "sg-0abc")]
    [InlineData("arn:aws:logs:us-east-1:123456789012:log-group:/ml-platform-dev/inference", "/ml-platform-dev/inference")]
    [InlineData("arn:aws:logs:us-east-1:123456789012:log-group:/ml-platform-dev/inference:*", "/ml-platform-dev/inference")]
    [InlineData("arn:aws:s3:::ml-platform-dev-models", "ml-platform-dev-models")]
    [InlineData("arn:aws:dynamodb:us-east-1:123456789012:table/model-registry", "model-registry")]
    [InlineData("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dev-blue-1a2b3c/73e2d6bc24d8a067", "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dev-blue-1a2b3c/73e2d6bc24d8a067")]
    [InlineData("arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012", "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:cluster/ml-platform-prod-inference", "ml-platform-prod-inference")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:service/ml-platform-prod-inference/ml-platform-prod-inference", "arn:aws:ecs:us-east-1:123456789012:service/ml-platform-prod-inference/ml-platform-prod-inference")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:task-definition/ml-platform-prod-inference:7", "ml-platform-prod-inference")]
    [InlineData("arn:aws:ecr:us-east-1:123456789012:repository/ml-platform-prod/inference", "ml-platform-prod/inference")]
    public void ResourceId_IsTheIdTheDriversHold(string arn, string id) => Assert.Equal(id, Arns.ResourceId(arn));
}
