namespace Reconciler.Aws;

/// <summary>
/// Which writes may be sent again after their answer was lost. Most AWS writes converge to a
/// state (Put, Modify, Delete, Attach, Authorize, Tag, ...) or create a resource by a name the
/// caller chooses, so a second send either does nothing or is refused as "already exists",
/// "duplicate" or "not found", which drivers treat as done. The writes listed here create a
/// resource whose id AWS assigns and take no client token that the emulators honour: sending one
/// twice makes two resources. Their lost answers are reported as
/// <see cref="AwsWriteOutcomeUnknownException"/> instead, and the caller looks for what the first
/// send made (drivers find it by its tags) before creating again.
/// </summary>
public static class AwsWriteSafety
{
    private static readonly HashSet<(string Service, string Operation)> CreatesById =
    [
        ("ec2", "CreateVpc"), ("ec2", "CreateSubnet"), ("ec2", "CreateSecurityGroup"), ("ec2", "CreateInternetGateway"),
        ("ec2", "CreateRouteTable"), ("ec2", "CreateNatGateway"), ("ec2", "AllocateAddress"), ("ec2", "CreateVpcEndpoint"),
        ("ec2", "CreateNetworkAcl"), ("ec2", "CreateEgressOnlyInternetGateway"), ("ec2", "RunInstances"), ("ec2", "CreateLaunchTemplateVersion"),
        ("apigateway", "CreateRestApi"), ("apigateway", "CreateApiKey"), ("apigateway", "CreateUsagePlan"), ("apigateway", "CreateDeployment"),
        ("apigateway", "CreateResource"), ("ecs", "RegisterTaskDefinition"), ("lambda", "PublishVersion"),
    ];

    /// <summary>Whether the write <paramref name="operation"/> of <paramref name="service"/> (its signing name) may be re-sent after a lost answer.</summary>
    public static bool MayResend(string service, string operation) => !CreatesById.Contains((service, operation));
}
