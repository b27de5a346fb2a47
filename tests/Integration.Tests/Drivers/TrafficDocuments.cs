namespace Reconciler.Integration.Tests.Drivers;

/// <summary>
/// The documents of a small public entry point (network, load balancer, target groups, a
/// certificate and two listeners), shared by the traffic kinds' driver tests, and the order to
/// create them in.
/// </summary>
internal static class TrafficDocuments
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
          name: public-a
        spec:
          vpc: main
          cidrBlock: 10.40.1.0/24
          availabilityZone: us-east-1a
        ---
        kind: Subnet
        metadata:
          name: public-b
        spec:
          vpc: main
          cidrBlock: 10.40.2.0/24
          availabilityZone: us-east-1b
        ---
        kind: SecurityGroup
        metadata:
          name: alb
        spec:
          vpc: main
          description: the load balancer
          ingress:
            - fromPort: 443
              toPort: 443
              cidrBlocks: [0.0.0.0/0]
        ---
        kind: Bucket
        metadata:
          name: logs
        spec: {}
        """;

    public const string LoadBalancer = """
        kind: LoadBalancer
        metadata:
          name: web
        spec:
          scheme: internet-facing
          subnets: [public-a, public-b]
          securityGroups: [alb]
          accessLogs:
            bucket: logs
            prefix: alb
          deletionProtection: true
          idleTimeoutSeconds: 60
        """;

    public const string TargetGroups = """
        kind: TargetGroup
        metadata:
          name: blue
        spec:
          vpc: main
          port: 8080
          healthCheck:
            path: /health/ready
        ---
        kind: TargetGroup
        metadata:
          name: green
        spec:
          vpc: main
          port: 8080
          healthCheck:
            path: /health/ready
        """;

    public const string Certificate = """
        kind: Certificate
        metadata:
          name: web
        spec:
          domainName: api.example.com
          subjectAlternativeNames: [www.example.com]
        """;

    public const string Listeners = """
        kind: Listener
        metadata:
          name: http
        spec:
          loadBalancer: web
          port: 80
          protocol: HTTP
          defaultAction:
            redirect: {}
        ---
        kind: Listener
        metadata:
          name: https
        spec:
          loadBalancer: web
          port: 443
          protocol: HTTPS
          certificate: web
          defaultAction:
            forward:
              targetGroups:
                - targetGroup: blue
                  weight: 100
                - targetGroup: green
                  weight: 0
              weights: rollout
        """;

    /// <summary>Everything a listener needs, in create order.</summary>
    public static readonly (string Kind, string Name)[] UpToLoadBalancer =
    [
        ("Vpc", "main"), ("Subnet", "public-a"), ("Subnet", "public-b"), ("SecurityGroup", "alb"), ("Bucket", "logs"), ("LoadBalancer", "web"),
    ];

    /// <summary>Everything a listener needs, in create order.</summary>
    public static readonly (string Kind, string Name)[] UpToListeners =
    [
        .. UpToLoadBalancer, ("TargetGroup", "blue"), ("TargetGroup", "green"), ("Certificate", "web"),
    ];

    /// <summary>The documents joined into one stream.</summary>
    public static string Join(params string[] parts) => string.Join("\n---\n", parts);
}
