namespace Reconciler.Controller.Sandbox.DataPlane;

/// <summary>
/// The ARN suffixes an ALB uses as CloudWatch dimensions: <c>app/NAME/ID</c> for the load
/// balancer and <c>targetgroup/NAME/ID</c> for a target group, so the sandbox's metrics carry the
/// same dimension values real ones would and an analysis query works unchanged on AWS.
/// </summary>
internal static class ArnSuffix
{
    /// <summary>The <c>LoadBalancer</c> dimension of a load balancer ARN (<c>...:loadbalancer/app/NAME/ID</c>).</summary>
    public static string LoadBalancer(string arn) => After(arn, "loadbalancer/");

    /// <summary>The part of <paramref name="arn"/> from <paramref name="marker"/> on (the marker kept when it is <c>targetgroup/</c>).</summary>
    /// <exception cref="FormatException">The ARN has no such part.</exception>
    public static string After(string arn, string marker)
    {
        var at = arn.IndexOf(':' + marker, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new FormatException($"'{arn}' is not an ARN with a '{marker}' resource");
        }

        var suffix = arn[(at + 1)..];
        return marker == "loadbalancer/" ? suffix[marker.Length..] : suffix;
    }
}
