using Reconciler.Controller.Drivers.Ec2;

namespace Reconciler.Controller.Tests.Drivers;

public sealed class VpcEndpointServiceNameTests
{
    [Theory]
    [InlineData("s3", "com.amazonaws.us-east-1.s3")]
    [InlineData("ecr.api", "com.amazonaws.us-east-1.ecr.api")]
    [InlineData("com.amazonaws.vpce.us-east-1.vpce-svc-0123", "com.amazonaws.vpce.us-east-1.vpce-svc-0123")]
    public void FullServiceName_ShortNameInTheStackRegion_FullNameAsWritten(string service, string expected) =>
        Assert.Equal(expected, VpcEndpointDriver.FullServiceName(service, "us-east-1"));

    [Theory]
    [InlineData("com.amazonaws.us-east-1.s3", "s3")]
    [InlineData("com.amazonaws.us-east-1.ecr.api", "ecr.api")]
    [InlineData("com.amazonaws.eu-west-1.s3", "com.amazonaws.eu-west-1.s3")]
    [InlineData("com.amazonaws.vpce.us-east-1.vpce-svc-0123", "com.amazonaws.vpce.us-east-1.vpce-svc-0123")]
    public void ShortServiceName_OnlyTheStackRegionsAwsServicesAreShortened(string serviceName, string expected) =>
        Assert.Equal(expected, VpcEndpointDriver.ShortServiceName(serviceName, "us-east-1"));
}
