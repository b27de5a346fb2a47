using System.Diagnostics;
using Amazon.Runtime;
using Reconciler.Controller.Aws;
using Reconciler.Controller.Cli;
using Reconciler.Controller.Sandbox;

namespace Reconciler.Bench;

/// <summary>
/// One apply of a stack under each fault mix (RECONCILER_FAULTS's forms), on a reset moto each
/// run: time to converge, requests made (the request log), the follow-up plan's exit code, and
/// duplicates counted by an independent client (boto3): EC2 resources sharing a
/// reconciler:resource tag, a CIDR or a group name.
/// </summary>
internal static class FaultScenario
{
    private static readonly string[] Mixes = ["", "throttle=0.3,error5xx=0.05,latencyMs=20", "lostWrites=0.15"];

    private const string DuplicateCount = """
import boto3, collections, sys
ec2 = boto3.client("ec2", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
def tag(i): return {t["Key"]: t["Value"] for t in i.get("Tags", [])}.get("reconciler:resource")
keys = [tag(v) for v in ec2.describe_vpcs()["Vpcs"]] + [tag(s) for s in ec2.describe_subnets()["Subnets"]] + [tag(g) for g in ec2.describe_security_groups()["SecurityGroups"]] + [tag(t) for t in ec2.describe_route_tables()["RouteTables"]] + [tag(i) for i in ec2.describe_internet_gateways()["InternetGateways"]]
keys += [s["CidrBlock"] for s in ec2.describe_subnets()["Subnets"] if tag(s)] + [v["CidrBlock"] for v in ec2.describe_vpcs()["Vpcs"] if tag(v)]
print(sum(n - 1 for k, n in collections.Counter(k for k in keys if k).items() if n > 1))
""";

    public static async Task<int> RunAsync(string directory, int runs)
    {
        await using var moto = await MotoServer.StartAsync("123456789012");
        var aws = AwsEnvironment.ForEndpoint(moto.Endpoint, "us-east-1", new BasicAWSCredentials("testing", "testing"));
        Console.WriteLine("| RECONCILER_FAULTS | run | apply exit | time to converge | requests | failed answers | follow-up plan exit | duplicates |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var mix in Mixes)
        {
            for (var run = 1; run <= runs; run++)
            {
                await moto.ResetAsync();
                var seeded = mix.Length == 0 ? null : $"{mix},seed={run}";
                var log = new AwsRequestLog();
                var watch = Stopwatch.StartNew();
                var exit = await ReconcilerCli.RunAsync(
                    ["apply", directory],
                    new CliEnvironment { Output = TextWriter.Null, Errors = TextWriter.Null, Aws = aws, RequestLog = log, Faults = AwsFaultOptions.Parse(seeded) },
                    CancellationToken.None);
                var elapsed = watch.Elapsed;
                var plan = await ReconcilerCli.RunAsync(
                    ["plan", directory], new CliEnvironment { Output = TextWriter.Null, Errors = TextWriter.Null, Aws = aws, RequestLog = new AwsRequestLog() }, CancellationToken.None);
                var duplicates = await DuplicatesAsync(moto.Endpoint);
                Console.WriteLine($"| {seeded ?? "(none)"} | {run} | {exit} | {elapsed.TotalSeconds:0.0} s | {log.Total} | {log.Failures} | {plan} | {duplicates} |");
            }
        }

        return 0;
    }

    private static async Task<string> DuplicatesAsync(Uri endpoint)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(DuplicateCount);
        start.ArgumentList.Add(endpoint.ToString());
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Trim();
    }
}
