namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>Which of a security group's rule lists: EC2 has a separate API call for each.</summary>
internal enum RuleDirection
{
    /// <summary>Inbound rules.</summary>
    Ingress,

    /// <summary>Outbound rules.</summary>
    Egress,
}
