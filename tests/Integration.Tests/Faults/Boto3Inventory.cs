using System.Diagnostics;

namespace Reconciler.Integration.Tests.Faults;

/// <summary>
/// The crash test's checker: one boto3 process (an independent client, like the aws CLI, but one
/// process for every read instead of seven) lists the EC2 network resources, launch templates and
/// Auto Scaling groups and prints one line
/// per duplicate (two with one reconciler:resource tag, two VPCs or subnets with one CIDR, two
/// groups with one name in a VPC) or untagged leftover. Nothing printed: nothing wrong.
/// </summary>
internal static class Boto3Inventory
{
    private const string Script = """
import boto3, collections, sys
ec2 = boto3.client("ec2", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
def tags(item): return {t["Key"]: t["Value"] for t in item.get("Tags", [])}
default_vpcs = {v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"] if v.get("IsDefault")}
items = []
for v in ec2.describe_vpcs()["Vpcs"]:
    if not v.get("IsDefault"): items.append(("Vpc", v["VpcId"], tags(v), v["CidrBlock"]))
for s in ec2.describe_subnets()["Subnets"]:
    if s["VpcId"] not in default_vpcs: items.append(("Subnet", s["SubnetId"], tags(s), s["CidrBlock"]))
for g in ec2.describe_security_groups()["SecurityGroups"]:
    if g["GroupName"] != "default": items.append(("SecurityGroup", g["GroupId"], tags(g), g.get("VpcId", "") + "/" + g["GroupName"]))
for t in ec2.describe_route_tables()["RouteTables"]:
    if not any(a.get("Main") for a in t.get("Associations", [])): items.append(("RouteTable", t["RouteTableId"], tags(t), None))
for i in ec2.describe_internet_gateways()["InternetGateways"]:
    if not any(a["VpcId"] in default_vpcs for a in i.get("Attachments", [])): items.append(("InternetGateway", i["InternetGatewayId"], tags(i), None))
for t in ec2.describe_launch_templates()["LaunchTemplates"]: items.append(("LaunchTemplate", t["LaunchTemplateId"], tags(t), t["LaunchTemplateName"]))
autoscaling = boto3.client("autoscaling", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
for g in autoscaling.describe_auto_scaling_groups()["AutoScalingGroups"]: items.append(("AutoScalingGroup", g["AutoScalingGroupName"], tags(g), None))
by_tag = collections.defaultdict(list); by_identity = collections.defaultdict(list)
for kind, id, t, identity in items:
    if "reconciler:stack" not in t: print(f"untagged: {kind} {id}")
    if "reconciler:resource" in t: by_tag[(kind, t["reconciler:resource"])].append(id)
    if identity: by_identity[(kind, identity)].append(id)
for key, ids in list(by_tag.items()) + list(by_identity.items()):
    if len(ids) > 1: print(f"duplicate: {key[0]} {key[1]}: {', '.join(ids)}")
""";

    /// <summary>Every duplicate and untagged leftover the emulator at <paramref name="endpoint"/> holds; empty when none.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(Uri endpoint)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(endpoint.ToString());
        start.Environment.Remove("AWS_PROFILE");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The boto3 inventory failed ({process.ExitCode}): {await errors}");
        }

        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
