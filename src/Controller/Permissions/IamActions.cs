namespace Reconciler.Controller.Permissions;

/// <summary>
/// Which IAM actions an AWS operation needs, as data: by default the service's action prefix and
/// the operation's name (<c>CreateRole</c> → <c>iam:CreateRole</c>); the exceptions the AWS
/// Service Authorization Reference documents are listed by operation (S3's older action names,
/// DynamoDB's transaction checked per item, API Gateway's HTTP verbs, Budgets' two actions), and
/// so are the actions an operation needs beside its own (<c>iam:PassRole</c> where a call hands a
/// role to a service). An operation of a service without a prefix here is refused, so a new
/// service cannot slip into a policy unmapped.
/// </summary>
internal static class IamActions
{
    /// <summary>The IAM action prefix of each service (not always its endpoint or signing name).</summary>
    private static readonly Dictionary<AwsService, string> Prefixes = new()
    {
        [AwsService.Acm] = "acm",
        [AwsService.ApiGateway] = "apigateway",
        [AwsService.AutoScaling] = "autoscaling",
        [AwsService.Budgets] = "budgets",
        [AwsService.CloudTrail] = "cloudtrail",
        [AwsService.CloudWatch] = "cloudwatch",
        [AwsService.CloudWatchLogs] = "logs",
        [AwsService.DynamoDb] = "dynamodb",
        [AwsService.Ec2] = "ec2",
        [AwsService.Ecr] = "ecr",
        [AwsService.Ecs] = "ecs",
        [AwsService.ElasticLoadBalancingV2] = "elasticloadbalancing",
        [AwsService.Iam] = "iam",
        [AwsService.Lambda] = "lambda",
        [AwsService.Rds] = "rds",
        [AwsService.ResourceGroupsTaggingApi] = "tag",
        [AwsService.S3] = "s3",
        [AwsService.SecretsManager] = "secretsmanager",
        [AwsService.Sns] = "sns",
        [AwsService.Ssm] = "ssm",
        [AwsService.Sts] = "sts",
    };

    /// <summary>Operations whose IAM action is named otherwise (or that need several, or none).</summary>
    private static readonly Dictionary<(AwsService Service, string Operation), string[]> Renamed = new()
    {
        [(AwsService.S3, "HeadBucket")] = ["s3:ListBucket"],
        [(AwsService.S3, "ListBuckets")] = ["s3:ListAllMyBuckets"],
        [(AwsService.S3, "ListObjectVersions")] = ["s3:ListBucketVersions"],
        [(AwsService.S3, "GetBucketEncryption")] = ["s3:GetEncryptionConfiguration"],
        [(AwsService.S3, "PutBucketEncryption")] = ["s3:PutEncryptionConfiguration"],
        [(AwsService.S3, "GetBucketLifecycleConfiguration")] = ["s3:GetLifecycleConfiguration"],
        [(AwsService.S3, "PutBucketLifecycleConfiguration")] = ["s3:PutLifecycleConfiguration"],
        [(AwsService.S3, "DeleteBucketLifecycle")] = ["s3:PutLifecycleConfiguration"],
        [(AwsService.S3, "GetPublicAccessBlock")] = ["s3:GetBucketPublicAccessBlock"],
        [(AwsService.S3, "PutPublicAccessBlock")] = ["s3:PutBucketPublicAccessBlock"],
        [(AwsService.S3, "DeletePublicAccessBlock")] = ["s3:PutBucketPublicAccessBlock"],
        [(AwsService.S3, "DeleteBucketEncryption")] = ["s3:PutEncryptionConfiguration"],
        [(AwsService.S3, "DeleteBucketTagging")] = ["s3:PutBucketTagging"],
        [(AwsService.S3, "DeleteBucketPolicy")] = ["s3:DeleteBucketPolicy"],
        // Emptying a versioned bucket deletes object versions, not only current objects.
        [(AwsService.S3, "DeleteObjects")] = ["s3:DeleteObject", "s3:DeleteObjectVersion"],
        // A transaction is authorized item by item, by the action each item does.
        [(AwsService.DynamoDb, "TransactWriteItems")] = ["dynamodb:ConditionCheckItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
        // Everyone may ask who they are: no permission is needed, and a deny cannot stop it.
        [(AwsService.Sts, "GetCallerIdentity")] = [],
    };

    /// <summary>Actions an operation needs beside its own: handing a role to a service, reading what a service fetches with the caller's rights.</summary>
    private static readonly Dictionary<(AwsService Service, string Operation), string[]> Additional = new()
    {
        // The group's launch template may name an instance profile, whose role the group passes to EC2; the group launches with the caller's rights.
        [(AwsService.AutoScaling, "CreateAutoScalingGroup")] = ["iam:PassRole", "ec2:RunInstances"],
        [(AwsService.AutoScaling, "UpdateAutoScalingGroup")] = ["iam:PassRole", "ec2:RunInstances"],
        [(AwsService.Iam, "AddRoleToInstanceProfile")] = ["iam:PassRole"],
        [(AwsService.Lambda, "CreateFunction")] = ["iam:PassRole", "s3:GetObject", "s3:GetObjectVersion"],
        [(AwsService.Lambda, "UpdateFunctionConfiguration")] = ["iam:PassRole"],
        [(AwsService.Lambda, "UpdateFunctionCode")] = ["s3:GetObject", "s3:GetObjectVersion"],
        [(AwsService.Ecs, "RegisterTaskDefinition")] = ["iam:PassRole"],
        [(AwsService.CloudTrail, "CreateTrail")] = ["iam:PassRole"],
        [(AwsService.CloudTrail, "UpdateTrail")] = ["iam:PassRole"],
    };

    /// <summary>The IAM action prefix of <paramref name="service"/>.</summary>
    public static string PrefixOf(AwsService service) =>
        Prefixes.TryGetValue(service, out var prefix)
            ? prefix
            : throw new InvalidOperationException($"AWS service '{service.ServiceId}' has no IAM action prefix; add it to IamActions.Prefixes.");

    /// <summary>Every IAM action <paramref name="operation"/> needs, sorted.</summary>
    public static IReadOnlyList<string> For(AwsOperation operation)
    {
        var key = (operation.Service, operation.Name);
        IEnumerable<string> own = Renamed.TryGetValue(key, out var renamed)
            ? renamed
            : [$"{PrefixOf(operation.Service)}:{Named(operation)}"];
        return [.. own.Concat(Additional.GetValueOrDefault(key) ?? []).Distinct().Order(StringComparer.Ordinal)];
    }

    // API Gateway authorizes by HTTP verb on the resource path; Budgets has a view and a modify action.
    private static string Named(AwsOperation operation)
    {
        if (operation.Service == AwsService.ApiGateway)
        {
            return ApiGatewayVerb(operation.Name);
        }

        if (operation.Service == AwsService.Budgets && operation.Name is not ("TagResource" or "UntagResource" or "ListTagsForResource"))
        {
            return operation.Writes ? "ModifyBudget" : "ViewBudget";
        }

        return operation.Name;
    }

    private static string ApiGatewayVerb(string name) =>
        name switch
        {
            "TagResource" => "PUT",
            "UntagResource" => "DELETE",
            _ when name.StartsWith("Get", StringComparison.Ordinal) => "GET",
            _ when name.StartsWith("Create", StringComparison.Ordinal) => "POST",
            _ when name.StartsWith("Put", StringComparison.Ordinal) || name.StartsWith("Import", StringComparison.Ordinal) => "PUT",
            _ when name.StartsWith("Update", StringComparison.Ordinal) => "PATCH",
            _ when name.StartsWith("Delete", StringComparison.Ordinal) => "DELETE",
            _ => throw new InvalidOperationException($"API Gateway operation '{name}' has no HTTP verb in IamActions; add it."),
        };
}
