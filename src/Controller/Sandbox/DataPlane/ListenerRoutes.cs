namespace Reconciler.Controller.Sandbox.DataPlane;

/// <summary>
/// The weighted listener as last read from the emulator: which target groups it forwards to
/// and with what weights. The proxy picks a target group for each request from it.
/// </summary>
/// <param name="LoadBalancerArn">The listener's load balancer.</param>
/// <param name="ListenerArn">The listener.</param>
/// <param name="Targets">Its forward action's target groups, in the order AWS lists them.</param>
internal sealed record ListenerRoutes(string LoadBalancerArn, string ListenerArn, IReadOnlyList<TargetRoute> Targets)
{
    /// <summary>The <c>LoadBalancer</c> dimension (<c>app/NAME/ID</c>).</summary>
    public string LoadBalancerDimension => ArnSuffix.LoadBalancer(LoadBalancerArn);

    /// <summary>
    /// The target group for a draw <paramref name="uniform"/> in [0, 1): each is chosen with
    /// probability weight / total, as an ALB does. Null when every weight is 0 (an ALB then
    /// answers 503).
    /// </summary>
    public TargetRoute? Pick(double uniform)
    {
        var total = Targets.Sum(t => t.Weight);
        if (total <= 0)
        {
            return null;
        }

        var point = uniform * total;
        foreach (var target in Targets)
        {
            if (point < target.Weight)
            {
                return target;
            }

            point -= target.Weight;
        }

        // Rounding at the top end: the last target with weight.
        return Targets.Last(t => t.Weight > 0);
    }
}
