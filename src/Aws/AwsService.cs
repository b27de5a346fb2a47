namespace Reconciler.Aws;

/// <summary>
/// Describes one AWS service as the botocore service model's metadata does: the id that names
/// its endpoint setting, the endpoint prefix, the SigV4 signing name and whether it has one
/// global endpoint. Everything that builds a URL or signs a request reads it from here.
/// </summary>
/// <param name="ServiceId">The model's <c>serviceId</c>, e.g. "CloudWatch Logs".</param>
/// <param name="EndpointPrefix">The model's <c>endpointPrefix</c>, e.g. "logs".</param>
/// <param name="SigningName">The SigV4 service name in the credential scope, e.g. "logs".</param>
/// <param name="GlobalHost">For services with one global endpoint (IAM, Budgets), its host; signed for us-east-1.</param>
public sealed record AwsService(string ServiceId, string EndpointPrefix, string SigningName, string? GlobalHost = null)
{
    /// <summary>Amazon EC2 (the ec2 query protocol; official SDK).</summary>
    public static readonly AwsService Ec2 = new("EC2", "ec2", "ec2");

    /// <summary>Amazon S3 (rest-xml; official SDK).</summary>
    public static readonly AwsService S3 = new("S3", "s3", "s3");

    /// <summary>Amazon DynamoDB (JSON 1.0; official SDK).</summary>
    public static readonly AwsService DynamoDb = new("DynamoDB", "dynamodb", "dynamodb");

    /// <summary>AWS STS (query; official SDK).</summary>
    public static readonly AwsService Sts = new("STS", "sts", "sts");

    /// <summary>Amazon CloudWatch Logs (JSON 1.1, target prefix Logs_20140328; own client).</summary>
    public static readonly AwsService CloudWatchLogs = new("CloudWatch Logs", "logs", "logs");

    /// <summary>Amazon CloudWatch metrics and alarms (query, API version 2010-08-01).</summary>
    public static readonly AwsService CloudWatch = new("CloudWatch", "monitoring", "monitoring");

    /// <summary>Elastic Load Balancing v2 (query, API version 2015-12-01).</summary>
    public static readonly AwsService ElasticLoadBalancingV2 = new("Elastic Load Balancing v2", "elasticloadbalancing", "elasticloadbalancing");

    /// <summary>Amazon RDS (query, API version 2014-10-31).</summary>
    public static readonly AwsService Rds = new("RDS", "rds", "rds");

    /// <summary>AWS Lambda (rest-json, API version 2015-03-31).</summary>
    public static readonly AwsService Lambda = new("Lambda", "lambda", "lambda");

    /// <summary>Amazon API Gateway (rest-json, API version 2015-07-09).</summary>
    public static readonly AwsService ApiGateway = new("API Gateway", "apigateway", "apigateway");

    /// <summary>AWS Budgets (JSON 1.1, target prefix AWSBudgetServiceGateway; global endpoint).</summary>
    public static readonly AwsService Budgets = new("Budgets", "budgets", "budgets", "budgets.amazonaws.com");

    /// <summary>Amazon EC2 Auto Scaling (query, API version 2011-01-01).</summary>
    public static readonly AwsService AutoScaling = new("Auto Scaling", "autoscaling", "autoscaling");

    /// <summary>AWS CloudTrail (JSON 1.1).</summary>
    public static readonly AwsService CloudTrail = new("CloudTrail", "cloudtrail", "cloudtrail");

    /// <summary>Amazon ECS (JSON 1.1, target prefix AmazonEC2ContainerServiceV20141113).</summary>
    public static readonly AwsService Ecs = new("ECS", "ecs", "ecs");

    /// <summary>Amazon ECR (JSON 1.1; endpoint prefix api.ecr, signing name ecr).</summary>
    public static readonly AwsService Ecr = new("ECR", "api.ecr", "ecr");

    /// <summary>AWS IAM (query, API version 2010-05-08; global endpoint).</summary>
    public static readonly AwsService Iam = new("IAM", "iam", "iam", "iam.amazonaws.com");

    /// <summary>AWS Secrets Manager (JSON 1.1, target prefix secretsmanager; own client, used by the inference service).</summary>
    public static readonly AwsService SecretsManager = new("Secrets Manager", "secretsmanager", "secretsmanager");

    /// <summary>Amazon SNS (query, API version 2010-03-31).</summary>
    public static readonly AwsService Sns = new("SNS", "sns", "sns");

    /// <summary>AWS Certificate Manager (JSON 1.1, target prefix CertificateManager).</summary>
    public static readonly AwsService Acm = new("ACM", "acm", "acm");

    /// <summary>The Resource Groups Tagging API (JSON 1.1; endpoint prefix tagging).</summary>
    public static readonly AwsService ResourceGroupsTaggingApi = new("Resource Groups Tagging API", "tagging", "tagging");

    /// <summary>AWS Systems Manager (JSON 1.1, target prefix AmazonSSM): public parameters naming the latest AMIs.</summary>
    public static readonly AwsService Ssm = new("SSM", "ssm", "ssm");

    /// <summary>Every service the project's clients know, for reading their endpoint settings.</summary>
    public static IReadOnlyList<AwsService> Known { get; } =
    [
        Ec2, S3, DynamoDb, Sts, CloudWatchLogs, CloudWatch, ElasticLoadBalancingV2, Rds, Lambda,
        ApiGateway, Budgets, AutoScaling, CloudTrail, Ecs, Ecr, Iam, SecretsManager, Sns, Acm, ResourceGroupsTaggingApi, Ssm,
    ];

    /// <summary>
    /// The suffix of the service's endpoint variable as the AWS SDKs define it: the service id
    /// upper-cased with spaces as underscores ("CloudWatch Logs" → "CLOUDWATCH_LOGS", read from
    /// AWS_ENDPOINT_URL_CLOUDWATCH_LOGS).
    /// </summary>
    public string EnvironmentKey => ServiceId.Replace(' ', '_').ToUpperInvariant();

    /// <summary>The endpoint variable for this service, e.g. AWS_ENDPOINT_URL_EC2.</summary>
    public string EndpointVariable => "AWS_ENDPOINT_URL_" + EnvironmentKey;

    /// <summary>The real AWS endpoint of the service in <paramref name="region"/>.</summary>
    public Uri DefaultEndpoint(string region)
    {
        var suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        if (GlobalHost is not null)
        {
            return new Uri($"https://{GlobalHost.Replace("amazonaws.com", suffix, StringComparison.Ordinal)}/");
        }

        return new Uri($"https://{EndpointPrefix}.{region}.{suffix}/");
    }

    /// <summary>The region to sign for: a global service signs for its partition's home region.</summary>
    public string SigningRegion(string region) => GlobalHost is null
        ? region
        : region.StartsWith("cn-", StringComparison.Ordinal) ? "cn-north-1" : "us-east-1";
}
