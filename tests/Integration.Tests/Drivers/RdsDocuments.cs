namespace Reconciler.Integration.Tests.Drivers;

/// <summary>The documents the RDS driver tests share: a VPC with private subnets in two zones, the database's security group, and the RDS kinds.</summary>
internal static class RdsDocuments
{
    public const string Network = """
        kind: Vpc
        metadata:
          name: main
        spec:
          cidrBlock: 10.40.0.0/16
        ---
        kind: Subnet
        metadata:
          name: private-a
        spec:
          vpc: main
          cidrBlock: 10.40.10.0/24
          availabilityZone: us-east-1a
        ---
        kind: Subnet
        metadata:
          name: private-b
        spec:
          vpc: main
          cidrBlock: 10.40.11.0/24
          availabilityZone: us-east-1b
        ---
        kind: SecurityGroup
        metadata:
          name: db
        spec:
          vpc: main
          description: PostgreSQL from the app tier
          ingress:
            - fromPort: 5432
              toPort: 5432
              cidrBlocks: [10.40.0.0/16]
        ---
        kind: DbSubnetGroup
        metadata:
          name: main
        spec:
          description: Private subnets of the database
          subnets: [private-a, private-b]
        """;

    public const string ParameterGroup = """
        kind: DbParameterGroup
        metadata:
          name: postgres16
        spec:
          family: postgres16
          description: PostgreSQL 16 with TLS required
          parameters:
            rds.force_ssl: "1"
            log_min_duration_statement: "500"
        """;

    public const string Instance = """
        kind: DbInstance
        metadata:
          name: main
          tags:
            tier: data
        spec:
          engineVersion: "16.4"
          instanceClass: db.t3.micro
          allocatedStorage: 20
          dbSubnetGroup: main
          parameterGroup: postgres16
          securityGroups: [db]
          backupRetentionDays: 7
          masterUsername: platform
        """;

    /// <summary>Everything a DbInstance needs, in creation order.</summary>
    public static readonly (string Kind, string Name)[] InstanceDependencies =
        [("Vpc", "main"), ("Subnet", "private-a"), ("Subnet", "private-b"), ("SecurityGroup", "db"), ("DbSubnetGroup", "main"), ("DbParameterGroup", "postgres16")];

    public static string All(string instance = Instance) => string.Join("\n---\n", Network, ParameterGroup, instance);
}
