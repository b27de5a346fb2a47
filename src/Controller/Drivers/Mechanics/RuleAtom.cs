namespace Reconciler.Controller.Drivers.Mechanics;

/// <summary>
/// The smallest unit AWS authorizes and revokes: one protocol and port range from (or to) one
/// source, either a CIDR block or a security group id. Documents and AWS both group atoms
/// differently; comparing atoms makes the grouping irrelevant to convergence.
/// </summary>
/// <param name="Protocol">tcp, udp, icmp, -1 or another protocol number.</param>
/// <param name="FromPort">First port (icmp: type); -1 for protocol -1.</param>
/// <param name="ToPort">Last port (icmp: code); -1 for protocol -1.</param>
/// <param name="Cidr">The CIDR source, IPv4 or IPv6; null for a group source.</param>
/// <param name="GroupId">The security group source; null for a CIDR source.</param>
/// <param name="Description">The rule's description; null when it has none.</param>
internal sealed record RuleAtom(string Protocol, int FromPort, int ToPort, string? Cidr, string? GroupId, string? Description)
{
    /// <summary>What AWS matches on: everything but the description, which it can change in place.</summary>
    public (string Protocol, int FromPort, int ToPort, string? Cidr, string? GroupId) Match => (Protocol, FromPort, ToPort, Cidr, GroupId);
}
