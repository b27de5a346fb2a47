namespace Reconciler.Model.Monitoring;

/// <summary>
/// The AWS metric namespaces CloudWatch really has, with the metrics of the ones this project
/// alarms on. An alarm on a namespace that does not exist never leaves INSUFFICIENT_DATA and
/// never fires, and CloudWatch accepts it silently: this list is how validation catches the typo
/// (<c>AWS/ALB</c> for <c>AWS/ApplicationELB</c>) before the alarm guards nothing.
/// </summary>
/// <remarks>
/// Source: "AWS services that publish CloudWatch metrics" in the CloudWatch User Guide
/// (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/aws-services-cloudwatch-metrics.html).
/// A namespace listed with no metrics is known to exist but its metric names are not checked.
/// </remarks>
public static class MetricNamespaces
{
    private static readonly string[] None = [];

    /// <summary>Real AWS namespaces, each with the metric names checked (empty: names not checked).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyCollection<string>> Aws { get; } = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal)
    {
        ["AWS/ApplicationELB"] =
        [
            "ActiveConnectionCount", "ClientTLSNegotiationErrorCount", "ConsumedLCUs", "HTTPCode_ELB_3XX_Count", "HTTPCode_ELB_4XX_Count",
            "HTTPCode_ELB_5XX_Count", "HTTPCode_ELB_500_Count", "HTTPCode_ELB_502_Count", "HTTPCode_ELB_503_Count", "HTTPCode_ELB_504_Count",
            "HTTPCode_Target_2XX_Count", "HTTPCode_Target_3XX_Count", "HTTPCode_Target_4XX_Count", "HTTPCode_Target_5XX_Count",
            "HealthyHostCount", "UnHealthyHostCount", "NewConnectionCount", "ProcessedBytes", "RejectedConnectionCount", "RequestCount",
            "RequestCountPerTarget", "TargetConnectionErrorCount", "TargetResponseTime", "TargetTLSNegotiationErrorCount",
        ],
        ["AWS/AutoScaling"] =
        [
            "GroupMinSize", "GroupMaxSize", "GroupDesiredCapacity", "GroupInServiceInstances", "GroupPendingInstances", "GroupStandbyInstances",
            "GroupTerminatingInstances", "GroupTotalInstances", "GroupInServiceCapacity", "GroupTotalCapacity",
        ],
        ["AWS/EC2"] =
        [
            "CPUUtilization", "CPUCreditBalance", "CPUCreditUsage", "CPUSurplusCreditBalance", "DiskReadBytes", "DiskWriteBytes",
            "NetworkIn", "NetworkOut", "NetworkPacketsIn", "NetworkPacketsOut", "StatusCheckFailed", "StatusCheckFailed_Instance",
            "StatusCheckFailed_System", "EBSReadBytes", "EBSWriteBytes", "MetadataNoToken",
        ],
        ["AWS/RDS"] =
        [
            "CPUUtilization", "CPUCreditBalance", "CPUCreditUsage", "DatabaseConnections", "DiskQueueDepth", "FreeableMemory",
            "FreeStorageSpace", "MaximumUsedTransactionIDs", "NetworkReceiveThroughput", "NetworkTransmitThroughput", "ReadIOPS",
            "ReadLatency", "ReadThroughput", "ReplicaLag", "SwapUsage", "TransactionLogsDiskUsage", "WriteIOPS", "WriteLatency",
            "WriteThroughput", "BurstBalance",
        ],
        ["AWS/Lambda"] =
        [
            "Invocations", "Errors", "Throttles", "Duration", "ConcurrentExecutions", "UnreservedConcurrentExecutions",
            "ProvisionedConcurrencyUtilization", "ProvisionedConcurrencySpilloverInvocations", "DeadLetterErrors", "IteratorAge",
            "AsyncEventAge", "AsyncEventsDropped", "AsyncEventsReceived", "ClaimedAccountConcurrency",
        ],
        ["AWS/ApiGateway"] = ["4XXError", "5XXError", "CacheHitCount", "CacheMissCount", "Count", "IntegrationLatency", "Latency"],
        ["AWS/ECS"] = ["CPUUtilization", "MemoryUtilization", "CPUReservation", "MemoryReservation", "GPUReservation"],
        ["AWS/S3"] = ["BucketSizeBytes", "NumberOfObjects", "AllRequests", "GetRequests", "PutRequests", "4xxErrors", "5xxErrors", "FirstByteLatency", "TotalRequestLatency", "BytesDownloaded", "BytesUploaded"],
        ["AWS/DynamoDB"] =
        [
            "ConsumedReadCapacityUnits", "ConsumedWriteCapacityUnits", "ProvisionedReadCapacityUnits", "ProvisionedWriteCapacityUnits",
            "ReadThrottleEvents", "WriteThrottleEvents", "ThrottledRequests", "SystemErrors", "UserErrors", "SuccessfulRequestLatency",
            "ConditionalCheckFailedRequests", "ReturnedItemCount", "AccountProvisionedReadCapacityUtilization", "AccountProvisionedWriteCapacityUtilization",
        ],
        ["AWS/Logs"] = ["IncomingBytes", "IncomingLogEvents", "ForwardedBytes", "ForwardedLogEvents", "DeliveryErrors", "DeliveryThrottling", "ThrottleCount", "CallCount", "ErrorCount"],
        ["AWS/NATGateway"] =
        [
            "ActiveConnectionCount", "BytesInFromDestination", "BytesInFromSource", "BytesOutToDestination", "BytesOutToSource",
            "ConnectionAttemptCount", "ConnectionEstablishedCount", "ErrorPortAllocation", "IdleTimeoutCount", "PacketsDropCount",
            "PacketsInFromDestination", "PacketsInFromSource", "PacketsOutToDestination", "PacketsOutToSource",
        ],
        ["AWS/CloudTrail"] = None,
        ["AWS/Billing"] = ["EstimatedCharges"],
        ["AWS/SNS"] =
        [
            "NumberOfMessagesPublished", "NumberOfNotificationsDelivered", "NumberOfNotificationsFailed", "NumberOfNotificationsFilteredOut",
            "PublishSize", "SMSMonthToDateSpentUSD", "SMSSuccessRate",
        ],
        ["AWS/SQS"] = None,
        ["AWS/ELB"] = None,
        ["AWS/NetworkELB"] = None,
        ["AWS/EBS"] = None,
        ["AWS/EFS"] = None,
        ["AWS/ECR"] = None,
        ["AWS/ElastiCache"] = None,
        ["AWS/Events"] = None,
        ["AWS/Kinesis"] = None,
        ["AWS/Firehose"] = None,
        ["AWS/CloudFront"] = None,
        ["AWS/Route53"] = None,
        ["AWS/States"] = None,
        ["AWS/KMS"] = None,
        ["AWS/SES"] = None,
        ["AWS/WAFV2"] = None,
        ["AWS/PrivateLinkEndpoints"] = None,
        ["AWS/TransitGateway"] = None,
        ["AWS/Usage"] = None,
        ["AWS/SageMaker"] = None,
        ["AWS/ContainerInsights"] = None,
        ["AWS/CertificateManager"] = None,
        ["AWS/SecretsManager"] = None,
        ["AWS/Backup"] = None,
        ["AWS/Redshift"] = None,
        ["AWS/ES"] = None,
    };

    /// <summary>Names people write for a real namespace (the service's short name), put first among the suggestions.</summary>
    public static IReadOnlyDictionary<string, string> CommonMistakes { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["AWS/ALB"] = "AWS/ApplicationELB",
        ["AWS/ELBv2"] = "AWS/ApplicationELB",
        ["AWS/NLB"] = "AWS/NetworkELB",
        ["AWS/ASG"] = "AWS/AutoScaling",
        ["AWS/APIGateway"] = "AWS/ApiGateway",
        ["AWS/CloudWatchLogs"] = "AWS/Logs",
        ["AWS/NatGateway"] = "AWS/NATGateway",
        ["AWS/Budgets"] = "AWS/Billing",
    };

    /// <summary>Up to three real namespaces closest to a wrong one: a known mistake's namespace first, then by edit distance.</summary>
    public static IReadOnlyList<string> Closest(string ns, Func<string, string, int> distance)
    {
        var mistake = CommonMistakes.GetValueOrDefault(ns);
        var byDistance = Aws.Keys.Where(n => n != mistake).OrderBy(n => distance(ns.ToUpperInvariant(), n.ToUpperInvariant())).ThenBy(n => n, StringComparer.Ordinal);
        return [.. (mistake is null ? byDistance : byDistance.Prepend(mistake)).Take(3)];
    }

    /// <summary>Whether a namespace is AWS's own (reserved <c>AWS/</c> prefix) rather than a custom one.</summary>
    public static bool IsAwsNamespace(string ns) => ns.StartsWith("AWS/", StringComparison.Ordinal);
}
