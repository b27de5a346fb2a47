using System.Globalization;
using Reconciler.Integration.Tests.Cli;
using Reconciler.Integration.Tests.Drivers;

namespace Reconciler.Integration.Tests.Rollouts;

/// <summary>
/// The world a rollout needs, shared by the engine's tests (RolloutRig) and the tests with real
/// controller processes: the traffic documents, a versioned model bucket and an InferenceService
/// over them; the model's versions "1", "2" and "3" as S3 object versions labelled by their
/// <c>model-version</c> metadata; and green's ALB metrics as the load balancer would publish them.
/// </summary>
internal static class RolloutDocuments
{
    public const string Service = "penguins";

    public const string ModelKey = "penguins/model.onnx";

    /// <summary>The load balancer, blue and green target groups and the weighted HTTPS listener.</summary>
    public static string Traffic => TrafficDocuments.Join(
        TrafficDocuments.Network, TrafficDocuments.LoadBalancer, TrafficDocuments.TargetGroups, TrafficDocuments.Certificate, TrafficDocuments.Listeners);

    /// <summary>The ALB runtime over the HTTPS listener's blue and green target groups (YAML indented four spaces).</summary>
    public const string AlbRuntime = """
            alb:
              listener: https
              blue: blue
              green: green
        """;

    /// <summary>The Lambda runtime over the alias <paramref name="alias"/> (YAML indented four spaces).</summary>
    public static string LambdaRuntime(string alias) => $$"""
            lambda:
              alias: {{alias}}
        """;

    /// <summary>
    /// The model bucket and the InferenceService serving <paramref name="version"/> over the
    /// listener, with <paramref name="steps"/> (YAML list items indented six spaces) as its strategy.
    /// </summary>
    public static string Inference(string version, string steps) => TrafficDocuments.Join(
        """
        kind: Bucket
        metadata:
          name: models
        spec:
          versioning: true
        """,
        InferenceService(version, AlbRuntime, steps));

    /// <summary>The InferenceService alone: <paramref name="version"/> on <paramref name="runtime"/>, with <paramref name="steps"/>.</summary>
    public static string InferenceService(string version, string runtime, string steps) => $$"""
        kind: InferenceService
        metadata:
          name: {{Service}}
        spec:
          model:
            bucket: models
            key: {{ModelKey}}
            version: "{{version}}"
          runtime:
        {{runtime}}
          strategy:
            steps:
        {{steps}}
        """;

    /// <summary>Uploads model versions "1", "2" and "3" to <paramref name="bucket"/>, each labelled by its metadata.</summary>
    public static async Task PutModelVersionsAsync(AwsCli aws, string bucket)
    {
        foreach (var version in new[] { "1", "2", "3" })
        {
            var file = Path.GetTempFileName();
            await File.WriteAllTextAsync(file, $"model bytes of version {version}");
            await aws.RunAsync("s3api", "put-object", "--bucket", bucket, "--key", ModelKey, "--body", file, "--metadata", $"model-version={version},model-sha256=sha-of-{version}");
            File.Delete(file);
        }
    }

    /// <summary>
    /// Publishes what the ALB would for green at <paramref name="at"/>: <paramref name="requests"/>
    /// requests of which <paramref name="errors"/> answered 5xx, with AWS's own dimensions
    /// (<c>LoadBalancer=app/NAME/ID</c>, <c>TargetGroup=targetgroup/NAME/ID</c>).
    /// </summary>
    public static async Task PublishGreenAsync(AwsCli aws, string listenerArn, string greenArn, DateTimeOffset at, int requests, int errors)
    {
        var timestamp = at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var lb = (string)(await aws.RunAsync("elbv2", "describe-listeners", "--listener-arns", listenerArn))!["Listeners"]![0]!["LoadBalancerArn"]!;
        var loadBalancer = lb[(lb.IndexOf(":loadbalancer/", StringComparison.Ordinal) + ":loadbalancer/".Length)..];
        var targetGroup = greenArn[(greenArn.IndexOf(":targetgroup/", StringComparison.Ordinal) + 1)..];
        var dimensions = $$"""[{"Name":"LoadBalancer","Value":"{{loadBalancer}}"},{"Name":"TargetGroup","Value":"{{targetGroup}}"}]""";
        var data = new List<string> { $$"""{"MetricName":"RequestCount","Dimensions":{{dimensions}},"Timestamp":"{{timestamp}}","Value":{{requests}},"Unit":"Count"}""" };
        if (errors > 0)
        {
            data.Add($$"""{"MetricName":"HTTPCode_Target_5XX_Count","Dimensions":{{dimensions}},"Timestamp":"{{timestamp}}","Value":{{errors}},"Unit":"Count"}""");
        }

        await aws.RunAsync("cloudwatch", "put-metric-data", "--namespace", "AWS/ApplicationELB", "--metric-data", $"[{string.Join(",", data)}]");
    }

    /// <summary>
    /// Publishes what Lambda would for green at <paramref name="at"/>: the alias's
    /// <paramref name="invocations"/> that ran <paramref name="version"/>, of which
    /// <paramref name="errors"/> failed, with Lambda's own dimensions (FunctionName,
    /// Resource=FUNCTION:ALIAS, ExecutedVersion).
    /// </summary>
    public static Task PublishGreenInvocationsAsync(AwsCli aws, string function, string alias, string version, DateTimeOffset at, int invocations, int errors)
    {
        var timestamp = at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var dimensions = $$"""[{"Name":"FunctionName","Value":"{{function}}"},{"Name":"Resource","Value":"{{function}}:{{alias}}"},{"Name":"ExecutedVersion","Value":"{{version}}"}]""";
        var data = $$"""[{"MetricName":"Invocations","Dimensions":{{dimensions}},"Timestamp":"{{timestamp}}","Value":{{invocations}},"Unit":"Count"},{"MetricName":"Errors","Dimensions":{{dimensions}},"Timestamp":"{{timestamp}}","Value":{{errors}},"Unit":"Count"}]""";
        return aws.RunAsync("cloudwatch", "put-metric-data", "--namespace", "AWS/Lambda", "--metric-data", data);
    }
}
