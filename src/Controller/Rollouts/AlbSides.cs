namespace Reconciler.Controller.Rollouts;

/// <summary>
/// The AWS identities of a rollout's ALB runtime, by role at this moment: the listener, blue's
/// and green's target groups, and the CloudWatch dimension values AWS/ApplicationELB publishes
/// them under (LoadBalancer=app/NAME/ID, TargetGroup=targetgroup/NAME/ID).
/// </summary>
internal sealed record AlbSides(string ListenerArn, string BlueArn, string GreenArn)
{
    /// <summary>The load balancer dimension: the listener ARN's app/NAME/ID part.</summary>
    public string LoadBalancerDimension
    {
        get
        {
            // arn:aws:elasticloadbalancing:REGION:ACCOUNT:listener/app/NAME/LB-ID/LISTENER-ID
            var resource = ListenerArn[(ListenerArn.IndexOf(":listener/", StringComparison.Ordinal) + ":listener/".Length)..];
            return resource[..resource.LastIndexOf('/')];
        }
    }

    /// <summary>Green's target group dimension.</summary>
    public string GreenDimension => TargetGroupDimension(GreenArn);

    /// <summary>Blue's target group dimension.</summary>
    public string BlueDimension => TargetGroupDimension(BlueArn);

    // arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/ID
    private static string TargetGroupDimension(string arn) => arn[(arn.IndexOf(":targetgroup/", StringComparison.Ordinal) + 1)..];
}
