using System.Collections.Frozen;
using Ddb = Amazon.DynamoDBv2.Model;
using Ec2 = Amazon.EC2.Model;
using S3 = Amazon.S3.Model;
using Sts = Amazon.SecurityToken.Model;

namespace Reconciler.Controller.Aws;

/// <summary>
/// Whether each official SDK operation the controller calls writes, by request type. The SDK
/// clients cannot declare their operation on the request the way the project's own clients do
/// (<see cref="AwsOperation.OptionKey"/>), so the handler finds them here by the name the wire
/// carries: EC2 and STS send it as Action=, DynamoDB as the X-Amz-Target suffix, each the
/// request type's name minus "Request". S3 is REST: the classifier names its requests as the
/// S3 API does, and where the SDK named a type otherwise (PutBucketRequest for CreateBucket)
/// the table says which API name it sends.
/// <para>
/// An SDK call that is not listed is refused before it is sent (fail-closed). A new call adds
/// its line here; AwsSdkOperationsTests check that every SDK request the controller's source
/// makes is listed.
/// </para>
/// </summary>
internal static class AwsSdkOperations
{
    private const bool Read = false;
    private const bool Write = true;

    private static readonly Dictionary<Type, bool> Ec2Requests = new()
    {
        [typeof(Ec2.AllocateAddressRequest)] = Write,
        [typeof(Ec2.AssociateRouteTableRequest)] = Write,
        [typeof(Ec2.AttachInternetGatewayRequest)] = Write,
        [typeof(Ec2.AuthorizeSecurityGroupEgressRequest)] = Write,
        [typeof(Ec2.AuthorizeSecurityGroupIngressRequest)] = Write,
        [typeof(Ec2.CreateInternetGatewayRequest)] = Write,
        [typeof(Ec2.CreateNatGatewayRequest)] = Write,
        [typeof(Ec2.CreateLaunchTemplateRequest)] = Write,
        [typeof(Ec2.CreateLaunchTemplateVersionRequest)] = Write,
        [typeof(Ec2.CreateRouteRequest)] = Write,
        [typeof(Ec2.CreateRouteTableRequest)] = Write,
        [typeof(Ec2.CreateSecurityGroupRequest)] = Write,
        [typeof(Ec2.CreateSubnetRequest)] = Write,
        [typeof(Ec2.CreateTagsRequest)] = Write,
        [typeof(Ec2.CreateVpcEndpointRequest)] = Write,
        [typeof(Ec2.DeleteNatGatewayRequest)] = Write,
        [typeof(Ec2.DeleteTagsRequest)] = Write,
        [typeof(Ec2.CreateVpcRequest)] = Write,
        [typeof(Ec2.DeleteInternetGatewayRequest)] = Write,
        [typeof(Ec2.DeleteLaunchTemplateRequest)] = Write,
        [typeof(Ec2.DeleteRouteRequest)] = Write,
        [typeof(Ec2.DeleteRouteTableRequest)] = Write,
        [typeof(Ec2.DeleteSecurityGroupRequest)] = Write,
        [typeof(Ec2.DeleteSubnetRequest)] = Write,
        [typeof(Ec2.DeleteVpcEndpointsRequest)] = Write,
        [typeof(Ec2.DeleteVpcRequest)] = Write,
        [typeof(Ec2.DescribeAddressesRequest)] = Read,
        [typeof(Ec2.DescribeInternetGatewaysRequest)] = Read,
        [typeof(Ec2.DescribeNatGatewaysRequest)] = Read,
        [typeof(Ec2.DescribeLaunchTemplatesRequest)] = Read,
        [typeof(Ec2.DescribeLaunchTemplateVersionsRequest)] = Read,
        [typeof(Ec2.DescribeRouteTablesRequest)] = Read,
        [typeof(Ec2.DescribeSecurityGroupsRequest)] = Read,
        [typeof(Ec2.DescribeSubnetsRequest)] = Read,
        [typeof(Ec2.DescribeTagsRequest)] = Read,
        [typeof(Ec2.DescribeVpcAttributeRequest)] = Read,
        [typeof(Ec2.DescribeVpcEndpointsRequest)] = Read,
        [typeof(Ec2.DescribeVpcsRequest)] = Read,
        [typeof(Ec2.DetachInternetGatewayRequest)] = Write,
        [typeof(Ec2.DisassociateRouteTableRequest)] = Write,
        [typeof(Ec2.ModifySubnetAttributeRequest)] = Write,
        [typeof(Ec2.ModifyLaunchTemplateRequest)] = Write,
        [typeof(Ec2.ModifyVpcAttributeRequest)] = Write,
        [typeof(Ec2.ModifyVpcEndpointRequest)] = Write,
        [typeof(Ec2.ReleaseAddressRequest)] = Write,
        [typeof(Ec2.ReplaceRouteRequest)] = Write,
        [typeof(Ec2.ReplaceRouteTableAssociationRequest)] = Write,
        [typeof(Ec2.RevokeSecurityGroupEgressRequest)] = Write,
        [typeof(Ec2.RevokeSecurityGroupIngressRequest)] = Write,
        [typeof(Ec2.UpdateSecurityGroupRuleDescriptionsEgressRequest)] = Write,
        [typeof(Ec2.UpdateSecurityGroupRuleDescriptionsIngressRequest)] = Write,
    };

    private static readonly Dictionary<Type, bool> S3Requests = new()
    {
        [typeof(S3.DeleteBucketRequest)] = Write,
        [typeof(S3.DeleteLifecycleConfigurationRequest)] = Write,
        [typeof(S3.DeleteObjectsRequest)] = Write,
        [typeof(S3.GetBucketEncryptionRequest)] = Read,
        [typeof(S3.GetBucketTaggingRequest)] = Read,
        [typeof(S3.GetBucketVersioningRequest)] = Read,
        [typeof(S3.GetLifecycleConfigurationRequest)] = Read,
        [typeof(S3.GetObjectMetadataRequest)] = Read,
        [typeof(S3.GetPublicAccessBlockRequest)] = Read,
        [typeof(S3.ListBucketsRequest)] = Read,
        [typeof(S3.ListVersionsRequest)] = Read,
        [typeof(S3.PutBucketEncryptionRequest)] = Write,
        [typeof(S3.PutBucketRequest)] = Write,
        [typeof(S3.PutBucketTaggingRequest)] = Write,
        [typeof(S3.PutBucketVersioningRequest)] = Write,
        [typeof(S3.PutLifecycleConfigurationRequest)] = Write,
        [typeof(S3.PutObjectRequest)] = Write,
        [typeof(S3.PutPublicAccessBlockRequest)] = Write,
        [typeof(S3.GetBucketPolicyRequest)] = Read,
        [typeof(S3.PutBucketPolicyRequest)] = Write,
    };

    // The S3 API's names (botocore's, the classifier's and own clients') where the SDK's type says otherwise.
    private static readonly Dictionary<Type, string> S3ApiNames = new()
    {
        [typeof(S3.PutBucketRequest)] = "CreateBucket",
        [typeof(S3.ListVersionsRequest)] = "ListObjectVersions",
        [typeof(S3.GetObjectMetadataRequest)] = "HeadObject",
        [typeof(S3.GetLifecycleConfigurationRequest)] = "GetBucketLifecycleConfiguration",
        [typeof(S3.PutLifecycleConfigurationRequest)] = "PutBucketLifecycleConfiguration",
        [typeof(S3.DeleteLifecycleConfigurationRequest)] = "DeleteBucketLifecycle",
        [typeof(S3.GetObjectMetadataRequest)] = "HeadObject",
    };

    private static readonly Dictionary<Type, bool> DynamoDbRequests = new()
    {
        [typeof(Ddb.CreateTableRequest)] = Write,
        [typeof(Ddb.DeleteItemRequest)] = Write,
        [typeof(Ddb.DeleteTableRequest)] = Write,
        [typeof(Ddb.DescribeContinuousBackupsRequest)] = Read,
        [typeof(Ddb.DescribeTableRequest)] = Read,
        [typeof(Ddb.DescribeTimeToLiveRequest)] = Read,
        [typeof(Ddb.GetItemRequest)] = Read,
        [typeof(Ddb.ListTablesRequest)] = Read,
        [typeof(Ddb.ListTagsOfResourceRequest)] = Read,
        [typeof(Ddb.PutItemRequest)] = Write,
        [typeof(Ddb.QueryRequest)] = Read,
        [typeof(Ddb.ScanRequest)] = Read,
        [typeof(Ddb.TagResourceRequest)] = Write,
        [typeof(Ddb.UntagResourceRequest)] = Write,
        [typeof(Ddb.TransactWriteItemsRequest)] = Write,
        [typeof(Ddb.UpdateContinuousBackupsRequest)] = Write,
        [typeof(Ddb.UpdateTableRequest)] = Write,
        [typeof(Ddb.UpdateTimeToLiveRequest)] = Write,
    };

    private static readonly Dictionary<Type, bool> StsRequests = new()
    {
        [typeof(Sts.GetCallerIdentityRequest)] = Read,
    };

    /// <summary>Every SDK operation the controller calls, by its request type: the service, the name on the wire and whether it writes.</summary>
    public static IReadOnlyDictionary<Type, AwsOperation> ByRequestType { get; } =
        Operations(AwsService.Ec2, Ec2Requests)
            .Concat(Operations(AwsService.S3, S3Requests))
            .Concat(Operations(AwsService.DynamoDb, DynamoDbRequests))
            .Concat(Operations(AwsService.Sts, StsRequests))
            .ToFrozenDictionary();

    private static readonly FrozenDictionary<(string Service, string Name), AwsOperation> ByWireName =
        ByRequestType.Values.ToFrozenDictionary(o => (o.Service.SigningName, o.Name));

    /// <summary>The listed operation <paramref name="service"/> (signing name) calls <paramref name="name"/> on the wire; null when none is.</summary>
    public static AwsOperation? Find(string service, string name) => ByWireName.GetValueOrDefault((service, name));

    /// <summary>The listed operation a <typeparamref name="TRequest"/> sends; throws when the table lacks it, so a declaration cannot name an unlisted call.</summary>
    public static AwsOperation Of<TRequest>()
        where TRequest : Amazon.Runtime.AmazonWebServiceRequest =>
        ByRequestType.TryGetValue(typeof(TRequest), out var operation)
            ? operation
            : throw new InvalidOperationException($"{typeof(TRequest).FullName} is not in AwsSdkOperations; add it as Read or Write.");

    /// <summary>The name an SDK request of <paramref name="requestType"/> carries on the wire.</summary>
    public static string WireName(Type requestType) =>
        S3ApiNames.TryGetValue(requestType, out var apiName) ? apiName : requestType.Name[..^"Request".Length];

    private static IEnumerable<KeyValuePair<Type, AwsOperation>> Operations(AwsService service, Dictionary<Type, bool> requests) =>
        requests.Select(r => KeyValuePair.Create(r.Key, new AwsOperation(service, WireName(r.Key), r.Value)));
}
