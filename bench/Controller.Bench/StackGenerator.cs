using System.Text;

namespace Reconciler.Bench;

/// <summary>
/// Writes a desired-state folder of a large stack of today's kinds, for measuring reads at scale:
/// of N resources, 20 % subnets, 30 % security groups, 40 % log groups, 5 % buckets and 5 % tables,
/// plus the VPCs the subnets need (one per 100 subnets, 10.V.0.0/16, subnets 10.V.I.0/24: no
/// overlaps). Security groups spread over the VPCs with one ingress and one egress rule each.
/// </summary>
internal static class StackGenerator
{
    private const int SubnetsPerVpc = 100;
    private static readonly string[] Zones = ["us-east-1a", "us-east-1b", "us-east-1c"];

    /// <summary>The counts of each kind for <paramref name="resources"/> resources (VPCs come on top).</summary>
    public static (int Subnets, int SecurityGroups, int LogGroups, int Buckets, int Tables, int Vpcs) Mix(int resources)
    {
        var subnets = resources * 20 / 100;
        var groups = resources * 30 / 100;
        var logs = resources * 40 / 100;
        var buckets = resources * 5 / 100;
        var tables = resources - subnets - groups - logs - buckets;
        return (subnets, groups, logs, buckets, tables, Math.Max(1, (subnets + SubnetsPerVpc - 1) / SubnetsPerVpc));
    }

    /// <summary>Writes stack <paramref name="stackName"/> of <paramref name="resources"/> resources into <paramref name="directory"/>; returns the number of documents besides the Stack.</summary>
    public static int Write(string directory, string stackName, int resources, string accountId)
    {
        Directory.CreateDirectory(directory);
        var (subnets, groups, logs, buckets, tables, vpcs) = Mix(resources);
        File.WriteAllText(Path.Combine(directory, "stack.yaml"), $"""
            kind: Stack
            metadata:
              name: {stackName}
            spec:
              region: us-east-1
              accountId: "{accountId}"
              tags:
                project: scale-bench
              policies:
                drift: alert
                deletion: delete
            """ + "\n");

        Write(directory, "network.yaml", Enumerable.Range(0, vpcs).Select(v => $"""
            kind: Vpc
            metadata:
              name: vpc-{v}
            spec:
              cidrBlock: 10.{v}.0.0/16
            """).Concat(Enumerable.Range(0, subnets).Select(i => $"""
            kind: Subnet
            metadata:
              name: subnet-{i}
            spec:
              vpc: vpc-{i / SubnetsPerVpc}
              cidrBlock: 10.{i / SubnetsPerVpc}.{i % SubnetsPerVpc}.0/24
              availabilityZone: {Zones[i % Zones.Length]}
            """)));
        Write(directory, "security.yaml", Enumerable.Range(0, groups).Select(i => $"""
            kind: SecurityGroup
            metadata:
              name: sg-{i}
            spec:
              vpc: vpc-{i % vpcs}
              description: Service {i} - HTTPS from the VPC
              ingress:
                - protocol: tcp
                  fromPort: 443
                  toPort: 443
                  cidrBlocks: [10.{i % vpcs}.0.0/16]
                  description: HTTPS from the VPC
              egress:
                - protocol: tcp
                  fromPort: 5432
                  toPort: 5432
                  cidrBlocks: [10.{i % vpcs}.0.0/16]
                  description: PostgreSQL in the VPC
            """));
        Write(directory, "logs.yaml", Enumerable.Range(0, logs).Select(i => $"""
            kind: LogGroup
            metadata:
              name: service-{i}
            spec:
              retentionDays: 14
            """));
        Write(directory, "storage.yaml", Enumerable.Range(0, buckets).Select(i => $"""
            kind: Bucket
            metadata:
              name: data-{i}
            spec:
              versioning: true
              encryption: AES256
              blockPublicAccess: true
              lifecycleRules:
                - id: abort-incomplete-uploads
                  abortIncompleteMultipartUploadDays: 7
            """).Concat(Enumerable.Range(0, tables).Select(i => $"""
            kind: Table
            metadata:
              name: table-{i}
            spec:
              partitionKey:
                name: id
                type: S
              billingMode: PAY_PER_REQUEST
              pointInTimeRecovery: true
            """)));
        return resources + vpcs;
    }

    private static void Write(string directory, string file, IEnumerable<string> documents)
    {
        var text = new StringBuilder();
        foreach (var document in documents)
        {
            text.Append(text.Length == 0 ? "" : "---\n").Append(document.ReplaceLineEndings("\n")).Append('\n');
        }

        File.WriteAllText(Path.Combine(directory, file), text.ToString(), new UTF8Encoding(false));
    }
}
