namespace Reconciler.Integration.Tests.Drivers;

/// <summary>The container half's documents for driver tests: a Fargate service with its network, roles, logs, image repository and cluster.</summary>
internal static class ContainerDocuments
{
    public const string Network = """
        kind: Vpc
        metadata:
          name: main
        spec:
          cidrBlock: 10.0.0.0/16
        ---
        kind: Subnet
        metadata:
          name: private-a
        spec:
          vpc: main
          cidrBlock: 10.0.10.0/24
          availabilityZone: us-east-1a
        ---
        kind: Subnet
        metadata:
          name: private-b
        spec:
          vpc: main
          cidrBlock: 10.0.11.0/24
          availabilityZone: us-east-1b
        ---
        kind: SecurityGroup
        metadata:
          name: app
        spec:
          vpc: main
          description: Tasks
        """;

    public const string Roles = """
        kind: Role
        metadata:
          name: execution
        spec:
          assumeRolePolicy:
            statements:
              - principals:
                  service: [ecs-tasks.amazonaws.com]
                actions: [sts:AssumeRole]
        ---
        kind: Role
        metadata:
          name: task
        spec:
          assumeRolePolicy:
            statements:
              - principals:
                  service: [ecs-tasks.amazonaws.com]
                actions: [sts:AssumeRole]
        ---
        kind: LogGroup
        metadata:
          name: api
        spec:
          retentionDays: 14
        """;

    public const string Repository = """
        kind: Repository
        metadata:
          name: api
        spec:
          scanOnPush: true
          immutableTags: true
          lifecycle:
            keepLastImages: 10
            expireUntaggedAfterDays: 7
        """;

    public const string Cluster = """
        kind: Cluster
        metadata:
          name: apps
        spec:
          containerInsights: true
          capacityProviders: [FARGATE, FARGATE_SPOT]
        """;

    public const string TaskDefinition = """
        kind: TaskDefinition
        metadata:
          name: api
        spec:
          cpu: 256
          memory: 512
          taskRole: task
          executionRole: execution
          containers:
            - name: api
              repository: api
              imageTag: "1.0.0"
              port: 8080
              environment:
                LOG_LEVEL: info
              secrets:
                - name: API_TOKEN
                  valueFrom: arn:aws:secretsmanager:us-east-1:123456789012:secret:api-token
              healthCheckCommand: [CMD-SHELL, "curl -f http://localhost:8080/healthz || exit 1"]
              logGroup: api
        """;

    public const string Service = """
        kind: Service
        metadata:
          name: api
        spec:
          cluster: apps
          taskDefinition: api
          desiredCount: 2
          subnets: [private-a, private-b]
          securityGroups: [app]
          minimumHealthyPercent: 50
          maximumPercent: 200
        """;

    /// <summary>What a task definition needs first, in create order.</summary>
    public static readonly (string Kind, string Name)[] TaskDefinitionNeeds = [("Role", "execution"), ("Role", "task"), ("LogGroup", "api"), ("Repository", "api")];

    /// <summary>What a service needs first, in create order.</summary>
    public static readonly (string Kind, string Name)[] ServiceNeeds =
        [("Vpc", "main"), ("Subnet", "private-a"), ("Subnet", "private-b"), ("SecurityGroup", "app"), .. TaskDefinitionNeeds, ("Cluster", "apps"), ("TaskDefinition", "api")];

    public static string All(params string[] documents) => string.Join("\n---\n", documents);
}
