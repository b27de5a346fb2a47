using System.Text.Json.Nodes;
using Reconciler.Integration.Tests.Cli;

namespace Reconciler.Integration.Tests.Sandbox;

/// <summary>
/// A load balancer with blue and green target groups and an HTTP listener forwarding to both by
/// weight, made in the emulator with the aws CLI (not the project's clients), as the stack's
/// traffic.yaml makes it.
/// </summary>
internal sealed record WeightedListener(AwsCli Aws, string LoadBalancerArn, string ListenerArn, string BlueArn, string GreenArn)
{
    public static async Task<WeightedListener> CreateAsync(AwsCli aws, int blue, int green)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var vpc = (await aws.RunAsync("ec2", "create-vpc", "--cidr-block", "10.9.0.0/16"))!["Vpc"]!["VpcId"]!.GetValue<string>();
        var a = (await aws.RunAsync("ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.9.1.0/24", "--availability-zone", "us-east-1a"))!["Subnet"]!["SubnetId"]!.GetValue<string>();
        var b = (await aws.RunAsync("ec2", "create-subnet", "--vpc-id", vpc, "--cidr-block", "10.9.2.0/24", "--availability-zone", "us-east-1b"))!["Subnet"]!["SubnetId"]!.GetValue<string>();
        var lb = (await aws.RunAsync("elbv2", "create-load-balancer", "--name", $"web-{suffix}", "--subnets", a, b))!["LoadBalancers"]![0]!["LoadBalancerArn"]!.GetValue<string>();
        var blueArn = await TargetGroupAsync(aws, $"blue-{suffix}", vpc);
        var greenArn = await TargetGroupAsync(aws, $"green-{suffix}", vpc);
        var listener = (await aws.RunAsync(
            "elbv2", "create-listener", "--load-balancer-arn", lb, "--protocol", "HTTP", "--port", "80",
            "--default-actions", Forward(blueArn, blue, greenArn, green)))!["Listeners"]![0]!["ListenerArn"]!.GetValue<string>();
        return new WeightedListener(aws, lb, listener, blueArn, greenArn);
    }

    /// <summary>Moves the weights out of band, as a person (or the rollout engine) would.</summary>
    public Task ModifyAsync(int blue, int green) =>
        Aws.RunAsync("elbv2", "modify-listener", "--listener-arn", ListenerArn, "--default-actions", Forward(BlueArn, blue, GreenArn, green));

    /// <summary>Sets a target group's <c>model-version</c> tag.</summary>
    public Task TagVersionAsync(string targetGroupArn, string label) =>
        Aws.RunAsync("elbv2", "add-tags", "--resource-arns", targetGroupArn, "--tags", $"Key=model-version,Value={label}");

    private static async Task<string> TargetGroupAsync(AwsCli aws, string name, string vpc) =>
        (await aws.RunAsync("elbv2", "create-target-group", "--name", name, "--protocol", "HTTP", "--port", "8080", "--vpc-id", vpc))!["TargetGroups"]![0]!["TargetGroupArn"]!.GetValue<string>();

    private static string Forward(string blueArn, int blue, string greenArn, int green) => new JsonArray(new JsonObject
    {
        ["Type"] = "forward",
        ["ForwardConfig"] = new JsonObject
        {
            ["TargetGroups"] = new JsonArray(
                new JsonObject { ["TargetGroupArn"] = blueArn, ["Weight"] = blue },
                new JsonObject { ["TargetGroupArn"] = greenArn, ["Weight"] = green }),
        },
    }).ToJsonString();
}
