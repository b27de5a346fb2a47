using Ddb = Amazon.DynamoDBv2.Model;
using Ec2Model = Amazon.EC2.Model;
using S3Model = Amazon.S3.Model;
using StsModel = Amazon.SecurityToken.Model;

namespace Reconciler.Controller.Aws;

/// <summary>
/// The official SDK operations by name, for declaring what code calls (a driver's
/// <c>Operations</c>, the controller's own): each is the entry of <see cref="AwsSdkOperations"/>
/// for its request type, so the write gate and the IAM policy read one table. A name is the
/// API's (S3 <c>CreateBucket</c>, sent by the SDK's PutBucketRequest), as IAM documents it.
/// </summary>
internal static class SdkOperations
{
    /// <summary>Amazon EC2.</summary>
    public static class Ec2
    {
        public static readonly AwsOperation AllocateAddress = AwsSdkOperations.Of<Ec2Model.AllocateAddressRequest>();
        public static readonly AwsOperation AssociateRouteTable = AwsSdkOperations.Of<Ec2Model.AssociateRouteTableRequest>();
        public static readonly AwsOperation AttachInternetGateway = AwsSdkOperations.Of<Ec2Model.AttachInternetGatewayRequest>();
        public static readonly AwsOperation AuthorizeSecurityGroupEgress = AwsSdkOperations.Of<Ec2Model.AuthorizeSecurityGroupEgressRequest>();
        public static readonly AwsOperation AuthorizeSecurityGroupIngress = AwsSdkOperations.Of<Ec2Model.AuthorizeSecurityGroupIngressRequest>();
        public static readonly AwsOperation CreateInternetGateway = AwsSdkOperations.Of<Ec2Model.CreateInternetGatewayRequest>();
        public static readonly AwsOperation CreateLaunchTemplate = AwsSdkOperations.Of<Ec2Model.CreateLaunchTemplateRequest>();
        public static readonly AwsOperation CreateLaunchTemplateVersion = AwsSdkOperations.Of<Ec2Model.CreateLaunchTemplateVersionRequest>();
        public static readonly AwsOperation CreateNatGateway = AwsSdkOperations.Of<Ec2Model.CreateNatGatewayRequest>();
        public static readonly AwsOperation CreateRoute = AwsSdkOperations.Of<Ec2Model.CreateRouteRequest>();
        public static readonly AwsOperation CreateRouteTable = AwsSdkOperations.Of<Ec2Model.CreateRouteTableRequest>();
        public static readonly AwsOperation CreateSecurityGroup = AwsSdkOperations.Of<Ec2Model.CreateSecurityGroupRequest>();
        public static readonly AwsOperation CreateSubnet = AwsSdkOperations.Of<Ec2Model.CreateSubnetRequest>();
        public static readonly AwsOperation CreateTags = AwsSdkOperations.Of<Ec2Model.CreateTagsRequest>();
        public static readonly AwsOperation CreateVpc = AwsSdkOperations.Of<Ec2Model.CreateVpcRequest>();
        public static readonly AwsOperation CreateVpcEndpoint = AwsSdkOperations.Of<Ec2Model.CreateVpcEndpointRequest>();
        public static readonly AwsOperation DeleteInternetGateway = AwsSdkOperations.Of<Ec2Model.DeleteInternetGatewayRequest>();
        public static readonly AwsOperation DeleteLaunchTemplate = AwsSdkOperations.Of<Ec2Model.DeleteLaunchTemplateRequest>();
        public static readonly AwsOperation DeleteNatGateway = AwsSdkOperations.Of<Ec2Model.DeleteNatGatewayRequest>();
        public static readonly AwsOperation DeleteRoute = AwsSdkOperations.Of<Ec2Model.DeleteRouteRequest>();
        public static readonly AwsOperation DeleteRouteTable = AwsSdkOperations.Of<Ec2Model.DeleteRouteTableRequest>();
        public static readonly AwsOperation DeleteSecurityGroup = AwsSdkOperations.Of<Ec2Model.DeleteSecurityGroupRequest>();
        public static readonly AwsOperation DeleteSubnet = AwsSdkOperations.Of<Ec2Model.DeleteSubnetRequest>();
        public static readonly AwsOperation DeleteTags = AwsSdkOperations.Of<Ec2Model.DeleteTagsRequest>();
        public static readonly AwsOperation DeleteVpc = AwsSdkOperations.Of<Ec2Model.DeleteVpcRequest>();
        public static readonly AwsOperation DeleteVpcEndpoints = AwsSdkOperations.Of<Ec2Model.DeleteVpcEndpointsRequest>();
        public static readonly AwsOperation DescribeAddresses = AwsSdkOperations.Of<Ec2Model.DescribeAddressesRequest>();
        public static readonly AwsOperation DescribeInternetGateways = AwsSdkOperations.Of<Ec2Model.DescribeInternetGatewaysRequest>();
        public static readonly AwsOperation DescribeLaunchTemplateVersions = AwsSdkOperations.Of<Ec2Model.DescribeLaunchTemplateVersionsRequest>();
        public static readonly AwsOperation DescribeLaunchTemplates = AwsSdkOperations.Of<Ec2Model.DescribeLaunchTemplatesRequest>();
        public static readonly AwsOperation DescribeNatGateways = AwsSdkOperations.Of<Ec2Model.DescribeNatGatewaysRequest>();
        public static readonly AwsOperation DescribeRouteTables = AwsSdkOperations.Of<Ec2Model.DescribeRouteTablesRequest>();
        public static readonly AwsOperation DescribeSecurityGroups = AwsSdkOperations.Of<Ec2Model.DescribeSecurityGroupsRequest>();
        public static readonly AwsOperation DescribeSubnets = AwsSdkOperations.Of<Ec2Model.DescribeSubnetsRequest>();
        public static readonly AwsOperation DescribeTags = AwsSdkOperations.Of<Ec2Model.DescribeTagsRequest>();
        public static readonly AwsOperation DescribeVpcAttribute = AwsSdkOperations.Of<Ec2Model.DescribeVpcAttributeRequest>();
        public static readonly AwsOperation DescribeVpcEndpoints = AwsSdkOperations.Of<Ec2Model.DescribeVpcEndpointsRequest>();
        public static readonly AwsOperation DescribeVpcs = AwsSdkOperations.Of<Ec2Model.DescribeVpcsRequest>();
        public static readonly AwsOperation DetachInternetGateway = AwsSdkOperations.Of<Ec2Model.DetachInternetGatewayRequest>();
        public static readonly AwsOperation DisassociateRouteTable = AwsSdkOperations.Of<Ec2Model.DisassociateRouteTableRequest>();
        public static readonly AwsOperation ModifyLaunchTemplate = AwsSdkOperations.Of<Ec2Model.ModifyLaunchTemplateRequest>();
        public static readonly AwsOperation ModifySubnetAttribute = AwsSdkOperations.Of<Ec2Model.ModifySubnetAttributeRequest>();
        public static readonly AwsOperation ModifyVpcAttribute = AwsSdkOperations.Of<Ec2Model.ModifyVpcAttributeRequest>();
        public static readonly AwsOperation ModifyVpcEndpoint = AwsSdkOperations.Of<Ec2Model.ModifyVpcEndpointRequest>();
        public static readonly AwsOperation ReleaseAddress = AwsSdkOperations.Of<Ec2Model.ReleaseAddressRequest>();
        public static readonly AwsOperation ReplaceRoute = AwsSdkOperations.Of<Ec2Model.ReplaceRouteRequest>();
        public static readonly AwsOperation ReplaceRouteTableAssociation = AwsSdkOperations.Of<Ec2Model.ReplaceRouteTableAssociationRequest>();
        public static readonly AwsOperation RevokeSecurityGroupEgress = AwsSdkOperations.Of<Ec2Model.RevokeSecurityGroupEgressRequest>();
        public static readonly AwsOperation RevokeSecurityGroupIngress = AwsSdkOperations.Of<Ec2Model.RevokeSecurityGroupIngressRequest>();
        public static readonly AwsOperation UpdateSecurityGroupRuleDescriptionsEgress = AwsSdkOperations.Of<Ec2Model.UpdateSecurityGroupRuleDescriptionsEgressRequest>();
        public static readonly AwsOperation UpdateSecurityGroupRuleDescriptionsIngress = AwsSdkOperations.Of<Ec2Model.UpdateSecurityGroupRuleDescriptionsIngressRequest>();
    }

    /// <summary>Amazon S3.</summary>
    public static class S3
    {
        public static readonly AwsOperation CreateBucket = AwsSdkOperations.Of<S3Model.PutBucketRequest>();
        public static readonly AwsOperation DeleteBucket = AwsSdkOperations.Of<S3Model.DeleteBucketRequest>();
        public static readonly AwsOperation DeleteBucketLifecycle = AwsSdkOperations.Of<S3Model.DeleteLifecycleConfigurationRequest>();
        public static readonly AwsOperation DeleteObjects = AwsSdkOperations.Of<S3Model.DeleteObjectsRequest>();
        public static readonly AwsOperation GetBucketEncryption = AwsSdkOperations.Of<S3Model.GetBucketEncryptionRequest>();
        public static readonly AwsOperation GetBucketPolicy = AwsSdkOperations.Of<S3Model.GetBucketPolicyRequest>();
        public static readonly AwsOperation PutBucketPolicy = AwsSdkOperations.Of<S3Model.PutBucketPolicyRequest>();
        public static readonly AwsOperation GetBucketLifecycleConfiguration = AwsSdkOperations.Of<S3Model.GetLifecycleConfigurationRequest>();
        public static readonly AwsOperation GetBucketTagging = AwsSdkOperations.Of<S3Model.GetBucketTaggingRequest>();
        public static readonly AwsOperation GetBucketVersioning = AwsSdkOperations.Of<S3Model.GetBucketVersioningRequest>();
        public static readonly AwsOperation GetPublicAccessBlock = AwsSdkOperations.Of<S3Model.GetPublicAccessBlockRequest>();
        public static readonly AwsOperation ListBuckets = AwsSdkOperations.Of<S3Model.ListBucketsRequest>();
        public static readonly AwsOperation ListObjectVersions = AwsSdkOperations.Of<S3Model.ListVersionsRequest>();
        public static readonly AwsOperation HeadObject = AwsSdkOperations.Of<S3Model.GetObjectMetadataRequest>();
        public static readonly AwsOperation PutObject = AwsSdkOperations.Of<S3Model.PutObjectRequest>();
        public static readonly AwsOperation PutBucketEncryption = AwsSdkOperations.Of<S3Model.PutBucketEncryptionRequest>();
        public static readonly AwsOperation PutBucketLifecycleConfiguration = AwsSdkOperations.Of<S3Model.PutLifecycleConfigurationRequest>();
        public static readonly AwsOperation PutBucketTagging = AwsSdkOperations.Of<S3Model.PutBucketTaggingRequest>();
        public static readonly AwsOperation PutBucketVersioning = AwsSdkOperations.Of<S3Model.PutBucketVersioningRequest>();
        public static readonly AwsOperation PutPublicAccessBlock = AwsSdkOperations.Of<S3Model.PutPublicAccessBlockRequest>();
    }

    /// <summary>Amazon DynamoDB.</summary>
    public static class DynamoDb
    {
        public static readonly AwsOperation CreateTable = AwsSdkOperations.Of<Ddb.CreateTableRequest>();
        public static readonly AwsOperation DeleteItem = AwsSdkOperations.Of<Ddb.DeleteItemRequest>();
        public static readonly AwsOperation DeleteTable = AwsSdkOperations.Of<Ddb.DeleteTableRequest>();
        public static readonly AwsOperation DescribeContinuousBackups = AwsSdkOperations.Of<Ddb.DescribeContinuousBackupsRequest>();
        public static readonly AwsOperation DescribeTable = AwsSdkOperations.Of<Ddb.DescribeTableRequest>();
        public static readonly AwsOperation DescribeTimeToLive = AwsSdkOperations.Of<Ddb.DescribeTimeToLiveRequest>();
        public static readonly AwsOperation GetItem = AwsSdkOperations.Of<Ddb.GetItemRequest>();
        public static readonly AwsOperation ListTables = AwsSdkOperations.Of<Ddb.ListTablesRequest>();
        public static readonly AwsOperation ListTagsOfResource = AwsSdkOperations.Of<Ddb.ListTagsOfResourceRequest>();
        public static readonly AwsOperation PutItem = AwsSdkOperations.Of<Ddb.PutItemRequest>();
        public static readonly AwsOperation Query = AwsSdkOperations.Of<Ddb.QueryRequest>();
        public static readonly AwsOperation Scan = AwsSdkOperations.Of<Ddb.ScanRequest>();
        public static readonly AwsOperation TagResource = AwsSdkOperations.Of<Ddb.TagResourceRequest>();
        public static readonly AwsOperation TransactWriteItems = AwsSdkOperations.Of<Ddb.TransactWriteItemsRequest>();
        public static readonly AwsOperation UntagResource = AwsSdkOperations.Of<Ddb.UntagResourceRequest>();
        public static readonly AwsOperation UpdateContinuousBackups = AwsSdkOperations.Of<Ddb.UpdateContinuousBackupsRequest>();
        public static readonly AwsOperation UpdateTable = AwsSdkOperations.Of<Ddb.UpdateTableRequest>();
        public static readonly AwsOperation UpdateTimeToLive = AwsSdkOperations.Of<Ddb.UpdateTimeToLiveRequest>();
    }

    /// <summary>AWS STS.</summary>
    public static class Sts
    {
        public static readonly AwsOperation GetCallerIdentity = AwsSdkOperations.Of<StsModel.GetCallerIdentityRequest>();
    }
}
